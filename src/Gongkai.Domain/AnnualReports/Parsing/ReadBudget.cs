using System.Globalization;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// What one input has used of its <see cref="ReportReadLimits"/>: time, inflated bytes and cells. The readers call
/// it in their loops; each method throws a <see cref="ReportReadException"/> naming the file and the limit as soon as
/// the input goes over. One instance reads one input on one thread.
/// </summary>
/// <remarks>
/// Time is the processor time of the reading thread (<see cref="ThreadCpuTime"/>): the work the input causes. A wall
/// clock would stop a valid report on a server that other requests keep busy, and let nothing through at all under
/// load. A wall-clock backstop of <see cref="WallClockFactor"/> times the budget still ends a reading that waits
/// (or runs where the system has no thread clock, when the wall clock is the budget itself).
/// </remarks>
internal sealed class ReadBudget : IDisposable
{
    /// <summary>How many times the time budget the wall clock may run before the reading stops anyway.</summary>
    public const int WallClockFactor = 6;

    /// <summary>The thread clock is read at most this often (checks come millions of times per input).</summary>
    private static readonly long MeasureEvery = System.Diagnostics.Stopwatch.Frequency / 50;

    private readonly CancellationTokenSource _clock;
    private readonly CancellationToken _caller;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private long _inflated;
    private long _cells;
    private long _measuredAt;
    private int _thread = -1;
    private TimeSpan _threadStart;
    private TimeSpan _threadLast;
    private TimeSpan _spentOnEarlierThreads;
    private bool _timeUp;

    public ReadBudget(ReportReadLimits limits, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(fileName);
        limits.Validate();
        Limits = limits;
        FileName = Path.GetFileName(fileName) is { Length: > 0 } name ? name : fileName;
        _caller = cancellationToken;
        _clock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var threadClock = ThreadCpuTime.Now() is not null;
        _clock.CancelAfter(threadClock ? limits.TimeBudget * WallClockFactor : limits.TimeBudget);
        Measure();
    }

    public ReportReadLimits Limits { get; }

    /// <summary>The file's name (without its folder) for messages.</summary>
    public string FileName { get; }

    /// <summary>Cancelled when the wall-clock backstop is reached or the caller cancels.</summary>
    public CancellationToken Token => _clock.Token;

    /// <summary>True when the time budget, not the caller, stopped the reading.</summary>
    public bool TimedOut => _timeUp || (_clock.IsCancellationRequested && !_caller.IsCancellationRequested);

    public void Dispose() => _clock.Dispose();

    /// <summary>
    /// Called in every loop: throws <see cref="ReportReadException"/> when the time budget is spent, and
    /// <see cref="OperationCanceledException"/> when the caller cancelled.
    /// </summary>
    public void Check()
    {
        if (_clock.IsCancellationRequested)
        {
            _caller.ThrowIfCancellationRequested();
            _timeUp = true;
            throw TimeUp();
        }

        if (System.Diagnostics.Stopwatch.GetTimestamp() - _measuredAt >= MeasureEvery && Measure() > Limits.TimeBudget)
        {
            _timeUp = true;
            throw TimeUp();
        }
    }

    /// <summary>The processor time the reading threads have used so far (the wall clock where there is no thread clock).</summary>
    private TimeSpan Measure()
    {
        _measuredAt = System.Diagnostics.Stopwatch.GetTimestamp();
        if (ThreadCpuTime.Now() is not { } now)
        {
            return System.Diagnostics.Stopwatch.GetElapsedTime(_started);
        }

        var thread = Environment.CurrentManagedThreadId;
        if (thread != _thread)
        {
            _spentOnEarlierThreads += _threadLast - _threadStart;
            _thread = thread;
            _threadStart = now;
        }

        _threadLast = now;
        return _spentOnEarlierThreads + (now - _threadStart);
    }

    /// <summary>Counts cells made for the recognizer (table positions, line cells, paragraphs).</summary>
    public void AddCells(long count)
    {
        _cells += count;
        if (_cells > Limits.MaxCells)
        {
            throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                $"文件“{FileName}”中的表格单元格和段落超过 {Limits.MaxCells:N0} 个的上限，无法读取。年度报告只有几百个单元格：请确认上传的是报告本身，或把报告部分另存为单独的文件后再导入。"))
            {
                Limit = nameof(ReportReadLimits.MaxCells),
            };
        }

        Check();
    }

    /// <summary>Counts bytes inflated from <paramref name="part"/>, which has inflated <paramref name="partTotal"/> so far.</summary>
    public void AddInflated(long count, string part, long partTotal)
    {
        _inflated += count;
        if (partTotal > Limits.MaxPartBytes)
        {
            throw Bomb($"其中的“{part}”解压后超过 {ReportReadLimits.Size(Limits.MaxPartBytes)} 的上限", nameof(ReportReadLimits.MaxPartBytes));
        }

        if (_inflated > Limits.MaxInflatedBytes)
        {
            throw Bomb($"解压后的内容合计超过 {ReportReadLimits.Size(Limits.MaxInflatedBytes)} 的上限", nameof(ReportReadLimits.MaxInflatedBytes));
        }

        Check();
    }

    /// <summary>Throws when <paramref name="depth"/> levels of <paramref name="what"/> are more than the limit.</summary>
    public void RequireDepth(int depth, string what)
    {
        if (depth > Limits.MaxDepth)
        {
            throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                $"文件“{FileName}”中的{what}嵌套超过 {Limits.MaxDepth} 层的上限，无法读取；正常的年度报告只嵌套几层到几十层，文件可能已损坏或是特意构造的。请用 Word、WPS 或浏览器打开原文件，另存为新文件后再导入。"))
            {
                Limit = nameof(ReportReadLimits.MaxDepth),
            };
        }
    }

    public ReportReadException CompressionRatio(string part) => Bomb(string.Create(CultureInfo.InvariantCulture,
        $"其中的“{part}”压缩比超过 {Limits.MaxCompressionRatio}:1 的上限"), nameof(ReportReadLimits.MaxCompressionRatio));

    public ReportReadException TooManyElements() => new(string.Create(CultureInfo.InvariantCulture,
        $"网页“{FileName}”的元素超过 {Limits.MaxElements:N0} 个的上限（未结束的 <b>、<font> 等格式标记会在之后每一段里被重复补出，也计算在内），无法读取。请只保存报告正文所在的网页，或另存为 Word 文档（.docx）后再导入。"))
    {
        Limit = nameof(ReportReadLimits.MaxElements),
    };

    public ReportReadException TimeUp() => new(string.Create(CultureInfo.InvariantCulture,
        $"读取文件“{FileName}”用时超过 {Limits.TimeBudget.TotalSeconds:0.#} 秒的上限，已停止。文件可能过于复杂或已损坏：请用原来的软件打开，另存为 Word 文档（.docx）或文本文件（.txt）后再导入。"))
    {
        Limit = nameof(ReportReadLimits.TimeBudget),
    };

    /// <summary>The text a reader extracts is more than <see cref="ReportReadLimits.MaxInflatedBytes"/>.</summary>
    public ReportReadException TooMuchText() => new(
        $"PDF 文件“{FileName}”提取出的文字超过 {ReportReadLimits.Size(Limits.MaxInflatedBytes)} 的上限，不像是年度报告，已停止读取。请确认上传的是报告本身，或另存为 Word 文档（.docx）后再导入。")
    {
        Limit = nameof(ReportReadLimits.MaxInflatedBytes),
    };

    /// <summary>
    /// The file is larger than <see cref="ReportReadLimits.MaxInputBytes"/>: <paramref name="size"/> bytes, or at least
    /// that many when <paramref name="more"/> (a stream stopped at the limit).
    /// </summary>
    public static ReportReadException TooLarge(string fileName, long size, ReportReadLimits limits, bool more = false) => new(
        $"文件“{Path.GetFileName(fileName)}”{(more ? "" : "有 " + ReportReadLimits.Size(size) + "，")}超过了 {ReportReadLimits.Size(limits.MaxInputBytes)} 的上限，不像是年度报告。请上传报告本身（DOCX、PDF、HTML、TXT 或 Markdown），去掉其中的大图片后再试。")
    {
        Limit = nameof(ReportReadLimits.MaxInputBytes),
    };

    private ReportReadException Bomb(string what, string limit) => new(
        $"文件“{FileName}”{what}，不像是正常的 Word 文档，可能是特意构造的压缩文件（“压缩炸弹”），已停止读取。请用 Word 或 WPS 打开原文件，另存为“Word 文档（.docx）”后再导入。")
    {
        Limit = limit,
    };
}
