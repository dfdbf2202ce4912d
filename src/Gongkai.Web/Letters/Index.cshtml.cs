using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>The letters of one application, and a new draft from a template (the outcome picks the reply template).</summary>
[Authorize]
public sealed class IndexModel(GongkaiDbContext db, Staff staff, LetterDrafts drafts) : PageModel
{
    /// <summary>Handlers and reviewers act here; other staff read.</summary>
    public bool CanAct => staff.CanHandleCases;

    public CaseHeader Case { get; private set; } = null!;

    public IReadOnlyList<LetterRow> Letters { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Recipient { get; set; }

    [BindProperty]
    public FeeMethod FeeMethod { get; set; } = FeeMethod.ByPages;

    [BindProperty]
    public int? FeeQuantity { get; set; }

    [BindProperty]
    public int? FeeEarlier { get; set; }

    public bool HasFeeNotice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Kind ??= Case.Outcome is { } outcome ? LetterCatalogue.ReplyKind(outcome) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (LetterCatalogue.Find(Kind) is not { } kind)
        {
            Errors[nameof(Kind)] = "请选择文书类型。";
            return Page();
        }

        FeeQuote? fee = null;
        if (kind.Id == LetterCatalogue.FeeNotice && !HasFeeNotice)
        {
            fee = QuoteFee();
            if (Errors.Count > 0)
            {
                return Page();
            }
        }

        var draft = await drafts.DraftAsync(id, kind.Id, Recipient, fee, HttpContext.RequestAborted);
        if (draft.Letter is not { } letter)
        {
            Errors[draft.Field!] = draft.Error!;
            return Page();
        }

        TempData["Message"] = $"已起草{kind.Label}，请核对正文后提交审批。";
        return Redirect($"/applications/{id}/letters/{letter.Id}");
    }

    private FeeQuote? QuoteFee()
    {
        if (FeeQuantity is not > 0)
        {
            Errors[nameof(FeeQuantity)] = FeeMethod == FeeMethod.ByCount ? "请填写本次收费的申请件数。" : "请填写提供信息的页数。";
            return null;
        }

        if (FeeEarlier is < 0)
        {
            Errors[nameof(FeeEarlier)] = "本月此前件数不能为负数。";
            return null;
        }

        var quote = FeeMethod == FeeMethod.ByCount
            ? InformationProcessingFee.ByCount(FeeQuantity.Value, FeeEarlier ?? 0)
            : InformationProcessingFee.ByPages(FeeQuantity.Value);
        if (quote.Amount == 0)
        {
            Errors[nameof(FeeQuantity)] = "按此计算不产生信息处理费（在免费范围内），不需要发出收费通知。";
            return null;
        }

        return quote;
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await CaseHeader.FindAsync(db, staff, id, HttpContext.RequestAborted) is not { } header)
        {
            return false;
        }

        Case = header;
        var rows = await db.Letters.AsNoTracking().Where(l => l.ApplicationId == id)
            .OrderBy(l => l.CreatedAtUtc)
            .Select(l => new { l.Id, l.Kind, l.Title, l.Number, l.Status, l.IssuedOn, l.Recipient, l.VisibleToApplicant })
            .ToListAsync(HttpContext.RequestAborted);
        Letters = [.. rows.Select(l => new LetterRow(l.Id, LetterCatalogue.Find(l.Kind)?.Label ?? l.Kind, l.Title, l.Number, l.Status, l.IssuedOn, l.Recipient, l.VisibleToApplicant))];
        HasFeeNotice = await db.ApplicationEvents.AnyAsync(e => e.ApplicationId == id && e.Kind == nameof(FeeNoticeSent), HttpContext.RequestAborted);
        return true;
    }
}

/// <summary>One letter in the list of an application's letters.</summary>
public sealed record LetterRow(Guid Id, string KindLabel, string Title, string? Number, LetterStatus Status, DateOnly? IssuedOn, string Recipient, bool VisibleToApplicant);
