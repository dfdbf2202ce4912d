using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Gongkai.Documents;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Reads a PDF through poppler's <c>pdftotext -layout</c>, which keeps the page's columns as runs of spaces.
/// <list type="bullet">
/// <item>Each non-blank output line is a <see cref="SourceLine"/> with <see cref="SourceLine.TableIndex"/> null: its
/// cells are the pieces between runs of two or more spaces (a single space stays inside a cell). One piece is a
/// paragraph; several are a table row as the page lays it out, with no table number — a PDF does not say where a table
/// starts, and merged cells are simply absent, so a row of table 三 starts with its numbers where the label column was
/// merged.</item>
/// <item>Locations: <see cref="SourceLocation.Line"/> is the 1-based line of pdftotext's output (blank lines
/// counted), <see cref="SourceLocation.Column"/> the 1-based character column where the cell starts, and
/// <see cref="SourceLocation.Page"/> the 1-based page (pages end with a form feed).</item>
/// </list>
/// </summary>
public static class PdfSource
{
    internal const string Executable = "pdftotext";

    /// <summary>What pdftotext writes on stderr is kept up to this many characters for the message.</summary>
    private const int ErrorLength = 2000;

    /// <summary>
    /// pdftotext writes an error line per bad byte of a damaged file: past this many characters of them the file is
    /// junk, and pdftotext is stopped instead of being left to write them for seconds.
    /// </summary>
    private const int MostErrors = 1024 * 1024;

    /// <exception cref="ReportReadException">
    /// pdftotext is missing, it could not read the file, the file has no text (a scan), or reading goes over a
    /// <see cref="ReportReadLimits"/> limit: the time budget (pdftotext is stopped) or the text it writes
    /// (<see cref="ReportReadLimits.MaxInflatedBytes"/>).
    /// </exception>
    public static async Task<SourceDocument> ReadAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var budget = new ReadBudget(ReportReadLimits.Default, path, ct);
        return await ReadAsync(path, Executable, budget).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="executable"/> as pdftotext; tests pass a name that does not exist.</summary>
    internal static async Task<SourceDocument> ReadAsync(string path, string executable, CancellationToken ct)
    {
        using var budget = new ReadBudget(ReportReadLimits.Default, path, ct);
        return await ReadAsync(path, executable, budget).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="executable"/> as pdftotext within <paramref name="budget"/>: its output is read in pieces
    /// and counted, and the process (with anything it started) is stopped when the time or the output runs out.
    /// </summary>
    internal static async Task<SourceDocument> ReadAsync(string path, string executable, ReadBudget budget)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fileName = budget.FileName;
        if (!File.Exists(path))
        {
            throw new ReportReadException($"找不到文件“{path}”。请检查路径是否正确。");
        }

        budget.Check();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "-layout", "-enc", "UTF-8", path, "-" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            CreateNoWindow = true,
        };

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new ReportReadException(
                "读取 PDF 文件需要 pdftotext 程序（属于 poppler-utils），但本机没有安装。请先安装后再试：" +
                "Debian/Ubuntu 运行 sudo apt-get install poppler-utils，" +
                "CentOS/麒麟/统信 运行 sudo yum install poppler-utils，macOS 运行 brew install poppler，" +
                "Windows 可安装 poppler 并把其 bin 目录加入 PATH。也可以把报告另存为网页（.html）或 Word 文档（.docx）再导入。",
                exception);
        }

        string output;
        string error;
        try
        {
            // Both pipes are drained at once so that pdftotext never blocks on a full one.
            var outputTask = ReadAtMostAsync(process.StandardOutput, budget.Limits.MaxInflatedBytes / sizeof(char), budget.Token);
            var errorTask = ReadErrorsAsync(process, budget.Token);
            var text = await outputTask.ConfigureAwait(false);
            if (text is null)
            {
                throw budget.TooMuchText();
            }

            (error, var flooded) = await errorTask.ConfigureAwait(false);
            if (flooded)
            {
                throw new ReportReadException(
                    $"无法读取 PDF 文件“{fileName}”：pdftotext 报告了大量错误（超过 {ReportReadLimits.Size(MostErrors)}），文件已严重损坏或并不是 PDF，已停止读取。" +
                    "请重新下载，或另存为网页（.html）、Word 文档（.docx）后再导入。");
            }

            output = text;
            await process.WaitForExitAsync(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            budget.Check();
            throw;
        }
        finally
        {
            Stop(process);
        }

        if (process.ExitCode != 0)
        {
            var detail = SafeText.Clean(error).Trim();
            throw new ReportReadException(
                $"无法读取 PDF 文件“{fileName}”：pdftotext 报告错误（退出码 {process.ExitCode}）：{(detail.Length > 0 ? detail : "无说明")}。" +
                "文件可能已损坏或并不是 PDF；请重新下载，或另存为网页（.html）、Word 文档（.docx）后再导入。");
        }

        var document = Parse(output, budget);
        if (document.Lines.Count == 0)
        {
            throw new ReportReadException(
                $"PDF 文件“{fileName}”中没有可以提取的文字，可能是扫描件或图片。请改用网页（.html）或 Word 文档（.docx）版本，或先用文字识别（OCR）转换后再导入。");
        }

        return document;
    }

    /// <summary>The reader's text up to its end, or null when it has more than <paramref name="most"/> characters.</summary>
    private static async Task<string?> ReadAtMostAsync(StreamReader reader, long most, CancellationToken ct)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (text.Length + read > most)
            {
                return null;
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>
    /// The start of what pdftotext writes on stderr (for the message), reading all of it so that the pipe never fills,
    /// and whether it wrote more than <see cref="MostErrors"/> characters — then pdftotext is stopped at once.
    /// </summary>
    private static async Task<(string Start, bool Flooded)> ReadErrorsAsync(Process process, CancellationToken ct)
    {
        var start = new StringBuilder();
        var buffer = new char[8192];
        var total = 0L;
        int read;
        while ((read = await process.StandardError.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            start.Append(buffer, 0, Math.Min(read, Math.Max(0, ErrorLength - start.Length)));
            total += read;
            if (total > MostErrors)
            {
                Stop(process);
                return (start.ToString(), true);
            }
        }

        return (start.ToString(), false);
    }

    /// <summary>Stops pdftotext and anything it started, if it is still running.</summary>
    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended by itself in the meantime; there is nothing left to stop.
        }
        catch (Win32Exception)
        {
            // The system refused to stop it (it is ending already); the handle is released with the Process.
        }
    }

    /// <summary>Splits pdftotext's layout output into lines and cells; see the type's remarks.</summary>
    internal static SourceDocument Parse(string output)
    {
        using var budget = new ReadBudget(ReportReadLimits.Default, "PDF");
        return Parse(output, budget);
    }

    private static SourceDocument Parse(string output, ReadBudget budget)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = new List<SourceLine>();
        var page = 1;
        var rawLines = output.Split('\n');
        for (var i = 0; i < rawLines.Length; i++)
        {
            var raw = rawLines[i].TrimEnd('\r');
            while (raw.StartsWith('\f'))
            {
                page++;
                raw = raw[1..];
            }

            var cells = SplitCells(SafeText.Clean(raw.Replace('\f', ' ')), i + 1, page, budget);
            if (cells.Count > 0)
            {
                lines.Add(new SourceLine(cells));
            }
        }

        return new SourceDocument(lines);
    }

    private static List<SourceCell> SplitCells(string line, int lineNumber, int page, ReadBudget budget)
    {
        var cells = new List<SourceCell>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && IsBlank(line[i]))
            {
                i++;
            }

            if (i >= line.Length)
            {
                break;
            }

            var start = i;
            var end = i;
            while (i < line.Length)
            {
                if (!IsBlank(line[i]))
                {
                    end = ++i;
                    continue;
                }

                if (i + 1 < line.Length && !IsBlank(line[i + 1]))
                {
                    i++;
                    continue;
                }

                break;
            }

            budget.AddCells(1);
            cells.Add(new SourceCell(
                line[start..end],
                new SourceLocation(Line: lineNumber, Column: start + 1, Page: page)));
        }

        return cells;
    }

    private static bool IsBlank(char ch) => ch is ' ' or '\t' or '\f';
}
