using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Rendering;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// A finding as a page shows it: its rule, the anchor of the cell or section it points at (<c>cell-{path}</c> or
/// <c>section-{jsonName}</c>; null when it is about the report as a whole) and a Chinese name of that place.
/// </summary>
public sealed record FindingItem(Finding Finding, RuleDefinition Rule, string? Anchor, string? Where)
{
    public static string CellAnchor(string path) => HtmlReportRenderer.CellId(path);

    public static string SectionAnchor(SectionKey key) => "section-" + NationalFormat.Section(key).JsonName;

    /// <summary>Every finding with its target, most severe first, otherwise in the validator's order.</summary>
    public static IReadOnlyList<FindingItem> Describe(AnnualReport report, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(findings);
        var cells = FormatCell.All(report.Format).ToDictionary(c => c.Path, c => c.Description, StringComparer.Ordinal);
        return [.. findings.Select((f, i) => (Item: Describe(report, f, cells), Index: i))
            .OrderBy(x => x.Item.Finding.Severity).ThenBy(x => x.Index).Select(x => x.Item)];
    }

    /// <summary>The cells findings point at, each with its worst severity and every message about it.</summary>
    public static IReadOnlyDictionary<string, CellFlag> Flags(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var flags = new Dictionary<string, CellFlag>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            foreach (var path in finding.Cells)
            {
                var message = $"{RuleBadge.Name(finding.RuleId)}：{finding.Message}";
                flags[path] = flags.TryGetValue(path, out var flag)
                    ? new CellFlag(finding.Severity < flag.Severity ? finding.Severity : flag.Severity, [.. flag.Messages, message])
                    : new CellFlag(finding.Severity, [message]);
            }
        }

        return flags;
    }

    private static FindingItem Describe(AnnualReport report, Finding finding, Dictionary<string, string> cells)
    {
        var rule = RuleCatalogue.Get(finding.RuleId);
        if (finding.Cells.Count > 0)
        {
            var path = finding.Cells[0];
            return new FindingItem(finding, rule, CellAnchor(path), cells.GetValueOrDefault(path, path));
        }

        if (ReportContent.Locate(report, finding.Location) is { } place)
        {
            var heading = NationalFormat.Section(place.Section).Heading;
            var where = place.Line is { } line ? $"{heading} 第{line + 1}段" : heading;
            return new FindingItem(finding, rule, SectionAnchor(place.Section), where);
        }

        SectionKey? section = finding.RuleId switch
        {
            RuleCatalogue.Sec5Empty => SectionKey.Problems,
            RuleCatalogue.Sec6Fee => SectionKey.Other,
            RuleCatalogue.FmtSection => NationalFormat.Sections.FirstOrDefault(s => s.Heading == finding.Expected)?.Key,
            _ => null,
        };
        return section is { } key
            ? new FindingItem(finding, rule, SectionAnchor(key), NationalFormat.Section(key).Heading)
            : new FindingItem(finding, rule, null, finding.Location?.ToString());
    }
}
