namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// One cell of source text. <paramref name="IsSpanned"/> marks a grid position covered by a neighbour's
/// rowspan/colspan (HTML, DOCX): it repeats no text and is never a value.
/// </summary>
public sealed record SourceCell(string Text, SourceLocation Location, bool IsSpanned = false);

/// <summary>
/// A line of the source: a paragraph (one cell, <see cref="TableIndex"/> null) or a table row (its cells left to
/// right). Plain text gives tab-separated lines table rows only by their tabs, so <see cref="TableIndex"/> is null
/// there too; HTML and DOCX number their tables from 1.
/// </summary>
public sealed record SourceLine(IReadOnlyList<SourceCell> Cells, int? TableIndex = null)
{
    public bool IsParagraph => Cells.Count == 1 && TableIndex is null;

    /// <summary>The line's text with cells joined by tabs, for messages and paragraph text.</summary>
    public string Text => Cells.Count == 1 ? Cells[0].Text : string.Join('\t', Cells.Select(c => c.Text));

    public SourceLocation Location => Cells.Count > 0 ? Cells[0].Location : new SourceLocation();
}

/// <summary>A source file reduced to lines and cells, whatever its format; the recognizer reads only this.</summary>
public sealed record SourceDocument(IReadOnlyList<SourceLine> Lines);

/// <summary>The input could not be read at all (not a report, corrupt, empty). The message says what and what to do.</summary>
public sealed class ReportReadException : Exception
{
    public ReportReadException(string message)
        : base(message)
    {
    }

    public ReportReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
