namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Reads an annual report from a file of any supported format: plain text, Markdown, HTML (whole saved pages too),
/// DOCX, PDF (text PDFs, read in process) and the JSON form. Throws <see cref="ReportReadException"/>, with a message that
/// names the file and says what to do, when the input cannot be read at all.
/// </summary>
public static class ReportParser
{
    /// <summary>Plain text or Markdown, already decoded.</summary>
    public static ReportParseResult ParseText(string text) => ReportRecognizer.Recognize(TextSource.Read(text));

    public static ReportParseResult ParseDocument(SourceDocument document) => ReportRecognizer.Recognize(document);

    public static async Task<ReportParseResult> ParseFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ReportReadException($"找不到文件“{path}”。请检查路径是否正确。", exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new ReportReadException($"没有权限读取文件“{path}”。", exception);
        }

        return await ParseBytesAsync(bytes, path, cancellationToken);
    }

    /// <summary>
    /// Reads a report from its bytes; <paramref name="fileName"/> (its extension) says the format where the content
    /// alone does not.
    /// </summary>
    public static Task<ReportParseResult> ParseBytesAsync(byte[] bytes, string fileName, CancellationToken cancellationToken = default) =>
        Task.FromResult(ParseBytes(bytes, fileName, cancellationToken));

    /// <summary>Reads a report from its bytes, as <see cref="ParseBytesAsync"/>; every format is read in process.</summary>
    public static ReportParseResult ParseBytes(byte[] bytes, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(fileName);
        switch (SourceDecoding.Sniff(bytes, fileName))
        {
            case SourceKind.Html:
                return ParseDocument(HtmlSource.Read(SourceDecoding.DecodeHtml(bytes, fileName)));
            case SourceKind.Docx:
                using (var stream = new MemoryStream(bytes, writable: false))
                {
                    return ParseDocument(DocxSource.Read(stream));
                }

            case SourceKind.Pdf:
                return ParseDocument(JoinWrappedParagraphs(PdfSource.Read(bytes, fileName, cancellationToken)));
            case SourceKind.Json:
                return new ReportParseResult(Json.ReportJson.Deserialize(SourceDecoding.DecodeText(bytes, fileName)), []);
            default:
                return ParseText(SourceDecoding.DecodeText(bytes, fileName));
        }
    }

    /// <summary>
    /// A PDF breaks paragraphs into lines at the page edge. Joins a paragraph line with the next one when it does not
    /// end a sentence and the next one does not start a numbered item or heading, so the text reads as written.
    /// </summary>
    internal static SourceDocument JoinWrappedParagraphs(SourceDocument document)
    {
        var lines = new List<SourceLine>(document.Lines.Count);
        foreach (var line in document.Lines)
        {
            if (lines.Count > 0 && line.IsParagraph && lines[^1] is { IsParagraph: true } previous
                && previous.Location.Page == line.Location.Page
                && !EndsSentence(previous.Cells[0].Text) && !StartsItem(line.Cells[0].Text))
            {
                lines[^1] = new SourceLine([previous.Cells[0] with { Text = previous.Cells[0].Text.TrimEnd() + line.Cells[0].Text.Trim() }]);
                continue;
            }

            lines.Add(line);
        }

        return new SourceDocument(lines);
    }

    private static bool EndsSentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length == 0 || "。；;：:！!？?”）)".Contains(trimmed[^1], StringComparison.Ordinal)
            || LabelMatchesHeading(trimmed);
    }

    private static bool StartsItem(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.Length == 0 || trimmed[0] is '（' or '(' or '#' || (trimmed.Length > 1 && trimmed[1] is '、' or '.' or '．')
            || LabelMatchesHeading(trimmed);
    }

    private static bool LabelMatchesHeading(string text) => LabelMatcher.MatchSectionHeading(LabelText.Canonical(text)) is not null;
}
