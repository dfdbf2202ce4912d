namespace Gongkai.AnnualReports;

/// <summary>
/// One numeric cell of a national format, addressed by exactly one of: a table 二 field, a table 三 row and column, or
/// a table 四 block and column. <see cref="All"/> lists every cell of a format in print order (table 二, 三, 四); the JSON
/// form, comparisons and renderers walk that list so that they agree on which cells a format has.
/// </summary>
public sealed class FormatCell
{
    private static readonly IReadOnlyList<FormatCell> Cells2021 = Build(ReportFormat.Format2021);
    private static readonly IReadOnlyList<FormatCell> Cells2019 = Build(ReportFormat.Format2019);

    private FormatCell(
        ReportTable table,
        string path,
        string description,
        string? heading = null,
        Table2Field? field = null,
        Table3Row? row = null,
        Table3Column? column = null,
        Table4Block? block = null,
        Table4Column? table4Column = null)
    {
        Table = table;
        Path = path;
        Description = description;
        Heading = heading ?? description;
        Field = field;
        Row = row;
        Column = column;
        Block = block;
        Table4Column = table4Column;
    }

    public ReportTable Table { get; }

    /// <summary>The stable path, e.g. "table3.newReceived.total" (see <see cref="NationalFormat.PathOf(Table2Field)"/>).</summary>
    public string Path { get; }

    /// <summary>A Chinese description for messages, e.g. "表三「一、本年新收政府信息公开申请数量」总计".</summary>
    public string Description { get; }

    /// <summary>
    /// The cell's name as a column heading (CSV downloads), unique within a format: <see cref="Description"/>, with the
    /// article item added for table 二 (see <see cref="NationalFormat.Heading"/>).
    /// </summary>
    public string Heading { get; }

    /// <summary>Set for table 二 cells only.</summary>
    public Table2Field? Field { get; }

    /// <summary>Set (with <see cref="Column"/>) for table 三 cells only.</summary>
    public Table3Row? Row { get; }

    public Table3Column? Column { get; }

    /// <summary>Set (with <see cref="Table4Column"/>) for table 四 cells only.</summary>
    public Table4Block? Block { get; }

    public Table4Column? Table4Column { get; }

    /// <summary>Every numeric cell of a format, in print order: table 二 fields, table 三 row by row, table 四 block by block.</summary>
    public static IReadOnlyList<FormatCell> All(ReportFormat format) =>
        format == ReportFormat.Format2019 ? Cells2019 : Cells2021;

    public Cell Get(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Table switch
        {
            ReportTable.Table2 => report.Table2[Field!.Value],
            ReportTable.Table3 => report.Table3[Row!.Value, Column!.Value],
            _ => report.Table4[Block!.Value, Table4Column!.Value],
        };
    }

    public void Set(AnnualReport report, Cell cell)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(cell);
        switch (Table)
        {
            case ReportTable.Table2:
                report.Table2[Field!.Value] = cell;
                break;
            case ReportTable.Table3:
                report.Table3[Row!.Value, Column!.Value] = cell;
                break;
            default:
                report.Table4[Block!.Value, Table4Column!.Value] = cell;
                break;
        }
    }

    public override string ToString() => Path;

    private static FormatCell[] Build(ReportFormat format)
    {
        var cells = new List<FormatCell>();
        foreach (var field in NationalFormat.Table2Fields(format))
        {
            cells.Add(new(ReportTable.Table2, NationalFormat.PathOf(field), NationalFormat.Describe(field), NationalFormat.Heading(format, field), field: field));
        }

        foreach (var definition in NationalFormat.Table3Rows(format))
        {
            foreach (var column in Enum.GetValues<Table3Column>())
            {
                cells.Add(new(
                    ReportTable.Table3,
                    NationalFormat.PathOf(format, definition.Row, column),
                    NationalFormat.Describe(format, definition.Row, column),
                    row: definition.Row,
                    column: column));
            }
        }

        foreach (var block in Enum.GetValues<Table4Block>())
        {
            foreach (var column in Enum.GetValues<Table4Column>())
            {
                cells.Add(new(
                    ReportTable.Table4,
                    NationalFormat.PathOf(block, column),
                    NationalFormat.Describe(block, column),
                    block: block,
                    table4Column: column));
            }
        }

        return [.. cells];
    }
}
