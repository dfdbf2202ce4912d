using System.Globalization;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Rendering;
using Gongkai.AnnualReports.Validation;
using Gongkai.Calendar;
using Gongkai.Data.Accounts;
using Gongkai.Data.AnnualReports;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// The annual-report workspace of the signed-in agency for one year: the six sections, table 二 with its sources,
/// tables 三 and 四 computed from the cases (each cell linking to its cases), the findings beside them, saving,
/// publishing and the version history. Every button saves what is in the form first, so nothing typed is lost.
/// </summary>
[Authorize(Roles = Roles.Handler + "," + Roles.Reviewer + "," + Roles.Publisher + "," + Roles.Administrator)]
public sealed class WorkspaceModel(AnnualReportStore store, ITable2Source table2Source, OverviewFigureQuery overview, Staff staff, TimeProvider clock) : PageModel
{
    public AgencyInfo Agency { get; private set; } = null!;

    public int Year { get; private set; }

    public LoadedReport Current { get; private set; } = null!;

    public AnnualReport? Previous { get; private set; }

    public IReadOnlyList<FindingItem> Findings { get; private set; } = [];

    public IReadOnlyDictionary<string, CellFlag> Flags { get; private set; } = new Dictionary<string, CellFlag>();

    public IReadOnlyList<ReportVersion> Versions { get; private set; } = [];

    public IReadOnlyDictionary<Table2Field, Table2Suggestion> Suggestions { get; private set; } = new Dictionary<Table2Field, Table2Suggestion>();

    public DateOnly Today { get; private set; }

    /// <summary>The year's figures from the platform for section 一 (channels, messages, consultations, ratings, FAQ).</summary>
    public Gongkai.Interaction.OverviewFigures Overview { get; private set; } = null!;

    public DateOnly Deadline => ReportDeadlines.For(Agency.Kind, Year);

    public bool CanPublish => staff.IsInRole(Roles.Publisher);

    /// <summary>The statistics year is over (China date of the injected clock), so the report may be published.</summary>
    public bool YearIsOver => ReportDeadlines.YearIsOver(Year, Today);

    /// <summary>Cells of tables 三 and 四 whose live value differs from the latest published version.</summary>
    public int ChangedSincePublished { get; private set; }

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string? PublishRefusal { get; private set; }

    public IReadOnlyList<FindingItem> Blocking { get; private set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Sections { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public Dictionary<string, string?> Table2 { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public Dictionary<string, string?> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Which stored version the form was opened on: a save over someone else's newer save is refused.</summary>
    [BindProperty]
    public string? Stamp { get; set; }

    [BindProperty]
    public string? Command { get; set; }

    public string SectionValue(SectionKey key) => Current.Content.SectionText(key);

    public string CellValue(Table2Field field) => Current.Content.Table2.TryGetValue(field, out var cell) ? cell.Raw : "";

    public string SourceValue(Table2Field field) => Current.Content.Sources.GetValueOrDefault(field, "");

    public static string Key(Table2Field field) => field.ToString();

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken cancellationToken)
    {
        if (await OpenAsync(year, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        await LoadAsync(null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, CancellationToken cancellationToken)
    {
        if (await OpenAsync(year, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var publish = Command == "publish";
        if (publish && !CanPublish)
        {
            return Forbid();
        }

        var content = ReadForm();
        if (FieldErrors.Count > 0)
        {
            await LoadAsync(content, cancellationToken);
            return Page();
        }

        var latest = await store.LatestAsync(Agency.Id, Year, cancellationToken);
        if (StampOf(latest) != Stamp)
        {
            FieldErrors[""] = latest is null
                ? "此报告的草稿已被删除。您的修改尚未保存，仍保留在下方；请核对后再次保存。"
                : $"此报告已被{latest.UpdatedBy}于 {DateText.Minute(latest.UpdatedAtUtc)} 保存为{ReportDisplay.Version(latest.Status, latest.Version)}。您的修改尚未保存，仍保留在下方；请核对后再次保存（将覆盖对方的修改）。";
            await LoadAsync(content, cancellationToken);
            return Page();
        }

        var fragment = await ApplyCommandAsync(content, cancellationToken);
        var saved = await store.SaveAsync(Agency, Year, content, cancellationToken);
        if (!publish)
        {
            TempData["Message"] = string.Create(CultureInfo.InvariantCulture, $"已保存为草稿第{saved.Version}版。");
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/annual-reports/{Year}{fragment}"));
        }

        var result = await store.PublishAsync(Agency, Year, cancellationToken);
        if (result.PublishedVersion is { } published)
        {
            TempData["Message"] = string.Create(CultureInfo.InvariantCulture, $"已发布第{published}版。公众和监督人员现在看到的是这一版；之后的修改将生成新的草稿版本。");
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/annual-reports/{Year}"));
        }

        await LoadAsync(null, cancellationToken);
        PublishRefusal = string.Create(CultureInfo.InvariantCulture, $"草稿第{saved.Version}版已保存，但未发布：{result.Refusal}");
        Blocking = FindingItem.Describe(Current.Report, result.Blocking);
        return Page();
    }

    private async Task<IActionResult?> OpenAsync(int year, CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        if (year < ReportDeadlines.FirstYear || year > Today.Year || await store.AgencyAsync(staff.AgencyId, cancellationToken) is not { } agency)
        {
            return NotFound();
        }

        Agency = agency;
        Year = year;
        return null;
    }

    /// <summary>Loads what the page shows; <paramref name="posted"/> replaces the stored text when a post is shown again.</summary>
    private async Task LoadAsync(ReportContent? posted, CancellationToken cancellationToken)
    {
        var current = await store.CurrentAsync(Agency, Year, cancellationToken);
        Previous = await store.PreviousAsync(Agency.Id, Year, cancellationToken);
        var suggestions = await table2Source.SuggestAsync(Agency.Id, Year, cancellationToken);
        Suggestions = suggestions.GroupBy(s => s.Field).ToDictionary(g => g.Key, g => g.First());
        var content = posted ?? current.Content;
        if (posted is null && current.Record is null)
        {
            Prefill(content);
        }

        var report = content.Compose(current.Report.Title!, Agency.Name, Year, current.Report.Table3, current.Report.Table4);
        Current = current with { Report = report, Content = content };
        var findings = ReportValidator.Validate(report, Previous);
        Findings = FindingItem.Describe(report, findings);
        Flags = FindingItem.Flags(findings);
        Versions = await store.VersionsAsync(Agency.Id, Year, cancellationToken);
        Overview = await overview.ForAsync(Agency.Id, Year, cancellationToken);
        Stamp = posted is null ? StampOf(current.Record) : StampOf(await store.LatestAsync(Agency.Id, Year, cancellationToken));
        if (current.Record is { Status: AnnualReportStatus.Published } published)
        {
            var frozen = AnnualReportStore.Frozen(published).Report;
            ChangedSincePublished = FormatCell.All(ReportFormat.Format2021)
                .Count(c => c.Table != ReportTable.Table2 && c.Get(frozen) != c.Get(report));
        }
    }

    // A new draft starts from what is known: the catalogue's suggestions, and last year's 现行有效 as this year's
    // starting stock (staff adjust it by this year's issued and repealed documents).
    private void Prefill(ReportContent content)
    {
        foreach (var suggestion in Suggestions.Values)
        {
            content.Table2[suggestion.Field] = Cell.Of(suggestion.Value);
            content.Sources[suggestion.Field] = suggestion.Source;
        }

        if (Previous is null)
        {
            return;
        }

        foreach (var field in new[] { Table2Field.RegulationsInForce, Table2Field.NormativeDocumentsInForce })
        {
            if (!content.Table2.ContainsKey(field) && Previous.Table2[field].Value is { } stock)
            {
                content.Table2[field] = Cell.Of(stock);
                content.Sources[field] = string.Create(CultureInfo.InvariantCulture, $"{Year - 1}年度报告的现行有效件数（请按本年制发、废止件数调整）");
            }
        }
    }

    private ReportContent ReadForm()
    {
        var content = new ReportContent();
        foreach (var definition in NationalFormat.Sections)
        {
            var text = (Sections.GetValueOrDefault(definition.JsonName) ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (text.Length > ReportContent.MaxSectionLength)
            {
                FieldErrors["section-" + definition.JsonName] = string.Create(CultureInfo.InvariantCulture,
                    $"「{definition.Heading}」不能超过{ReportContent.MaxSectionLength}个字（现有{text.Length}个字）。");
            }

            content.Sections[definition.Key] = text;
        }

        foreach (var field in ReportContent.Table2Fields)
        {
            var describe = NationalFormat.Describe(field);
            var raw = (Table2.GetValueOrDefault(Key(field)) ?? "").Trim();
            if (raw.Length > ReportContent.MaxCellLength)
            {
                FieldErrors["t2-" + Key(field)] = string.Create(CultureInfo.InvariantCulture, $"{describe}不能超过{ReportContent.MaxCellLength}个字，请只填写数字。");
            }

            if (raw.Length > 0)
            {
                content.Table2[field] = Cell.Parse(raw);
            }

            var source = (Sources.GetValueOrDefault(Key(field)) ?? "").Trim();
            if (source.Length > ReportContent.MaxSourceLength)
            {
                FieldErrors["src-" + Key(field)] = string.Create(CultureInfo.InvariantCulture, $"{describe}的来源说明不能超过{ReportContent.MaxSourceLength}个字。");
            }

            if (source.Length > 0)
            {
                content.Sources[field] = source;
            }
        }

        return content;
    }

    /// <summary>Inserts a standard sentence or adopts suggestions; returns the fragment to scroll back to.</summary>
    private async Task<string> ApplyCommandAsync(ReportContent content, CancellationToken cancellationToken)
    {
        switch (Command)
        {
            case { } command when command.StartsWith("insert:", StringComparison.Ordinal):
                var definition = NationalFormat.Sections.FirstOrDefault(s => s.JsonName == command["insert:".Length..]);
                if (definition is null || !ReportNarrative.Sections.Contains(definition.Key))
                {
                    return "";
                }

                var current = await store.CurrentAsync(Agency, Year, cancellationToken);
                var report = content.Compose(current.Report.Title!, Agency.Name, Year, current.Report.Table3, current.Report.Table4);
                content.Sections[definition.Key] = ReportNarrative.Insert(definition.Key, content.SectionText(definition.Key), report);
                return "#" + FindingItem.SectionAnchor(definition.Key);
            case "live:overview":
                var figures = await overview.ForAsync(Agency.Id, Year, cancellationToken);
                content.Sections[SectionKey.Overview] = Gongkai.Interaction.OverviewFigures.Insert(content.SectionText(SectionKey.Overview), figures.Paragraph());
                return "#" + FindingItem.SectionAnchor(SectionKey.Overview);
            case { } command when command.StartsWith("adopt:", StringComparison.Ordinal):
                var which = command["adopt:".Length..];
                var suggestions = await table2Source.SuggestAsync(Agency.Id, Year, cancellationToken);
                foreach (var suggestion in suggestions.Where(s => which == "all" || s.Field.ToString() == which))
                {
                    content.Table2[suggestion.Field] = Cell.Of(suggestion.Value);
                    content.Sources[suggestion.Field] = suggestion.Source;
                }

                return "#table2-entry";
            default:
                return "";
        }
    }

    // Milliseconds: PostgreSQL keeps microseconds, so finer ticks would not survive a round trip.
    private static string StampOf(AnnualReportRecord? record) => record is null
        ? "new"
        : string.Create(CultureInfo.InvariantCulture, $"{record.Version}:{record.UpdatedAtUtc.Ticks / TimeSpan.TicksPerMillisecond}");
}
