using System.Globalization;

namespace Gongkai.AnnualReports;

/// <summary>What the source said in a cell.</summary>
public enum CellKind
{
    /// <summary>A number other than zero.</summary>
    Number,

    /// <summary>The number zero, written as such.</summary>
    Zero,

    /// <summary>The cell exists but is empty.</summary>
    Blank,

    /// <summary>A stand-in for a number: "/", "-", "—", "无", "不适用" and the like.</summary>
    Placeholder,

    /// <summary>Words where a number belongs.</summary>
    Text,

    /// <summary>The source has no such cell at all (a row or table was not found).</summary>
    Missing,
}

/// <summary>How the reader came to a cell's value: as the source wrote it, or by working out where digits part.</summary>
public enum CellReading
{
    /// <summary>As the source wrote it: a markup cell, a text column, a number between separators.</summary>
    AsWritten,

    /// <summary>
    /// Digits that ran together in the source (a flattened table), separated where the table's own identities allow
    /// exactly one split.
    /// </summary>
    Split,

    /// <summary>
    /// A row of numbers printed without its label (a conversion put the label elsewhere), placed by the order of the
    /// format's rows between labelled rows.
    /// </summary>
    Inferred,

    /// <summary>
    /// The reader could not be sure (several splits fit the identities, or the digits fit none): the value is the most
    /// likely reading and a reading finding asks a person to check it. No error about the report rests on such a cell.
    /// </summary>
    Unsure,
}

/// <summary>
/// Where something came from. Text inputs give <see cref="Line"/> and <see cref="Column"/> (1-based, column in
/// characters); HTML and DOCX give <see cref="Table"/>, <see cref="Row"/> and <see cref="Cell"/> (1-based, table
/// counted in document order); PDF adds <see cref="Page"/>.
/// </summary>
public sealed record SourceLocation(
    int? Line = null,
    int? Column = null,
    int? Table = null,
    int? Row = null,
    int? Cell = null,
    int? Page = null)
{
    public static SourceLocation AtLine(int line, int column = 1) => new(Line: line, Column: column);

    public static SourceLocation InTable(int table, int row, int cell) => new(Table: table, Row: row, Cell: cell);

    /// <summary>A short Chinese description, e.g. "第57行第12列" or "第2个表格第5行第4格".</summary>
    public override string ToString()
    {
        var page = Page is { } p ? $"第{p}页" : "";
        if (Table is { } t)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{page}第{t}个表格第{Row}行第{Cell}格");
        }

        if (Line is { } l)
        {
            return Column is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"{page}第{l}行第{c}列")
                : string.Create(CultureInfo.InvariantCulture, $"{page}第{l}行");
        }

        return page;
    }
}

/// <summary>
/// One numeric cell of a report table: its value and what the source actually wrote there.
/// Invariant: <see cref="Value"/> is non-null exactly when <see cref="Kind"/> is <see cref="CellKind.Number"/> or
/// <see cref="CellKind.Zero"/>, and <see cref="CellKind.Zero"/> exactly when the value is 0.
/// </summary>
public sealed record Cell
{
    private Cell(CellKind kind, decimal? value, string raw, SourceLocation? location)
    {
        Kind = kind;
        Value = value;
        Raw = raw;
        Location = location;
    }

    /// <summary>The shared cell for "the source has no such cell".</summary>
    public static Cell Missing { get; } = new(CellKind.Missing, null, "", null);

    public CellKind Kind { get; }

    /// <summary>The number, when the source had one.</summary>
    public decimal? Value { get; }

    /// <summary>The cell's text exactly as the source wrote it.</summary>
    public string Raw { get; }

    public SourceLocation? Location { get; init; }

    /// <summary>How the value was read; <see cref="CellReading.Unsure"/> cells carry no error about the report.</summary>
    public CellReading Reading { get; init; }

    /// <summary>True unless the reader was unsure of the value (see <see cref="CellReading.Unsure"/>).</summary>
    public bool IsCertain => Reading != CellReading.Unsure;

    /// <summary>True when the cell holds a number (zero included).</summary>
    public bool HasNumber => Value is not null;

    public static Cell Of(decimal value, SourceLocation? location = null) =>
        new(value == 0 ? CellKind.Zero : CellKind.Number, value, value.ToString(CultureInfo.InvariantCulture), location);

    /// <summary>Reads what a source cell says. Never throws; anything not understood becomes <see cref="CellKind.Text"/>.</summary>
    public static Cell Parse(string raw, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var (kind, value) = CellText.Interpret(raw);
        return new Cell(kind, value, raw, location);
    }

    public bool Equals(Cell? other) =>
        other is not null && Kind == other.Kind && Value == other.Value;

    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    public override string ToString() => Kind switch
    {
        CellKind.Number or CellKind.Zero => Value!.Value.ToString(CultureInfo.InvariantCulture),
        CellKind.Missing => "(缺失)",
        CellKind.Blank => "(空白)",
        _ => Raw,
    };
}
