using System.Globalization;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// How much work reading one input may take. Every reader checks these limits while it reads — a ZIP part while it
/// inflates, markup while it is scanned, cells as they are made, the clock in every loop — so no input, however it is
/// built, can take more memory or time than they allow. Going over a limit gives a <see cref="ReportReadException"/>
/// that names the file, the limit and what to do. The defaults are far above any real annual report (a few hundred
/// cells, tens of kilobytes of text, nesting a few dozen levels deep) and low enough that a hostile file is refused
/// within a second. See docs/adr/0009-bounded-readers.md.
/// </summary>
public sealed record ReportReadLimits
{
    private const long MiB = 1024 * 1024;

    /// <summary>The defaults described on each property.</summary>
    public static ReportReadLimits Default { get; } = new();

    /// <summary>The size of the file as uploaded or read from disk. Default 20 MiB.</summary>
    public long MaxInputBytes { get; init; } = 20 * MiB;

    /// <summary>
    /// The size of one part of a DOCX (a ZIP entry) after inflating, counted while inflating: the sizes the ZIP
    /// headers state are not trusted. Default 32 MiB; a report's document.xml is a few hundred kilobytes.
    /// </summary>
    public long MaxPartBytes { get; init; } = 32 * MiB;

    /// <summary>
    /// All bytes one input unpacks: the inflated parts of a DOCX together, or the text pdftotext writes for a PDF.
    /// Default 64 MiB.
    /// </summary>
    public long MaxInflatedBytes { get; init; } = 64 * MiB;

    /// <summary>
    /// Inflated bytes per compressed byte actually read, for a ZIP part once it has inflated more than
    /// <see cref="CompressionRatioGrace"/>. Default 100; Word's XML compresses 5 to 20 times, a zip bomb a thousand.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>
    /// Elements open inside each other: XML elements of a DOCX part, HTML elements (as written and as the browser
    /// model builds them), JSON objects and arrays. Default 256; real reports nest a few dozen levels.
    /// </summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>
    /// The elements of an HTML page, counting the copies an HTML parser makes of formatting tags left open
    /// (<c>&lt;b&gt;</c>, <c>&lt;font&gt;</c>) in every later paragraph. Default 100,000; a saved report page has a few
    /// thousand.
    /// </summary>
    public int MaxElements { get; init; } = 100_000;

    /// <summary>
    /// The cells of the whole document as the readers give them to the recognizer: each table position (merged ones
    /// included), each cell of a text or PDF line, each paragraph. Default 50,000; a report has a few hundred.
    /// </summary>
    public int MaxCells { get; init; } = 50_000;

    /// <summary>The time one input may take from start to finish, pdftotext included. Default 10 seconds.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The compression ratio is checked only past this many inflated bytes: small parts may compress well.</summary>
    public const long CompressionRatioGrace = MiB;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a limit is zero or negative.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxInputBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPartBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxInflatedBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCompressionRatio);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxElements);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCells);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeBudget, TimeSpan.Zero);
    }

    /// <summary>A byte count for a message: "20 MB", "512 KB", "900 字节".</summary>
    internal static string Size(long bytes) => bytes switch
    {
        >= MiB => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MiB:0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} 字节"),
    };
}
