namespace Gongkai.AnnualReports;

/// <summary>One section of the narrative: the heading as the source wrote it and the text under it.</summary>
/// <param name="Key">Which of the six statutory sections this is.</param>
/// <param name="Heading">The heading exactly as found (without Markdown '#'), e.g. "一、总体情况".</param>
/// <param name="Text">The section's paragraphs, one per line, tables excluded.</param>
/// <param name="Location">Where the heading was found.</param>
public sealed record ReportSection(SectionKey Key, string Heading, string Text, SourceLocation? Location = null)
{
    /// <summary>Where each line of <see cref="Text"/> came from, one per line, when the parser knows; else null.</summary>
    public IReadOnlyList<SourceLocation>? LineLocations { get; init; }
}

/// <summary>A table header or row label as the source wrote it, next to the label the national format expects.</summary>
/// <param name="Table">The table the label belongs to.</param>
/// <param name="Expected">The national format's exact text.</param>
/// <param name="Actual">The source's text.</param>
/// <param name="Location">Where the label was found.</param>
public sealed record ObservedLabel(ReportTable Table, string Expected, string Actual, SourceLocation? Location = null);

/// <summary>
/// A 政府信息公开工作年度报告 as understood from its source: title, organisation, year, format, the six sections and
/// the three statutory tables, each cell with what the source said and where.
/// </summary>
public sealed class AnnualReport
{
    public string? Title { get; set; }

    public SourceLocation? TitleLocation { get; set; }

    public string? Organization { get; set; }

    /// <summary>
    /// The first year a report can be for: the recognizer reads title years 1900–2099 (<see cref="LatestYear"/>),
    /// and the JSON reader accepts the same range, so every recognised report round-trips.
    /// </summary>
    public const int EarliestYear = 1900;

    /// <summary>The last year a report can be for; see <see cref="EarliestYear"/>.</summary>
    public const int LatestYear = 2099;

    /// <summary>
    /// The report year. Settable to any value; rules that compute with it treat a year outside
    /// <see cref="EarliestYear"/>–<see cref="LatestYear"/> as no year (<see cref="IsPlausibleYear"/>).
    /// </summary>
    public int? Year { get; set; }

    public ReportFormat Format { get; set; } = ReportFormat.Format2021;

    /// <summary>True for a year a report can be for (<see cref="EarliestYear"/>–<see cref="LatestYear"/>).</summary>
    public static bool IsPlausibleYear(int year) => year is >= EarliestYear and <= LatestYear;

    /// <summary>The sections in the order the source has them (a report may lack some or misorder them).</summary>
    public IList<ReportSection> Sections { get; } = new List<ReportSection>();

    public Table2 Table2 { get; private set; } = new();

    public Table3 Table3 { get; private set; } = new();

    public Table4 Table4 { get; private set; } = new();

    /// <summary>Every table label the parser matched, as written, for the header checks.</summary>
    public IList<ObservedLabel> Labels { get; } = new List<ObservedLabel>();

    /// <summary>The first section with this key, or null.</summary>
    public ReportSection? Section(SectionKey key)
    {
        foreach (var section in Sections)
        {
            if (section.Key == key)
            {
                return section;
            }
        }

        return null;
    }

    /// <summary>A deep copy: changing the copy's cells, sections or labels leaves this report as it was.</summary>
    public AnnualReport Clone()
    {
        var copy = new AnnualReport
        {
            Title = Title,
            TitleLocation = TitleLocation,
            Organization = Organization,
            Year = Year,
            Format = Format,
            Table2 = Table2.Clone(),
            Table3 = Table3.Clone(),
            Table4 = Table4.Clone(),
        };
        foreach (var section in Sections)
        {
            copy.Sections.Add(section);
        }

        foreach (var label in Labels)
        {
            copy.Labels.Add(label);
        }

        return copy;
    }
}
