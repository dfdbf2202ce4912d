using Gongkai.Documents;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Reads an annual report from a file of any supported format: plain text, Markdown, HTML (whole saved pages too),
/// DOCX, PDF (through pdftotext) and the JSON form, within <see cref="ReportReadLimits"/> (the defaults when none are
/// given). Throws <see cref="ReportReadException"/>, with a message that names the file and says what to do, when the
/// input cannot be read at all or goes over a limit; that is the only exception bad input can cause.
/// <see cref="OperationCanceledException"/> leaves only when the caller's own token is cancelled.
/// </summary>
public static class ReportParser
{
    /// <summary>Plain text or Markdown, already decoded.</summary>
    public static ReportParseResult ParseText(string text, ReportReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var budget = new ReadBudget(limits ?? ReportReadLimits.Default, "文本");
        return Guarded(budget, () => Recognize(TextSource.Read(SafeText.Clean(text), budget), budget));
    }

    public static ReportParseResult ParseDocument(SourceDocument document) => ReportRecognizer.Recognize(document);

    public static async Task<ReportParseResult> ParseFileAsync(string path, ReportReadLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var budget = new ReadBudget(limits ?? ReportReadLimits.Default, path, cancellationToken);
        byte[] bytes;
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            bytes = await ReadBoundedAsync(file, budget).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ReportReadException($"找不到文件“{path}”。请检查路径是否正确。", exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new ReportReadException($"没有权限读取文件“{path}”。", exception);
        }
        catch (IOException exception)
        {
            throw new ReportReadException($"无法读取文件“{path}”：{exception.Message}", exception);
        }
        catch (OperationCanceledException) when (budget.TimedOut)
        {
            throw budget.TimeUp();
        }

        return await ParseAsync(bytes, path, pdfPath: path, budget).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a report from its bytes; <paramref name="fileName"/> (its extension) says the format where the content
    /// alone does not. A PDF is written to a temporary file for pdftotext unless <paramref name="pdfPath"/> is given.
    /// </summary>
    public static async Task<ReportParseResult> ParseBytesAsync(
        byte[] bytes, string fileName, string? pdfPath = null, ReportReadLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(fileName);
        using var budget = new ReadBudget(limits ?? ReportReadLimits.Default, fileName, cancellationToken);
        if (bytes.Length > budget.Limits.MaxInputBytes)
        {
            throw ReadBudget.TooLarge(fileName, bytes.Length, budget.Limits);
        }

        return await ParseAsync(bytes, fileName, pdfPath, budget).ConfigureAwait(false);
    }

    /// <summary>
    /// The whole of <paramref name="stream"/>, or a <see cref="ReportReadException"/> naming
    /// <paramref name="fileName"/> as soon as it is longer than <see cref="ReportReadLimits.MaxInputBytes"/>: an upload
    /// is never held in memory beyond the limit.
    /// </summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream, string fileName, ReportReadLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        using var budget = new ReadBudget(limits ?? ReportReadLimits.Default, fileName, cancellationToken);
        try
        {
            return await ReadBoundedAsync(stream, budget).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.TimedOut)
        {
            throw budget.TimeUp();
        }
    }

    internal static byte[] ReadBounded(Stream stream, ReadBudget budget)
    {
        var most = budget.Limits.MaxInputBytes;
        if (stream.CanSeek && stream.Length - stream.Position > most)
        {
            throw ReadBudget.TooLarge(budget.FileName, stream.Length - stream.Position, budget.Limits);
        }

        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > most)
            {
                throw ReadBudget.TooLarge(budget.FileName, copy.Length, budget.Limits, more: true);
            }

            budget.Check();
        }

        return copy.ToArray();
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, ReadBudget budget)
    {
        var most = budget.Limits.MaxInputBytes;
        if (stream.CanSeek && stream.Length - stream.Position > most)
        {
            throw ReadBudget.TooLarge(budget.FileName, stream.Length - stream.Position, budget.Limits);
        }

        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, budget.Token).ConfigureAwait(false)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > most)
            {
                throw ReadBudget.TooLarge(budget.FileName, copy.Length, budget.Limits, more: true);
            }
        }

        return copy.ToArray();
    }

    private static async Task<ReportParseResult> ParseAsync(byte[] bytes, string fileName, string? pdfPath, ReadBudget budget)
    {
        try
        {
            switch (SourceDecoding.Sniff(bytes, fileName))
            {
                case SourceKind.Html:
                    return Recognize(HtmlSource.Read(SourceDecoding.DecodeHtml(bytes, fileName), budget), budget);
                case SourceKind.Docx:
                    return Recognize(DocxSource.Read(bytes, budget), budget);
                case SourceKind.Pdf:
                    return Recognize(JoinWrappedParagraphs(await ReadPdfAsync(bytes, pdfPath, budget).ConfigureAwait(false)), budget);
                case SourceKind.Json:
                    return new ReportParseResult(Json.ReportJson.DeserializeWithin(SourceDecoding.DecodeText(bytes, fileName), budget), []);
                default:
                    return Recognize(TextSource.Read(SourceDecoding.DecodeText(bytes, fileName), budget), budget);
            }
        }
        catch (Exception exception) when (Unexpected(exception, budget) is { } wrapped)
        {
            throw wrapped;
        }
    }

    /// <summary>Runs a synchronous reader within <paramref name="budget"/>, with the same last resort as the file readers.</summary>
    internal static T Guarded<T>(ReadBudget budget, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (Unexpected(exception, budget) is { } wrapped)
        {
            throw wrapped;
        }
    }

    /// <summary>
    /// The exception to throw instead of <paramref name="exception"/>, or null to let it pass: a
    /// <see cref="ReportReadException"/> passes, cancellation by the time budget becomes the time-limit message,
    /// the caller's cancellation passes, and anything else — a failure nobody foresaw — becomes a
    /// <see cref="ReportReadException"/> marked <see cref="ReportReadException.IsUnexpected"/>, so that bad input never
    /// ends a request or a batch with anything but the documented error.
    /// </summary>
    private static ReportReadException? Unexpected(Exception exception, ReadBudget budget) => exception switch
    {
        ReportReadException => null,
        OperationCanceledException when budget.TimedOut => budget.TimeUp(),
        OperationCanceledException => null,
        _ => new ReportReadException(
            $"无法读取文件“{budget.FileName}”：读取时遇到了意外的问题（{exception.GetType().Name}）。文件可能已损坏或格式异常：请用原来的软件打开，另存为 Word 文档（.docx）或文本文件（.txt）后再导入；如果问题反复出现，请把文件交给平台管理员。",
            exception)
        {
            IsUnexpected = true,
        },
    };

    private static ReportParseResult Recognize(SourceDocument document, ReadBudget budget) => ReportRecognizer.Recognize(document, budget);

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

    private static async Task<SourceDocument> ReadPdfAsync(byte[] bytes, string? path, ReadBudget budget)
    {
        if (path is not null)
        {
            return await PdfSource.ReadAsync(path, PdfSource.Executable, budget).ConfigureAwait(false);
        }

        var temporary = Path.Combine(Path.GetTempPath(), "gongkai-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(temporary, bytes, budget.Token).ConfigureAwait(false);
        try
        {
            return await PdfSource.ReadAsync(temporary, PdfSource.Executable, budget).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
