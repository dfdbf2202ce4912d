using System.Globalization;
using Gongkai.AnnualReports.Rendering;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// The rectangular grid of a table with merged cells, shared by the HTML and DOCX readers so both follow one
/// convention: the origin of a merged cell holds its text, every other position it covers is spanned (empty, with
/// the origin's location), and a position no cell covers is empty and not spanned. Rows and columns are 0-based here
/// and 1-based in the locations it produces.
/// <para>
/// Bounded: a merged cell covers at most <see cref="NationalRows"/> rows and <see cref="NationalColumns"/> columns,
/// the size of the largest national table; a larger span is cut to that size with a PARSE-SPAN finding (the first of
/// each table), so a page cannot make a grid larger than its markup. Every position counts against
/// <see cref="ReportReadLimits.MaxCells"/>.
/// </para>
/// </summary>
internal sealed class TableGrid
{
    private static readonly (int Rows, int Columns) NationalSize = LargestNationalTable();

    private readonly List<List<Slot?>> _rows = [];
    private readonly int _tableIndex;
    private readonly ReadBudget _budget;
    private long _counted;

    public TableGrid(int tableIndex, ReadBudget budget, int rows = 0)
    {
        _tableIndex = tableIndex;
        _budget = budget;
        for (var r = 0; r < rows; r++)
        {
            _rows.Add([]);
        }
    }

    /// <summary>The most rows any national table has (table 三 with its header rows).</summary>
    public static int NationalRows => NationalSize.Rows;

    /// <summary>The most grid columns any national table has (table 四).</summary>
    public static int NationalColumns => NationalSize.Columns;

    public int RowCount => _rows.Count;

    /// <summary>The PARSE-SPAN finding of this table, when a span was cut.</summary>
    public Finding? Finding { get; private set; }

    public void AddRow() => _rows.Add([]);

    /// <summary>The first column at or after <paramref name="column"/> that no cell covers yet.</summary>
    public int NextFreeColumn(int row, int column)
    {
        var slots = _rows[row];
        while (column < slots.Count && slots[column] is not null)
        {
            column++;
        }

        return column;
    }

    /// <summary>
    /// A column span cut to <see cref="NationalColumns"/>; the cut is recorded as this table's finding.
    /// <paramref name="row"/> and <paramref name="column"/> are where the cell starts.
    /// </summary>
    public int ClampColumns(int span, int row, int column) => Clamp(span, NationalColumns, "列", row, column);

    /// <summary>
    /// Places a cell whose top-left corner is at (<paramref name="row"/>, <paramref name="column"/>). Spans past the
    /// last row are cut off, as browsers do; a position already covered by an earlier cell keeps that cell. Spans
    /// larger than the national tables are cut (see the type's remarks). Returns the column span used.
    /// </summary>
    public int Place(int row, int column, int rowSpan, int colSpan, string text)
    {
        rowSpan = Clamp(Math.Max(1, rowSpan), NationalRows, "行", row, column);
        colSpan = ClampColumns(colSpan, row, column);
        var origin = new Slot(row, column, text);
        var lastRow = Math.Min(_rows.Count, row + rowSpan);
        Count((long)(lastRow - row) * colSpan);
        for (var r = row; r < lastRow; r++)
        {
            for (var c = column; c < column + colSpan; c++)
            {
                Set(r, c, r == row && c == column ? origin : origin with { IsOrigin = false });
            }
        }

        return colSpan;
    }

    /// <summary>
    /// Covers <paramref name="colSpan"/> positions of <paramref name="row"/> from <paramref name="column"/> with the
    /// cell above (Word's vertical merge). Without a cell above it is an empty cell of its own.
    /// </summary>
    public void ContinueFromAbove(int row, int column, int colSpan)
    {
        var above = row > 0 && column < _rows[row - 1].Count ? _rows[row - 1][column] : null;
        if (above is null)
        {
            Place(row, column, 1, colSpan, "");
            return;
        }

        Count(colSpan);
        for (var c = column; c < column + colSpan; c++)
        {
            Set(row, c, above with { IsOrigin = false });
        }
    }

    /// <summary>
    /// Covers <paramref name="colSpan"/> positions of <paramref name="row"/> from <paramref name="column"/> with the
    /// cell to the left (Word's legacy horizontal merge).
    /// </summary>
    public void ContinueFromLeft(int row, int column, int colSpan)
    {
        var left = column > 0 && column - 1 < _rows[row].Count ? _rows[row][column - 1] : null;
        if (left is null)
        {
            Place(row, column, 1, colSpan, "");
            return;
        }

        Count(colSpan);
        for (var c = column; c < column + colSpan; c++)
        {
            Set(row, c, left with { IsOrigin = false });
        }
    }

    public List<SourceLine> ToLines()
    {
        var width = _rows.Count == 0 ? 0 : _rows.Max(slots => slots.Count);
        if (width == 0)
        {
            return [];
        }

        // Short rows are padded to the full width: those positions are cells too.
        Count(((long)_rows.Count * width) - _counted);
        var lines = new List<SourceLine>(_rows.Count);
        for (var r = 0; r < _rows.Count; r++)
        {
            var cells = new SourceCell[width];
            for (var c = 0; c < width; c++)
            {
                var slot = c < _rows[r].Count ? _rows[r][c] : null;
                cells[c] = slot switch
                {
                    null => new SourceCell("", SourceLocation.InTable(_tableIndex, r + 1, c + 1)),
                    { IsOrigin: true } => new SourceCell(slot.Text, SourceLocation.InTable(_tableIndex, r + 1, c + 1)),
                    _ => new SourceCell("", SourceLocation.InTable(_tableIndex, slot.Row + 1, slot.Column + 1), IsSpanned: true),
                };
            }

            lines.Add(new SourceLine(cells, _tableIndex));
        }

        return lines;
    }

    private int Clamp(int span, int most, string unit, int row, int column)
    {
        if (span <= most)
        {
            return span;
        }

        Finding ??= RuleCatalogue.Finding(
            RuleCatalogue.ParseSpan,
            string.Create(CultureInfo.InvariantCulture,
                $"第{_tableIndex}个表格第{row + 1}行第{column + 1}格合并了 {span} {unit}，超过国家格式表格的 {most} {unit}，已按 {most} {unit}读取。请核对原表的合并单元格。"),
            SourceLocation.InTable(_tableIndex, row + 1, column + 1),
            expected: most.ToString(CultureInfo.InvariantCulture),
            actual: span.ToString(CultureInfo.InvariantCulture));
        return most;
    }

    private void Count(long positions)
    {
        if (positions <= 0)
        {
            return;
        }

        _counted += positions;
        _budget.AddCells(positions);
    }

    private void Set(int row, int column, Slot slot)
    {
        var slots = _rows[row];
        while (slots.Count <= column)
        {
            slots.Add(null);
        }

        slots[column] ??= slot;
    }

    private static (int Rows, int Columns) LargestNationalTable()
    {
        var layouts = new[] { ReportFormat.Format2019, ReportFormat.Format2021 }
            .Select(format => new AnnualReport { Format = format })
            .SelectMany(report => new[] { ReportLayout.Table2(report), [ReportLayout.Table3(report)], [ReportLayout.Table4(report)] })
            .ToList();
        return (layouts.Max(blocks => blocks.Sum(b => b.Rows.Count)), layouts.Max(blocks => blocks.Max(b => b.ColumnCount)));
    }

    private sealed record Slot(int Row, int Column, string Text, bool IsOrigin = true);
}
