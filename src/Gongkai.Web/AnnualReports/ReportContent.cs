using System.Text.Json;
using Gongkai.AnnualReports;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// The part of a report staff write: the six section texts and the table 二 cells (2021 format), each cell with a
/// note of where its figure came from. Tables 三 and 四 are never entered: they come from the cases. Section texts use
/// "\n" between paragraphs.
/// </summary>
public sealed class ReportContent
{
    public const int MaxSectionLength = 20000;
    public const int MaxSourceLength = 200;
    public const int MaxCellLength = 50;

    private static readonly IReadOnlyList<Table2Field> Fields = NationalFormat.Table2Fields(ReportFormat.Format2021);

    private static readonly JsonSerializerOptions SourcesOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Dictionary<SectionKey, string> Sections { get; } = [];

    public Dictionary<Table2Field, Cell> Table2 { get; } = [];

    public Dictionary<Table2Field, string> Sources { get; } = [];

    /// <summary>The table 二 fields of the 2021 format, in print order.</summary>
    public static IReadOnlyList<Table2Field> Table2Fields => Fields;

    /// <summary>The editable parts of a stored report and its source notes (JSON object keyed by cell path).</summary>
    public static ReportContent From(AnnualReport report, string? sourcesJson)
    {
        ArgumentNullException.ThrowIfNull(report);
        var content = new ReportContent();
        foreach (var section in report.Sections)
        {
            content.Sections.TryAdd(section.Key, section.Text);
        }

        foreach (var field in Fields)
        {
            if (report.Table2[field].Kind != CellKind.Missing)
            {
                content.Table2[field] = report.Table2[field];
            }
        }

        if (!string.IsNullOrWhiteSpace(sourcesJson))
        {
            var byPath = JsonSerializer.Deserialize<Dictionary<string, string>>(sourcesJson) ?? [];
            foreach (var field in Fields)
            {
                if (byPath.TryGetValue(NationalFormat.PathOf(field), out var source) && !string.IsNullOrWhiteSpace(source))
                {
                    content.Sources[field] = source;
                }
            }
        }

        return content;
    }

    /// <summary>The source notes as stored in <c>AnnualReportRecord.Table2Sources</c>: {"table2.licensing": "…"}.</summary>
    public string SourcesJson() => JsonSerializer.Serialize(
        Fields.Where(Sources.ContainsKey).ToDictionary(NationalFormat.PathOf, f => Sources[f], StringComparer.Ordinal), SourcesOptions);

    public string SectionText(SectionKey key) => Sections.GetValueOrDefault(key, "");

    /// <summary>The cell as entered; a cell never entered is blank (what CELL-BLANK reports).</summary>
    public Cell Cell(Table2Field field) => Table2.GetValueOrDefault(field) ?? Gongkai.AnnualReports.Cell.Parse("");

    /// <summary>
    /// The whole report: title, the six sections in statutory order and all three tables. Each section and each of
    /// its lines gets the line number it would have in a plain-text rendering (title on line 1, a blank line before
    /// each heading), so a finding's location leads back to the section and paragraph (<see cref="Locate"/>).
    /// </summary>
    public AnnualReport Compose(string title, string organization, int year, Table3 table3, Table4 table4)
    {
        ArgumentNullException.ThrowIfNull(table3);
        ArgumentNullException.ThrowIfNull(table4);
        var report = new AnnualReport
        {
            Title = title,
            TitleLocation = SourceLocation.AtLine(1),
            Organization = organization,
            Year = year,
            Format = ReportFormat.Format2021,
        };
        var line = 1;
        foreach (var definition in NationalFormat.Sections)
        {
            var text = SectionText(definition.Key);
            line += 2;
            var heading = line;
            var lines = text.Split('\n');
            report.Sections.Add(new ReportSection(definition.Key, definition.Heading, text, SourceLocation.AtLine(heading))
            {
                LineLocations = [.. lines.Select((_, i) => SourceLocation.AtLine(heading + 1 + i))],
            });
            line += lines.Length;
        }

        foreach (var field in Fields)
        {
            report.Table2[field] = Cell(field);
        }

        foreach (var row in Enum.GetValues<Table3Row>())
        {
            foreach (var column in Enum.GetValues<Table3Column>())
            {
                report.Table3[row, column] = table3[row, column];
            }
        }

        foreach (var block in Enum.GetValues<Table4Block>())
        {
            foreach (var column in Enum.GetValues<Table4Column>())
            {
                report.Table4[block, column] = table4[block, column];
            }
        }

        return report;
    }

    /// <summary>The section and paragraph (0-based line of its text) a location of a composed report points at.</summary>
    public static (SectionKey Section, int? Line)? Locate(AnnualReport report, SourceLocation? location)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (location?.Line is not { } line)
        {
            return null;
        }

        foreach (var section in report.Sections)
        {
            if (section.Location?.Line == line)
            {
                return (section.Key, null);
            }

            if (section.LineLocations is { } lines)
            {
                for (var i = 0; i < lines.Count; i++)
                {
                    if (lines[i].Line == line)
                    {
                        return (section.Key, i);
                    }
                }
            }
        }

        return null;
    }
}
