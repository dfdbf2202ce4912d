using System.Globalization;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Attachments;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Supervision;

/// <summary>
/// One spot check: the sample with its seed, each item's checking form (the checklist), the problems recorded with
/// their notes and evidence, and from each problem a rectification.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class SpotCheckModel(SpotChecks spotChecks, IFileStore store, AuditLog audit, GongkaiDbContext db) : PageModel
{
    [BindProperty]
    public Guid ItemId { get; set; }

    [BindProperty]
    public Dictionary<string, ChecklistAnswer> Answers { get; set; } = [];

    public SpotCheckView View { get; private set; } = null!;

    public IReadOnlyList<SpotCheckLine> Lines { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Guid> Raised { get; private set; } = new Dictionary<Guid, Guid>();

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await spotChecks.FindAsync(id, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        var answers = Answers.Where(a => a.Key.Length <= 40).Take(50).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        Error = await spotChecks.RecordAsync(view, ItemId, answers, Request.Form.Files, cancellationToken);
        if (Error is null)
        {
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/supervision/spot-checks/{id}"));
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid problem, CancellationToken cancellationToken)
    {
        if (await spotChecks.FindAsync(id, cancellationToken) is not { } view
            || await spotChecks.EvidenceAsync(view, problem, cancellationToken) is not { } attachment
            || await store.OpenAsync(attachment.Sha256, cancellationToken) is not { } content)
        {
            return NotFound();
        }

        audit.Record("attachment.downloaded", "Attachment", attachment.Id.ToString(), $"下载抽查证明材料“{attachment.FileName}”（{view.Agency.Name}）", view.Agency.Id);
        await db.SaveChangesAsync(cancellationToken);
        return AttachmentFile.Send(Response, content, attachment);
    }

    /// <summary>The rectification form filled in from a problem: agency, source, title and requirement.</summary>
    public string RaiseLink(SpotCheckLine line, SpotCheckProblemRecord problem, string question)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(problem);
        var title = "抽查问题：" + (line.Title.Length > 150 ? line.Title[..150] + "…" : line.Title);
        var detail = $"{DateText.Iso(View.Check.DrawnOn)} 抽查（随机种子 {View.Check.Seed}）发现“{line.Title}”（索引号 {line.IndexNumber ?? "—"}）不符合检查项“{question}”：{problem.Note}\n请更正后说明整改情况。";
        return $"/supervision/rectifications/new?agency={View.Agency.Id}&source={RectificationSource.SpotCheckProblem}&rule={SpotChecks.SourceRef(problem.Id)}"
            + $"&title={Uri.EscapeDataString(title)}&detail={Uri.EscapeDataString(detail)}";
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await spotChecks.FindAsync(id, cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        Lines = await spotChecks.LinesAsync(id, cancellationToken);
        Raised = await spotChecks.RectificationsAsync(Lines.SelectMany(l => l.Problems).Select(p => p.Id), cancellationToken);
        return true;
    }
}
