namespace Gongkai.AnnualReports;

/// <summary>
/// Table 二 (主动公开政府信息情况). Holds a cell for every <see cref="Table2Field"/>; fields the report's format does
/// not have stay <see cref="Cell.Missing"/>.
/// </summary>
public sealed class Table2
{
    private static readonly int FieldCount = Enum.GetValues<Table2Field>().Length;
    private readonly Cell[] _cells;

    public Table2() => _cells = Enumerable.Repeat(Cell.Missing, FieldCount).ToArray();

    private Table2(Cell[] cells) => _cells = cells;

    public Cell this[Table2Field field]
    {
        get => _cells[(int)field];
        set => _cells[(int)field] = value ?? throw new ArgumentNullException(nameof(value));
    }

    public Table2 Clone() => new((Cell[])_cells.Clone());
}

/// <summary>Table 三 (收到和处理政府信息公开申请情况): 25 rows × 7 applicant columns.</summary>
public sealed class Table3
{
    public const int RowCount = 25;
    public const int ColumnCount = 7;
    private readonly Cell[] _cells;

    public Table3() => _cells = Enumerable.Repeat(Cell.Missing, RowCount * ColumnCount).ToArray();

    private Table3(Cell[] cells) => _cells = cells;

    public Cell this[Table3Row row, Table3Column column]
    {
        get => _cells[((int)row * ColumnCount) + (int)column];
        set => _cells[((int)row * ColumnCount) + (int)column] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The value of a cell, or 0 when the cell has no number. For arithmetic over tables built from data.</summary>
    public decimal ValueOrZero(Table3Row row, Table3Column column) => this[row, column].Value ?? 0;

    public Table3 Clone() => new((Cell[])_cells.Clone());
}

/// <summary>Table 四 (政府信息公开行政复议、行政诉讼情况): 3 blocks × 5 columns.</summary>
public sealed class Table4
{
    public const int BlockCount = 3;
    public const int ColumnCount = 5;
    private readonly Cell[] _cells;

    public Table4() => _cells = Enumerable.Repeat(Cell.Missing, BlockCount * ColumnCount).ToArray();

    private Table4(Cell[] cells) => _cells = cells;

    public Cell this[Table4Block block, Table4Column column]
    {
        get => _cells[((int)block * ColumnCount) + (int)column];
        set => _cells[((int)block * ColumnCount) + (int)column] = value ?? throw new ArgumentNullException(nameof(value));
    }

    public Table4 Clone() => new((Cell[])_cells.Clone());
}
