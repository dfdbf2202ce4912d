using Gongkai.AnnualReports.Validation;

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

/// <summary>
/// A source file reduced to lines and cells, whatever its format; the recognizer reads only this.
/// <see cref="Findings"/> are what the reader itself noticed (a merged cell cut to the national table's size); the
/// recognizer reports them first.
/// </summary>
public sealed record SourceDocument(IReadOnlyList<SourceLine> Lines)
{
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}

/// <summary>
/// The input could not be read at all (not a report, corrupt, empty, over a <see cref="ReportReadLimits"/> limit). The
/// message names the file where there is one and says what to do. This is the only exception the readers
/// (<see cref="ReportParser"/>, <see cref="Json.ReportJson.Deserialize(string, ReportReadLimits?)"/>) throw for bad
/// input; <see cref="OperationCanceledException"/> leaves them only when the caller's own token is cancelled.
/// </summary>
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

    /// <summary>
    /// True when a reader failed in a way nobody foresaw and the boundary turned the failure into this exception as a
    /// last resort. The user still gets a clear message; the fuzz harness treats it as a bug to fix.
    /// </summary>
    internal bool IsUnexpected { get; init; }

    /// <summary>The <see cref="ReportReadLimits"/> property the input went over, or null when it broke no limit.</summary>
    internal string? Limit { get; init; }
}
