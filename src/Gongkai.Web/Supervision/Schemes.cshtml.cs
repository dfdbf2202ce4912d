using System.Globalization;
using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>One line of the scheme form, as typed (numbers stay text so a bad entry comes back as it was).</summary>
public sealed class SchemeLineInput
{
    public bool Include { get; set; }

    public IndicatorKind Kind { get; set; }

    public string? Weight { get; set; }

    public string? FullAt { get; set; }

    public string? ZeroAt { get; set; }

    public string? Title { get; set; }

    public string? Guidance { get; set; }
}

/// <summary>
/// 考核方案: a region's scheme versions for quarters or years, and the form that makes the next version. Versions are
/// never edited in place; the new one takes effect from a period that has no stored results.
/// </summary>
[Authorize(Roles = Roles.Supervisor + "," + Roles.Administrator)]
public sealed class SchemesModel(Assessments assessments, GongkaiDbContext db, AuditLog audit, Staff staff, TimeProvider clock) : PageModel
{
    private const int ManualLines = 2;

    [BindProperty(SupportsGet = true)]
    public PeriodKind Kind { get; set; } = PeriodKind.Quarter;

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    [BindProperty]
    public List<SchemeLineInput> Lines { get; set; } = [];

    [BindProperty]
    public string? EffectiveFrom { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public Region SelectedRegion { get; private set; } = null!;

    public IReadOnlyList<StoredScheme> Versions { get; private set; } = [];

    public IReadOnlyList<AssessmentPeriod> EffectiveChoices { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var current = Versions.Count > 0 ? Versions[0].Scheme.Indicators : AssessmentSchemes.DefaultIndicators;
        Lines = [.. FormLines(current)];
        EffectiveFrom = AssessmentPeriod.Containing(assessments.Today, Kind).Key;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // A form that was not this page's (missing or unknown indicators) is shown again as this page's form would be.
        Lines = [.. Lines.Where(l => Enum.IsDefined(l.Kind)).Take(IndicatorCatalogue.All.Count + ManualLines)];
        if (Lines.Count == 0)
        {
            Lines = [.. FormLines(AssessmentSchemes.DefaultIndicators)];
            Problems = ["请填写考核方案。"];
            return Page();
        }

        var (lines, problems) = Read(Lines);
        if (!AssessmentPeriod.TryParse(EffectiveFrom, out var from) || from.Kind != Kind)
        {
            problems.Add("请选择新版本开始施行的考核期。");
        }
        else if (AssessmentSchemes.NewVersionRefusal(from, await assessments.ClosedPeriodsAsync(SelectedRegion.Id, cancellationToken)) is { } refusal)
        {
            problems.Add(refusal);
        }

        if (Note is { Length: > 500 })
        {
            problems.Add("修订说明不超过 500 字。");
        }

        problems.AddRange(problems.Count == 0 ? AssessmentSchemes.Problems(lines) : []);
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }

        var version = (Versions.Count > 0 ? Versions[0].Scheme.Version : 0) + 1;
        db.AssessmentSchemes.Add(new AssessmentSchemeRecord
        {
            Id = Guid.CreateVersion7(),
            RegionId = SelectedRegion.Id,
            Kind = Kind,
            Version = version,
            EffectiveFrom = from.Key,
            IndicatorsJson = JsonSerializer.Serialize(lines, Assessments.Json),
            Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = staff.DisplayName,
        });
        audit.Record("assessment.scheme-created", "AssessmentScheme", $"{SelectedRegion.Id:N}/{Kind}/{version}",
            $"{SelectedRegion.Name}{KindLabel(Kind)}考核方案第 {version} 版，自{from.Label}起施行：" + string.Join("、", lines.Select(l => $"{l.Name} {N(l.Weight)} 分")));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            Problems = ["有人同时保存了新版本，请刷新后重试。"];
            return Page();
        }

        return Redirect($"/supervision/schemes?kind={Kind}&region={SelectedRegion.Id}");
    }

    public static string KindLabel(PeriodKind kind) => kind == PeriodKind.Quarter ? "季度" : "年度";

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(Kind) || await assessments.RegionAsync(Region, cancellationToken) is not { } region)
        {
            return false;
        }

        SelectedRegion = region;
        Versions = await assessments.SchemesAsync(region.Id, Kind, cancellationToken);
        var current = AssessmentPeriod.Containing(assessments.Today, Kind);
        var choices = new List<AssessmentPeriod> { current };
        for (var i = 0; i < 4; i++)
        {
            choices.Add(Kind == PeriodKind.Year ? AssessmentPeriod.OfYear(choices[^1].Year + 1) : Next(choices[^1]));
        }

        choices.Insert(0, current.Previous);
        EffectiveChoices = choices;
        return true;
    }

    private static AssessmentPeriod Next(AssessmentPeriod quarter) =>
        quarter.Quarter == 4 ? AssessmentPeriod.OfQuarter(quarter.Year + 1, 1) : AssessmentPeriod.OfQuarter(quarter.Year, quarter.Quarter!.Value + 1);

    /// <summary>The form's rows: every computed indicator (those of the scheme ticked, with its figures), then manual lines.</summary>
    private static IEnumerable<SchemeLineInput> FormLines(IReadOnlyList<SchemeIndicator> scheme)
    {
        foreach (var definition in IndicatorCatalogue.All.Where(d => d.Kind != IndicatorKind.Manual))
        {
            var line = scheme.FirstOrDefault(l => l.Kind == definition.Kind)
                ?? AssessmentSchemes.DefaultIndicators.FirstOrDefault(l => l.Kind == definition.Kind);
            yield return new SchemeLineInput
            {
                Include = scheme.Any(l => l.Kind == definition.Kind),
                Kind = definition.Kind,
                Weight = N(line?.Weight ?? 10m),
                FullAt = N(line?.Rule.FullAt ?? 100m),
                ZeroAt = N(line?.Rule.ZeroAt ?? 0m),
            };
        }

        var manual = scheme.Where(l => l.Kind == IndicatorKind.Manual).ToList();
        for (var i = 0; i < Math.Max(ManualLines, manual.Count); i++)
        {
            var line = i < manual.Count ? manual[i] : null;
            yield return new SchemeLineInput
            {
                Include = line is not null,
                Kind = IndicatorKind.Manual,
                Weight = N(line?.Weight ?? 10m),
                FullAt = "100",
                ZeroAt = "0",
                Title = line?.Title,
                Guidance = line?.Guidance,
            };
        }
    }

    private static (List<SchemeIndicator> Lines, List<string> Problems) Read(IReadOnlyList<SchemeLineInput> inputs)
    {
        var lines = new List<SchemeIndicator>();
        var problems = new List<string>();
        foreach (var input in inputs.Where(i => i.Include))
        {
            var name = input.Kind == IndicatorKind.Manual && !string.IsNullOrWhiteSpace(input.Title) ? input.Title.Trim()
                : Enum.IsDefined(input.Kind) ? IndicatorCatalogue.Get(input.Kind).Name : "未知指标";
            if (!TryNumber(input.Weight, out var weight) || !TryNumber(input.FullAt, out var full) || !TryNumber(input.ZeroAt, out var zero))
            {
                problems.Add($"“{name}”的分值、满分点和零分点须为数字（最多两位小数）。");
                continue;
            }

            if (input.Title is { Length: > 100 } || input.Guidance is { Length: > 500 })
            {
                problems.Add($"“{name}”的评分内容不超过 100 字，评分说明不超过 500 字。");
                continue;
            }

            lines.Add(new SchemeIndicator(input.Kind, weight, new ScoringRule(full, zero),
                input.Kind == IndicatorKind.Manual ? input.Title?.Trim() : null, input.Kind == IndicatorKind.Manual ? input.Guidance?.Trim() : null));
        }

        return (lines, problems);
    }

    private static bool TryNumber(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
        && value >= -1_000_000m && value <= 1_000_000m && decimal.Round(value, 2) == value;

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
