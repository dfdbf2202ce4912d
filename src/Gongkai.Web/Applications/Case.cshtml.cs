using Gongkai.Web.Applications.Actions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Applications;

/// <summary>
/// One case: facts, the applicant (own agency only, audited), the request, the due date with its computation, the
/// pending extension request, the lifecycle actions (those the engine accepts now first) and the history. Each action
/// posts back here; a refused or conflicting action re-renders the page with the reason and the typed values.
/// </summary>
[Authorize]
public sealed class CaseModel(CaseViewer viewer, CaseActions actions, RelatedCases related, CaseTransfers transfers) : PageModel
{
    public CaseDetails Details { get; private set; } = null!;

    /// <summary>The key of the action posted (<see cref="CaseAction.Key"/>); its fields come as <c>Input.X</c>.</summary>
    [BindProperty]
    public string? ActionKey { get; set; }

    /// <summary>An action to show unfolded on arrival (<c>?open=approve-extension</c>: the 工作台 links to <see cref="ApproveExtension"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "open")]
    public string? OpenAction { get; set; }

    /// <summary>The result of the action just posted, when it did not succeed.</summary>
    public CaseActionResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await viewer.LoadAsync(id, showPersonalData: true, cancellationToken: cancellationToken) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        return Page();
    }

    /// <summary>
    /// Shows the applicant's identity number, phone and address in full, once, on this answer (a POST, so that
    /// revealing is a deliberate act and not a link that a crawler or a shared URL repeats); audited as
    /// "applicant.revealed". Readers who may not see personal data get the ordinary page.
    /// </summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await viewer.LoadAsync(id, showPersonalData: true, revealPersonalData: true, cancellationToken) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        return Page();
    }

    /// <summary>Links this case as a repetition of an earlier likely duplicate (audited as application.linked).</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid id, Guid earlierId, CancellationToken cancellationToken)
    {
        if (await viewer.LoadAsync(id, showPersonalData: false, cancellationToken: cancellationToken) is not { } details)
        {
            return NotFound();
        }

        if (!details.CanAct)
        {
            return Forbid();
        }

        TempData["Message"] = await related.LinkDuplicateAsync(details.Record, earlierId, cancellationToken)
            ?? "已关联为重复申请；如决定不予处理，请起草“不予处理（重复申请）”答复书。";
        return Redirect($"/applications/{id}#related");
    }

    /// <summary>
    /// Forwards the case to the competent agency its issued reply names (条例第三十六条第（五）项), with the applicant's
    /// consent and once; audited as application.forwarded. A refusal comes back as the page's message.
    /// </summary>
    public async Task<IActionResult> OnPostForwardAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await viewer.LoadAsync(id, showPersonalData: false, cancellationToken: cancellationToken) is not { } details)
        {
            return NotFound();
        }

        if (!details.CanAct)
        {
            return Forbid();
        }

        var (forwarded, refusal) = await transfers.ForwardAsync(id, cancellationToken);
        TempData["Message"] = refusal ?? $"已转送，该机关的申请编号为 {forwarded!.Number}，已通知该机关的经办人。";
        return Redirect($"/applications/{id}#history");
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (CaseActionCatalog.Find(ActionKey) is not { } action)
        {
            return NotFound();
        }

        // Bound to the action's own input type, so only its fields are read.
        var input = action.NewInput();
        var result = await TryUpdateModelAsync(input, action.InputType, "Input")
            ? await actions.ExecuteAsync(id, action, input, cancellationToken)
            : CaseActionResult.Invalid(ModelState
                .Where(e => e.Value?.Errors.Count > 0)
                .ToDictionary(e => e.Key.Replace("Input.", "", StringComparison.Ordinal), _ => "格式不正确，请重新填写。", StringComparer.Ordinal));
        switch (result.Status)
        {
            case CaseActionStatus.Done:
                TempData["Message"] = result.Message;
                return Redirect($"/applications/{id}#history");
            case CaseActionStatus.NotFound:
                return NotFound();
            default:
                if (await viewer.LoadAsync(id, showPersonalData: true, cancellationToken: cancellationToken) is not { } details)
                {
                    return NotFound();
                }

                Details = details;
                Result = result;
                if (result.Status == CaseActionStatus.Forbidden)
                {
                    Response.StatusCode = StatusCodes.Status403Forbidden;
                }

                return Page();
        }
    }

    /// <summary>Whether <paramref name="key"/> is the action whose post was just refused (its form shows what was typed).</summary>
    public bool IsPosted(string key) => Result is not null && string.Equals(ActionKey, key, StringComparison.Ordinal);

    /// <summary>Whether the form of <paramref name="key"/> is shown unfolded: the refused post's, or the one asked for by the link.</summary>
    public bool IsOpen(string key) =>
        Result is null ? string.Equals(OpenAction, key, StringComparison.Ordinal) : IsPosted(key);

    /// <summary>The posted text of a field of the refused action, or <paramref name="fallback"/> for the other forms.</summary>
    public string? Value(string key, string field, string? fallback = null) =>
        IsPosted(key) ? Request.Form["Input." + field].ToString() : fallback;

    public string? Error(string key, string field) =>
        IsPosted(key) && Result!.Errors.TryGetValue(field, out var message) ? message : null;
}
