using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Supervision;

/// <summary>One row of the checklist form, as typed.</summary>
public sealed class ChecklistRowInput
{
    public string? Key { get; set; }

    public string? Text { get; set; }

    public string? Order { get; set; }

    public bool Retire { get; set; }
}

/// <summary>
/// 抽查检查项: a region's spot-check checklist — the list in force (its own, a region above's, or the built-in one),
/// its versions, and the form that makes the next version (reword, reorder, retire, add). Checks already drawn keep
/// the questions they were drawn with; checks drawn afterwards take the new version.
/// </summary>
[Authorize(Roles = Roles.Supervisor + "," + Roles.Administrator)]
public sealed class ChecklistModel(SpotChecks spotChecks, RegionScope scope) : PageModel
{
    /// <summary>Blank rows the form offers for new questions.</summary>
    public const int NewRows = 3;

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    [BindProperty]
    public List<ChecklistRowInput> Rows { get; set; } = [];

    [BindProperty]
    public int BaseVersion { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public Region SelectedRegion { get; private set; } = null!;

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>The list checks drawn now take, or null for the built-in one.</summary>
    public StoredChecklist? InForce { get; private set; }

    public IReadOnlyList<ChecklistQuestion> Current => InForce?.Questions ?? SpotChecklist.Default;

    public IReadOnlyList<StoredChecklist> Versions { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Rows = [.. Current.Select((q, i) => new ChecklistRowInput { Key = q.Key, Text = q.Text, Order = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })];
        Rows.AddRange(Enumerable.Range(0, NewRows).Select(_ => new ChecklistRowInput()));
        BaseVersion = Versions.Count > 0 ? Versions[0].Version : 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Rows = [.. Rows.Take(SpotChecklist.MaxQuestions + Current.Count + NewRows)];
        var edits = Rows.Select(r => new ChecklistEdit(r.Key, r.Text, r.Order, r.Retire)).ToList();
        Problems = await spotChecks.SaveChecklistAsync(SelectedRegion, Current, BaseVersion, edits, Note, cancellationToken);
        if (Problems.Count == 0)
        {
            TempData["Message"] = "已保存为新版本；此后抽取的样本按新版本检查，已抽取的仍按原检查项。";
            return Redirect($"/supervision/spot-checks/checklist?region={SelectedRegion.Id}");
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Regions = await scope.RegionsAsync(cancellationToken);
        if ((Region is { } id ? Regions.FirstOrDefault(r => r.Id == id) : Regions.Count > 0 ? Regions[0] : null) is not { } region)
        {
            return false;
        }

        SelectedRegion = region;
        Versions = await spotChecks.ChecklistVersionsAsync(region, cancellationToken);
        InForce = await spotChecks.ChecklistInForceAsync(region, cancellationToken);
        return true;
    }
}
