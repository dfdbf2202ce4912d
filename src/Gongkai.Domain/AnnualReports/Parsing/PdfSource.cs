using System.ComponentModel;
using System.Diagnostics;
using System.Text;

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
    private const string Executable = "pdftotext";

    /// <exception cref="ReportReadException">
    /// pdftotext is missing, it could not read the file, or the file has no text (a scan).
    /// </exception>
    public static Task<SourceDocument> ReadAsync(string path, CancellationToken ct) => ReadAsync(path, Executable, ct);

    /// <summary>Runs <paramref name="executable"/> as pdftotext; tests pass a name that does not exist.</summary>
    internal static async Task<SourceDocument> ReadAsync(string path, string executable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new ReportReadException($"找不到文件“{path}”。请检查路径是否正确。");
        }

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
            var outputTask = process.StandardOutput.ReadToEndAsync(ct);
            var errorTask = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            output = await outputTask.ConfigureAwait(false);
            error = await errorTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended by itself in the meantime; there is nothing left to stop.
            }

            throw;
        }

        if (process.ExitCode != 0)
        {
            var detail = error.Trim();
            throw new ReportReadException(
                $"无法读取 PDF 文件“{fileName}”：pdftotext 报告错误（退出码 {process.ExitCode}）：{(detail.Length > 0 ? detail : "无说明")}。" +
                "文件可能已损坏或并不是 PDF；请重新下载，或另存为网页（.html）、Word 文档（.docx）后再导入。");
        }

        var document = Parse(output);
        if (document.Lines.Count == 0)
        {
            throw new ReportReadException(
                $"PDF 文件“{fileName}”中没有可以提取的文字，可能是扫描件或图片。请改用网页（.html）或 Word 文档（.docx）版本，或先用文字识别（OCR）转换后再导入。");
        }

        return document;
    }

    /// <summary>Splits pdftotext's layout output into lines and cells; see the type's remarks.</summary>
    internal static SourceDocument Parse(string output)
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

            var cells = SplitCells(raw, i + 1, page);
            if (cells.Count > 0)
            {
                lines.Add(new SourceLine(cells));
            }
        }

        return new SourceDocument(lines);
    }

    private static List<SourceCell> SplitCells(string line, int lineNumber, int page)
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

            cells.Add(new SourceCell(
                line[start..end],
                new SourceLocation(Line: lineNumber, Column: start + 1, Page: page)));
        }

        return cells;
    }

    private static bool IsBlank(char ch) => ch is ' ' or '\t' or '\f';
}
