namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// The rectangular grid of a table with merged cells, shared by the HTML and DOCX readers so both follow one
/// convention: the origin of a merged cell holds its text, every other position it covers is spanned (empty, with
/// the origin's location), and a position no cell covers is empty and not spanned. Rows and columns are 0-based here
/// and 1-based in the locations it produces.
/// </summary>
internal sealed class TableGrid
{
    private readonly List<List<Slot?>> _rows = [];

    public TableGrid(int rows = 0)
    {
        for (var r = 0; r < rows; r++)
        {
            _rows.Add([]);
        }
    }

    public int RowCount => _rows.Count;

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
    /// Places a cell whose top-left corner is at (<paramref name="row"/>, <paramref name="column"/>). Spans past the
    /// last row are cut off, as browsers do; a position already covered by an earlier cell keeps that cell.
    /// </summary>
    public void Place(int row, int column, int rowSpan, int colSpan, string text)
    {
        var origin = new Slot(row, column, text);
        var lastRow = Math.Min(_rows.Count, row + Math.Max(1, rowSpan));
        for (var r = row; r < lastRow; r++)
        {
            for (var c = column; c < column + colSpan; c++)
            {
                Set(r, c, r == row && c == column ? origin : origin with { IsOrigin = false });
            }
        }
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

        for (var c = column; c < column + colSpan; c++)
        {
            Set(row, c, left with { IsOrigin = false });
        }
    }

    public IEnumerable<SourceLine> ToLines(int tableIndex)
    {
        var width = _rows.Count == 0 ? 0 : _rows.Max(slots => slots.Count);
        if (width == 0)
        {
            yield break;
        }

        for (var r = 0; r < _rows.Count; r++)
        {
            var cells = new SourceCell[width];
            for (var c = 0; c < width; c++)
            {
                var slot = c < _rows[r].Count ? _rows[r][c] : null;
                cells[c] = slot switch
                {
                    null => new SourceCell("", SourceLocation.InTable(tableIndex, r + 1, c + 1)),
                    { IsOrigin: true } => new SourceCell(slot.Text, SourceLocation.InTable(tableIndex, r + 1, c + 1)),
                    _ => new SourceCell("", SourceLocation.InTable(tableIndex, slot.Row + 1, slot.Column + 1), IsSpanned: true),
                };
            }

            yield return new SourceLine(cells, tableIndex);
        }
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

    private sealed record Slot(int Row, int Column, string Text, bool IsOrigin = true);
}
