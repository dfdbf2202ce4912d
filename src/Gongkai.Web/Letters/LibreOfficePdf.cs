using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Letters;

/// <summary>Configuration section "Letters".</summary>
public sealed class LetterOptions
{
    public const string Section = "Letters";

    /// <summary>The LibreOffice program: a command found on PATH ("soffice") or a full path.</summary>
    public string LibreOffice { get; set; } = "soffice";

    /// <summary>How long one conversion may take before its process is killed.</summary>
    public int PdfTimeoutSeconds { get; set; } = 120;

    /// <summary>How many conversions one node runs at once (background PDF jobs and the annual reports' PDFs alike).</summary>
    public int PdfConcurrency { get; set; } = 1;

    /// <summary>
    /// A job claimed longer ago than this is taken to belong to a node that died and may be claimed again; it must be
    /// longer than <see cref="PdfTimeoutSeconds"/> plus the wait for a conversion slot.
    /// </summary>
    public TimeSpan PdfStaleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many times a job may be claimed before it ends 失败 (a job whose node keeps dying, or that keeps failing
    /// outside the converter, is not taken over for ever); 重试 by a person starts the count again.
    /// </summary>
    public int PdfMaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long the PDF of a superseded letter text (a draft edited since, a letter deleted since) is kept after its job
    /// finished, before <see cref="LetterPdfCleanup"/> removes it.
    /// </summary>
    public TimeSpan PdfRetention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Converts a DOCX to PDF; <see cref="LibreOfficePdf"/> in the platform, a counting fake in tests.</summary>
public interface IPdfConverter
{
    /// <summary>The PDF, or the Chinese reason there is none.</summary>
    Task<PdfResult> ConvertAsync(byte[] docx, CancellationToken cancellationToken = default);
}

/// <summary>A PDF, or the Chinese reason there is none.</summary>
public sealed record PdfResult(byte[]? Pdf, string? Problem);

/// <summary>
/// Converts letters to PDF by running LibreOffice headless on the DOCX (<c>soffice --headless --convert-to pdf</c>),
/// so the PDF is exactly the Word layout. Each run gets its own profile folder, and at most
/// <see cref="LetterOptions.PdfConcurrency"/> runs go at once on a node (one by default): LibreOffice is heavy and the
/// DOCX is always available as the alternative. A run longer than <see cref="LetterOptions.PdfTimeoutSeconds"/> is killed.
/// </summary>
public sealed class LibreOfficePdf(IOptions<LetterOptions> options, ILogger<LibreOfficePdf> logger) : IPdfConverter, IDisposable
{
    public const string NotInstalled =
        "本服务器未安装 LibreOffice，无法生成 PDF。请联系管理员安装 LibreOffice（例如 apt-get install libreoffice-writer-nogui，或在配置项 Letters:LibreOffice 中填写 soffice 的路径），也可以下载 DOCX 格式的文书后打印或自行转换。";

    public const string Failed = "PDF 转换失败，请稍后重试，或者下载 DOCX 格式的文书。";

    private readonly SemaphoreSlim _gate = new(Math.Max(1, options.Value.PdfConcurrency), Math.Max(1, options.Value.PdfConcurrency));

    /// <summary>The LibreOffice executable, or null when it is not installed where the configuration says.</summary>
    public string? Executable => Resolve(options.Value.LibreOffice);

    public async Task<PdfResult> ConvertAsync(byte[] docx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(docx);
        if (Executable is not { } program)
        {
            return new PdfResult(null, NotInstalled);
        }

        var work = Path.Combine(Path.GetTempPath(), "gongkai-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var input = Path.Combine(work, "letter.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken);
            var start = new ProcessStartInfo(program)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = work,
            };
            start.ArgumentList.Add("-env:UserInstallation=" + new Uri(Path.Combine(work, "profile")).AbsoluteUri);
            foreach (var argument in (string[])["--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", work, input])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["HOME"] = work;
            using var process = StartProcess(start);
            if (process is null)
            {
                return new PdfResult(null, NotInstalled);
            }

            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.PdfTimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                logger.LogWarning("LibreOffice did not convert a letter within {Seconds} s", options.Value.PdfTimeoutSeconds);
                return new PdfResult(null, Failed);
            }

            var pdf = Path.Combine(work, "letter.pdf");
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                logger.LogWarning("LibreOffice failed ({Code}): {Output} {Errors}", process.ExitCode, await output, await errors);
                return new PdfResult(null, Failed);
            }

            return new PdfResult(await File.ReadAllBytesAsync(pdf, cancellationToken), null);
        }
        finally
        {
            _gate.Release();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException exception)
            {
                logger.LogInformation(exception, "Could not remove the conversion folder {Folder}", work);
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    private Process? StartProcess(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start);
        }
        catch (Win32Exception exception)
        {
            logger.LogWarning(exception, "LibreOffice could not be started from {Program}", start.FileName);
            return null;
        }
    }

    private static string? Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (configured.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, configured))
            .FirstOrDefault(File.Exists);
    }
}
