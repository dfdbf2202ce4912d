using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Letters;
using Gongkai.Web.Portal.Status;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Apply;

/// <summary>After an online application: the receipt code, the dates, and the printable 申请接收回执 from the agency's template.</summary>
public sealed class ReceiptModel(GongkaiDbContext db, ApplicantSession session, CaseRulesProvider rulesProvider) : PageModel
{
    public ApplicationRecord Application { get; private set; } = null!;

    public string AgencyName { get; private set; } = "";

    public DateOnly? DueOn { get; private set; }

    /// <summary>The years the due date depends on whose holiday notice is not loaded (the date is then 暂定).</summary>
    public IReadOnlyList<int> DueMissingYears { get; private set; } = [];

    public LetterDocument Receipt { get; private set; } = null!;

    /// <summary>The agency counts this application from its confirmation and has not confirmed it: no due date yet.</summary>
    public bool AwaitingConfirmation { get; private set; }

    /// <summary>When the agency counts an online application as received (条例第三十一条).</summary>
    public Gongkai.Applications.OnlineReceiptRule ReceiptRule { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (session.Current(HttpContext) is not { } id || await PublicCase.LoadAsync(db, id, HttpContext.RequestAborted) is not { } application)
        {
            return Redirect("/status");
        }

        var rules = await rulesProvider.GetAsync(HttpContext.RequestAborted);
        var current = application.ToCase(rules);
        var agency = await LetterAgency.LoadAsync(db, application.AgencyId, HttpContext.RequestAborted);
        var template = (await LetterTemplates.ForAsync(db, application.AgencyId, LetterCatalogue.Receipt, HttpContext.RequestAborted))!;
        var values = LetterFields.For(template.Kind, agency, application, current, rules, application.ApplicantName);
        Application = application;
        AgencyName = agency.Name;
        AwaitingConfirmation = current.Receipt.IsAwaitingConfirmation;
        ReceiptRule = await db.Agencies.Where(a => a.Id == application.AgencyId).Select(a => a.OnlineReceipt).SingleAsync(HttpContext.RequestAborted)
            ?? Gongkai.Applications.OnlineReceiptRule.OnSubmission;
        var deadline = current.Deadline(rules);
        DueOn = deadline.Due;
        DueMissingYears = deadline.MissingYears;
        // A placeholder an agency's template uses but the case cannot fill becomes a blank line, never "{…}" in public.
        foreach (var name in LetterFields.Placeholders(template.Title + "\n" + template.Body))
        {
            values.TryAdd(name, "＿＿＿＿");
        }

        var body = LetterFields.Fill(template.Body, values).Text;
        Receipt = new LetterDocument(
            LetterFields.Fill(template.Title, values).Text,
            null,
            [.. body.Split('\n').Where(p => p.Trim().Length > 0)],
            agency.Name,
            DateText.Chinese(current.Receipt.ReceiptDate ?? current.Receipt.ArrivedOn),
            IsDraft: false);
        return Page();
    }
}
