using System.Globalization;
using System.Text.Json.Serialization;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Gongkai.Data.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// One agency's row of a region's aggregate: where its report came from and its figures per cell of the 2021 format
/// (in <see cref="AggregateTable.Cells"/> order), or no figures when it has no report for the year.
/// </summary>
/// <param name="AgencyId">The agency.</param>
/// <param name="Name">The agency's name.</param>
/// <param name="RegionName">The name of the agency's region.</param>
/// <param name="Source">Where the report came from (<see cref="ReportSource.None"/>: 未提交).</param>
/// <param name="Version">The platform version added up.</param>
/// <param name="PublishedOn">The first publication, or the collected report's publication.</param>
/// <param name="Values">The number in each cell (null where the report has none); null when there is no report.</param>
/// <param name="Texts">What the report wrote in a cell without a number, when it wrote something, by cell index.</param>
public sealed record AggregateRow(
    Guid AgencyId, string Name, string RegionName, ReportSource Source, int? Version, DateOnly? PublishedOn,
    IReadOnlyList<decimal?>? Values, IReadOnlyDictionary<int, string>? Texts)
{
    [JsonIgnore]
    public bool HasReport => Values is not null;

    /// <summary>A cell as the report tables show it (<see cref="HtmlReportRenderer.CellText"/>): the number, else the report's words, else nothing.</summary>
    public string Text(int cell) =>
        Values?[cell] is { } value ? value.ToString(CultureInfo.InvariantCulture) : Texts?.GetValueOrDefault(cell) ?? "";
}

/// <summary>
/// A region's reports for a year added up: one row per agency of the subtree (in the scope's order), the sum of each
/// cell over the agencies with a report (null where none has a number) and, per cell path, how many of them have no
/// number there. Computed live for a small region and stored by <see cref="AssessmentSnapshotWorker"/> for a large one
/// (<see cref="AssessmentSnapshots.ReadAggregateAsync"/>); the page, the CSV and the workbook are made from this alone,
/// so the stored aggregate shows exactly what the live one would.
/// </summary>
public sealed record AggregateTable(int Year, IReadOnlyList<AggregateRow> Rows, IReadOnlyList<decimal?> Sums, IReadOnlyDictionary<string, int> Gaps)
{
    /// <summary>Every cell of the 2021 format, in the national order: the columns of the CSV and the workbook.</summary>
    public static readonly IReadOnlyList<FormatCell> Cells = FormatCell.All(ReportFormat.Format2021);

    [JsonIgnore]
    public IReadOnlyList<AggregateRow> Included => [.. Rows.Where(r => r.HasReport)];

    [JsonIgnore]
    public IReadOnlyList<AggregateRow> Missing => [.. Rows.Where(r => !r.HasReport)];

    /// <summary>Adds up the reports (findings are not needed: <see cref="SupervisedReports.ForYearAsync(int, bool, CancellationToken)"/> without them).</summary>
    public static AggregateTable Of(int year, IReadOnlyList<SupervisedReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var rows = reports.Select(Row).ToList();
        var included = rows.Where(r => r.HasReport).ToList();
        var sums = new decimal?[Cells.Count];
        var gaps = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Cells.Count; i++)
        {
            var numbers = included.Select(r => r.Values![i]).Where(v => v is not null).Select(v => v!.Value).ToList();
            sums[i] = numbers.Count == 0 ? null : numbers.Sum();
            if (numbers.Count < included.Count)
            {
                gaps[Cells[i].Path] = included.Count - numbers.Count;
            }
        }

        return new AggregateTable(year, rows, sums, gaps);
    }

    /// <summary>The sums as a report, for the national-layout tables.</summary>
    public AnnualReport SumReport(string regionName)
    {
        var sum = new AnnualReport { Title = $"{regionName}{Year}年度汇总", Organization = regionName, Year = Year };
        for (var i = 0; i < Cells.Count; i++)
        {
            Cells[i].Set(sum, Sums[i] is { } value ? Cell.Of(value) : Cell.Parse(""));
        }

        return sum;
    }

    /// <summary>
    /// One row per agency of the subtree (those with a report first, then those without), one column per cell, headed by
    /// the cell's Chinese name from the national labels (<see cref="FormatCell.Heading"/>), and the sums.
    /// </summary>
    public Sheet Sheet(string regionName)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var row in Included.Concat(Missing))
        {
            rows.Add(
            [
                row.Name,
                row.RegionName,
                row.Source switch { ReportSource.Platform => "平台发布", ReportSource.Collected => "收集", _ => "未提交" },
                row.Version,
                row.PublishedOn is { } on ? DateText.Iso(on) : null,
                .. Enumerable.Range(0, Cells.Count).Select(i => row.Values?[i] is { } value ? (object)value : null),
            ]);
        }

        rows.Add(["合计", regionName, null, null, null, .. Sums.Select(s => s is { } value ? (object)value : null)]);
        return new Sheet($"{Year}年度报告汇总", ["机关", "区域", "来源", "版本", "发布日期", .. Cells.Select(c => c.Heading)], rows);
    }

    /// <summary>
    /// What a stored aggregate was computed from, cheaply: the agencies, and the count and latest time of the published
    /// platform versions and of the confirmed collected reports of the year. A new publication or confirmation (or a
    /// withdrawn one) changes it, so the stored aggregate is computed again at once rather than after the refresh period.
    /// </summary>
    public static async Task<string> StampAsync(GongkaiDbContext db, IReadOnlyList<ScopedAgency> agencies, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agencies);
        var ids = agencies.Select(a => a.Id).ToList();
        var published = db.AnnualReports.AsNoTracking().Where(r => ids.Contains(r.AgencyId) && r.Year == year && r.Status == AnnualReportStatus.Published);
        var collected = db.CollectedReports.AsNoTracking()
            .Where(r => r.AgencyId != null && ids.Contains(r.AgencyId.Value) && r.Year == year && r.Status == CollectedReportStatus.Confirmed);
        var publishedCount = await published.CountAsync(cancellationToken);
        var lastPublished = await published.MaxAsync(r => r.PublishedAtUtc, cancellationToken);
        var collectedCount = await collected.CountAsync(cancellationToken);
        var lastCollected = await collected.MaxAsync(r => r.ConfirmedAtUtc, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"{ids.Count}/{publishedCount}/{lastPublished?.Ticks}/{collectedCount}/{lastCollected?.Ticks}");
    }

    private static AggregateRow Row(SupervisedReport report)
    {
        if (report.Report is not { } annual)
        {
            return new AggregateRow(report.Agency.Id, report.Agency.Name, report.Agency.RegionName, report.Source, report.Version, report.PublishedOn, null, null);
        }

        var values = new decimal?[Cells.Count];
        var texts = new Dictionary<int, string>();
        for (var i = 0; i < Cells.Count; i++)
        {
            var cell = Cells[i].Get(annual);
            values[i] = cell.Value;
            if (cell.Value is null && HtmlReportRenderer.CellText(cell) is { Length: > 0 } text)
            {
                texts[i] = text;
            }
        }

        return new AggregateRow(report.Agency.Id, report.Agency.Name, report.Agency.RegionName, report.Source, report.Version, report.PublishedOn,
            values, texts.Count == 0 ? null : texts);
    }
}

/// <summary>A stored aggregate with the <see cref="AggregateTable.StampAsync"/> of the data it was computed from.</summary>
public sealed record StoredAggregate(string Stamp, AggregateTable Table);
