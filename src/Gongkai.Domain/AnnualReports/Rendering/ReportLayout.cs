using System.Globalization;
using Gongkai.Documents;

namespace Gongkai.AnnualReports.Rendering;

/// <summary>What a table cell is, for styling: column headers, row labels, or a value of the report.</summary>
internal enum LayoutRole
{
    Header,
    Label,
    Value,
}

/// <summary>
/// One printed cell of a table as the national format lays it out. <see cref="Path"/> is set for value cells only.
/// </summary>
internal sealed record LayoutCell(string Text, LayoutRole Role, int RowSpan = 1, int ColumnSpan = 1, string? Path = null);

/// <summary>
/// A table (or one block of table 二) as rows of merged cells, like the HTML of the official template: every row's
/// cells, with those of earlier rows that span into it, cover exactly <see cref="ColumnCount"/> grid columns.
/// The first <see cref="HeaderRowCount"/> rows are column headers.
/// </summary>
internal sealed record TableLayout(int ColumnCount, int HeaderRowCount, IReadOnlyList<IReadOnlyList<LayoutCell>> Rows)
{
    /// <summary>
    /// The grid under the merged cells: each position holds the cell covering it and whether it is that cell's top-left
    /// position.
    /// </summary>
    public (LayoutCell Cell, bool IsOrigin)[,] Grid()
    {
        var grid = new (LayoutCell Cell, bool IsOrigin)[Rows.Count, ColumnCount];
        for (var r = 0; r < Rows.Count; r++)
        {
            var c = 0;
            foreach (var cell in Rows[r])
            {
                while (c < ColumnCount && grid[r, c].Cell is not null)
                {
                    c++;
                }

                for (var dr = 0; dr < cell.RowSpan; dr++)
                {
                    for (var dc = 0; dc < cell.ColumnSpan; dc++)
                    {
                        grid[r + dr, c + dc] = (cell, dr == 0 && dc == 0);
                    }
                }

                c += cell.ColumnSpan;
            }
        }

        return grid;
    }
}

/// <summary>
/// A section as rendered: its canonical heading, its paragraphs and the table printed after them, if any, as blocks
/// of equal width (table 二 has one block per article item; tables 三 and 四 are a single block).
/// </summary>
internal sealed record LayoutSection(
    SectionDefinition Definition,
    IReadOnlyList<string> Paragraphs,
    ReportTable? Table,
    IReadOnlyList<TableLayout> Blocks);

/// <summary>
/// The printed layout of a report shared by the HTML, Markdown and DOCX renderers, so that the three agree cell for cell.
/// Sections come in statutory order with their canonical headings; a section is printed when the report has it or
/// when its table has any cell that is not <see cref="CellKind.Missing"/>; a table is printed when it has such a cell.
/// The report's own text (title, paragraphs, cells) comes out cleaned as <see cref="SafeText.Clean"/> says, so that no
/// renderer fails on a character a reader or a form let through.
/// </summary>
internal static class ReportLayout
{
    public static string Title(AnnualReport report)
    {
        if (!string.IsNullOrWhiteSpace(report.Title))
        {
            return SafeText.Clean(report.Title).Trim();
        }

        return report.Organization is { } organization && report.Year is { } year
            ? SafeText.Clean(NationalFormat.Title(organization, year))
            : NationalFormat.TitleSuffix;
    }

    public static IReadOnlyList<LayoutSection> Sections(AnnualReport report)
    {
        var sections = new List<LayoutSection>();
        foreach (var definition in NationalFormat.Sections)
        {
            var section = report.Section(definition.Key);
            var table = TableOf(definition.Key) is { } t && HasCells(report, t) ? t : (ReportTable?)null;
            if (section is null && table is null)
            {
                continue;
            }

            var blocks = table is { } printed ? Blocks(report, printed) : [];
            sections.Add(new LayoutSection(definition, Paragraphs(section?.Text ?? ""), table, blocks));
        }

        return sections;
    }

    /// <summary>The text printed in a value cell: numbers as numbers, other kinds as the source wrote them.</summary>
    public static string ValueText(Cell cell) => cell.Kind switch
    {
        CellKind.Number or CellKind.Zero => cell.Value!.Value.ToString(CultureInfo.InvariantCulture),
        CellKind.Missing => "",
        _ => SafeText.Clean(cell.Raw),
    };

    public static IReadOnlyList<string> Paragraphs(string text) =>
        [.. SafeText.Clean(text).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>Table 二: one layout per block, all as wide as the widest block so that they stack into one table.</summary>
    public static IReadOnlyList<TableLayout> Table2(AnnualReport report)
    {
        var blocks = NationalFormat.Table2Blocks(report.Format);
        var valueColumns = blocks.Max(b => b.ColumnLabels.Count);
        var layouts = new List<TableLayout>();
        foreach (var block in blocks)
        {
            var spans = Spans(block.ColumnLabels.Count, valueColumns);
            List<IReadOnlyList<LayoutCell>> rows =
            [
                [new LayoutCell(block.Header, LayoutRole.Header, ColumnSpan: valueColumns + 1)],
                [
                    new LayoutCell(NationalFormat.InformationContent, LayoutRole.Header),
                    .. block.ColumnLabels.Select((label, i) => new LayoutCell(label, LayoutRole.Header, ColumnSpan: spans[i])),
                ],
            ];
            foreach (var row in block.Rows)
            {
                rows.Add(
                [
                    new LayoutCell(row.Label, LayoutRole.Label),
                    .. row.Fields.Select((field, i) => Value(report.Table2[field], NationalFormat.PathOf(field), spans[i])),
                ]);
            }

            layouts.Add(new TableLayout(valueColumns + 1, 2, rows));
        }

        return layouts;
    }

    /// <summary>Table 三: three label columns and seven applicant columns under a three-row header.</summary>
    public static TableLayout Table3(AnnualReport report)
    {
        var columns = NationalFormat.Table3ColumnLabels;
        var legalPersonColumns = columns.Count - 2;
        List<IReadOnlyList<LayoutCell>> rows =
        [
            [
                new LayoutCell(NationalFormat.Table3Note, LayoutRole.Header, RowSpan: 3, ColumnSpan: 3),
                new LayoutCell(NationalFormat.ApplicantGroup, LayoutRole.Header, ColumnSpan: columns.Count),
            ],
            [
                new LayoutCell(columns[0], LayoutRole.Header, RowSpan: 2),
                new LayoutCell(NationalFormat.LegalPersonGroup, LayoutRole.Header, ColumnSpan: legalPersonColumns),
                new LayoutCell(columns[^1], LayoutRole.Header, RowSpan: 2),
            ],
            [.. columns.Skip(1).Take(legalPersonColumns).Select(label => new LayoutCell(label, LayoutRole.Header))],
        ];

        var definitions = NationalFormat.Table3Rows(report.Format);
        string? previousGroup = null;
        foreach (var definition in definitions)
        {
            var labels = new List<LayoutCell>();
            if (definition.Group is null)
            {
                labels.Add(new LayoutCell(definition.Label, LayoutRole.Label, ColumnSpan: 3));
            }
            else
            {
                if (previousGroup is null)
                {
                    labels.Add(new LayoutCell(
                        NationalFormat.OutcomeGroup, LayoutRole.Label, RowSpan: definitions.Count(d => d.Group is not null)));
                }

                if (definition.Group == NationalFormat.OutcomeGroup)
                {
                    labels.Add(new LayoutCell(definition.Label, LayoutRole.Label, ColumnSpan: 2));
                }
                else
                {
                    if (definition.Group != previousGroup)
                    {
                        labels.Add(new LayoutCell(
                            definition.Group, LayoutRole.Label, RowSpan: definitions.Count(d => d.Group == definition.Group)));
                    }

                    labels.Add(new LayoutCell(definition.Label, LayoutRole.Label));
                }
            }

            previousGroup = definition.Group;
            rows.Add(
            [
                .. labels,
                .. Enum.GetValues<Table3Column>().Select(column => Value(
                    report.Table3[definition.Row, column], NationalFormat.PathOf(report.Format, definition.Row, column))),
            ]);
        }

        return new TableLayout(3 + columns.Count, 3, rows);
    }

    /// <summary>Table 四: 行政复议 and 行政诉讼 over a three-row header, then one row of fifteen values.</summary>
    public static TableLayout Table4(AnnualReport report)
    {
        var blockColumns = NationalFormat.Table4ColumnLabels.Count;
        var litigationBlocks = Enum.GetValues<Table4Block>().Skip(1).ToArray();
        IReadOnlyList<IReadOnlyList<LayoutCell>> rows =
        [
            [
                new LayoutCell(NationalFormat.Reconsideration, LayoutRole.Header, ColumnSpan: blockColumns),
                new LayoutCell(NationalFormat.Litigation, LayoutRole.Header, ColumnSpan: blockColumns * litigationBlocks.Length),
            ],
            [
                .. NationalFormat.Table4ColumnLabels.Select(label => new LayoutCell(label, LayoutRole.Header, RowSpan: 2)),
                .. litigationBlocks.Select(block => new LayoutCell(
                    NationalFormat.Table4BlockLabels[(int)block], LayoutRole.Header, ColumnSpan: blockColumns)),
            ],
            [
                .. litigationBlocks.SelectMany(_ => NationalFormat.Table4ColumnLabels)
                    .Select(label => new LayoutCell(label, LayoutRole.Header)),
            ],
            [
                .. Enum.GetValues<Table4Block>().SelectMany(block => Enum.GetValues<Table4Column>()
                    .Select(column => Value(report.Table4[block, column], NationalFormat.PathOf(block, column)))),
            ],
        ];
        return new TableLayout(blockColumns * (litigationBlocks.Length + 1), 3, rows);
    }

    private static ReportTable? TableOf(SectionKey key) => key switch
    {
        SectionKey.ProactiveDisclosure => ReportTable.Table2,
        SectionKey.Applications => ReportTable.Table3,
        SectionKey.ReviewAndLitigation => ReportTable.Table4,
        _ => null,
    };

    public static IReadOnlyList<TableLayout> Blocks(AnnualReport report, ReportTable table) => table switch
    {
        ReportTable.Table2 => Table2(report),
        ReportTable.Table3 => [Table3(report)],
        _ => [Table4(report)],
    };

    private static bool HasCells(AnnualReport report, ReportTable table) =>
        FormatCell.All(report.Format).Any(c => c.Table == table && c.Get(report).Kind != CellKind.Missing);

    private static LayoutCell Value(Cell cell, string path, int columnSpan = 1) =>
        new(ValueText(cell), LayoutRole.Value, ColumnSpan: columnSpan, Path: path);

    /// <summary>Spreads a block's value columns over the table's: one grid column each, the last takes the rest.</summary>
    private static int[] Spans(int count, int width)
    {
        var spans = Enumerable.Repeat(1, count).ToArray();
        spans[^1] = width - count + 1;
        return spans;
    }
}
