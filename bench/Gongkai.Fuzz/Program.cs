using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.Fuzz;

/// <summary>
/// The fuzz harness of the report readers.
/// <code>
/// dotnet run -c Release --project bench/Gongkai.Fuzz -- --count 1000000 --seed 1 [--workers 2] [--out fuzz-out]
/// dotnet run -c Release --project bench/Gongkai.Fuzz -- --hostile          # the inputs of issue 9, one process each, measured warm
/// dotnet run -c Release --project bench/Gongkai.Fuzz -- --replay 12345 --seed 1 [--save]
/// </code>
/// Inputs run in worker processes (this program with --worker): a stack overflow cannot be caught, so the parent
/// watches each worker's "started input i" lines, and when a worker dies or stops answering it saves input i (rebuilt
/// from the seed and its number), records it and starts a new worker after it. At the end it prints inputs per
/// second, the outcomes, the slowest input (saved to the output folder), the most one input allocated and the peak
/// memory of the workers.
/// </summary>
internal static class Program
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        if (options.Worker)
        {
            return await WorkerAsync(options);
        }

        if (options.Replay is { } index)
        {
            return await ReplayAsync(options, index);
        }

        return await ParentAsync(options);
    }

    // ---- worker ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Runs inputs [from, to) and writes one line per event on stdout: "S i" before input i, "D i ticks bytes outcome"
    /// after it, "F i what" for a failure, then "P peak-working-set" and "E" at the end.
    /// </summary>
    private static async Task<int> WorkerAsync(Options options)
    {
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
        var source = InputSource.Create(options);
        using var self = Process.GetCurrentProcess();
        for (var i = options.From; i < options.To; i++)
        {
            var input = source.Input(i);
            output.WriteLine(string.Create(Invariant, $"S {i}"));
            output.Flush();
            if (options.Hostile)
            {
                // Measured warm: the first run pays for compiling the readers, which a running server has done.
                await WarmUpAsync(input);
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var cpu = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            string outcome;
            try
            {
                outcome = (await FuzzTarget.RunAsync(input, i, options.DocxEvery)).Label;
            }
            catch (Exception exception)
            {
                outcome = "FAILED";
                var what = Describe(exception);
                output.WriteLine(string.Create(Invariant, $"F {i} {what}"));
            }

            var elapsed = clock.Elapsed.Ticks;
            var bytes = GC.GetTotalAllocatedBytes(precise: false) - allocated;
            self.Refresh();
            var processor = (self.TotalProcessorTime - cpu).Ticks;
            output.WriteLine(string.Create(Invariant, $"D {i} {elapsed} {bytes} {processor} {outcome}"));
        }

        self.Refresh();
        output.WriteLine(string.Create(Invariant, $"P {self.PeakWorkingSet64}"));
        output.WriteLine("E");
        output.Flush();
        return 0;
    }

    private static async Task WarmUpAsync(FuzzInput input)
    {
        try
        {
            await FuzzTarget.RunAsync(input);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The measured run reports it.
        }
    }

    private static string Describe(Exception exception)
    {
        var inner = exception is ReportReadException { InnerException: { } cause } ? cause : exception;
        var where = inner.StackTrace?.Split('\n').FirstOrDefault(line => line.Contains("Gongkai", StringComparison.Ordinal))?.Trim() ?? "";
        return $"{exception.GetType().Name}/{inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")} {where}";
    }

    // ---- replay ------------------------------------------------------------------------------------------------

    private static async Task<int> ReplayAsync(Options options, long index)
    {
        var input = InputSource.Create(options).Input(index);
        Console.WriteLine(input);
        if (options.Save)
        {
            Directory.CreateDirectory(options.Out);
            Console.WriteLine("saved " + Save(options, () => input, index, "replay"));
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = await FuzzTarget.RunAsync(input, index);
            Console.WriteLine($"{outcome.Label} in {clock.ElapsedMilliseconds} ms");
            return 0;
        }
        catch (Exception exception) when (FuzzTarget.IsDocumented(exception) || exception is ReportReadException)
        {
            Console.WriteLine($"{exception.GetType().Name}: {exception.Message} in {clock.ElapsedMilliseconds} ms");
            Console.WriteLine(exception.InnerException);
            return 1;
        }
    }

    // ---- parent ------------------------------------------------------------------------------------------------

    private static async Task<int> ParentAsync(Options options)
    {
        Directory.CreateDirectory(options.Out);
        var source = InputSource.Create(options);
        var total = source.Count ?? options.Count;
        var summary = new Summary { KeepEach = options.Hostile };
        var clock = Stopwatch.StartNew();

        // Hostile inputs run one per process so that each one's peak memory is its own.
        var ranges = options.Hostile
            ? Enumerable.Range(0, (int)total).Select(i => ((long)i, (long)i + 1)).ToList()
            : Split(options.From, options.From + total, options.Workers);
        using var progress = new Timer(_ => Console.Error.WriteLine(summary.Progress(clock.Elapsed)), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        using var gate = new SemaphoreSlim(options.Hostile ? 1 : options.Workers);
        await Task.WhenAll(ranges.Select(async range =>
        {
            await gate.WaitAsync();
            try
            {
                await RunRangeAsync(options, range.Item1, range.Item2, summary);
            }
            finally
            {
                gate.Release();
            }
        }));

        var elapsed = clock.Elapsed;
        var names = new Dictionary<long, string>();
        string NameOf(long index) => names.TryGetValue(index, out var name) ? name : names[index] = source.Input(index).Name;
        summary.Print(Console.Out, options, elapsed, index => Save(options, () => source.Input(index), index, "slowest"), NameOf);
        foreach (var (index, kind) in summary.Broken)
        {
            Console.WriteLine($"  {kind} input saved: {Save(options, () => source.Input(index), index, kind)}");
        }

        return summary.Broken.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs [from, to) in workers, starting a new one after each input that killed or hung its worker.</summary>
    private static async Task RunRangeAsync(Options options, long from, long to, Summary summary)
    {
        while (from < to)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            {
                start.ArgumentList.Add(typeof(Program).Assembly.Location);
            }

            foreach (var argument in options.WorkerArguments(from, to))
            {
                start.ArgumentList.Add(argument);
            }

            using var worker = Process.Start(start)!;
            var errors = worker.StandardError.ReadToEndAsync();
            long? current = null;
            long? lastDone = null;
            var finished = false;
            var lines = worker.StandardOutput;
            while (true)
            {
                var next = lines.ReadLineAsync();
                if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(options.HangSeconds))) != next)
                {
                    worker.Kill(entireProcessTree: true);
                    summary.AddBroken(current ?? from, "hang");
                    break;
                }

                var line = await next;
                if (line is null)
                {
                    break;
                }

                var parts = line.Split(' ', 5);
                switch (parts[0])
                {
                    case "S":
                        current = long.Parse(parts[1], Invariant);
                        break;
                    case "D":
                        var done = line.Split(' ', 6);
                        lastDone = long.Parse(done[1], Invariant);
                        summary.AddDone(lastDone.Value, long.Parse(done[2], Invariant), long.Parse(done[3], Invariant), long.Parse(done[4], Invariant), done[5]);
                        current = null;
                        break;
                    case "F":
                        summary.AddFailure(long.Parse(parts[1], Invariant), line[(line.IndexOf(' ', 2) + 1)..]);
                        break;
                    case "P":
                        summary.AddPeak(from, long.Parse(parts[1], Invariant));
                        break;
                    case "E":
                        finished = true;
                        break;
                }
            }

            await worker.WaitForExitAsync();
            if (finished)
            {
                return;
            }

            // A worker that died between inputs died building the next one.
            var crashed = current ?? (lastDone is { } last ? last + 1 : from);
            if (!summary.Broken.Any(b => b.Index == crashed))
            {
                summary.AddBroken(crashed, "crash");
                Console.Error.WriteLine($"worker died on input {crashed} (exit code {worker.ExitCode}): {(await errors).Split('\n').FirstOrDefault()}");
            }

            from = crashed + 1;
        }
    }

    private static List<(long, long)> Split(long from, long to, int parts)
    {
        var size = (to - from + parts - 1) / parts;
        var ranges = new List<(long, long)>();
        for (var start = from; start < to; start += size)
        {
            ranges.Add((start, Math.Min(to, start + size)));
        }

        return ranges;
    }

    private static string Save(Options options, Func<FuzzInput> build, long index, string kind)
    {
        FuzzInput input;
        try
        {
            input = build();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"(input {index} cannot be built: {exception.GetType().Name}: {exception.Message})";
        }

        var extension = Path.GetExtension(input.FileName);
        var path = Path.Combine(options.Out, string.Create(Invariant, $"{kind}-{options.Source}-{options.Seed}-{index}{(extension.Length > 0 ? extension : ".bin")}"));
        File.WriteAllBytes(path, input.Bytes);
        File.WriteAllText(path + ".txt", input.Name + Environment.NewLine);
        return path;
    }

    /// <summary>Where input i comes from: the seeded campaign, or the list of hostile inputs.</summary>
    private sealed class InputSource(Func<long, FuzzInput> input, long? count)
    {
        public long? Count { get; } = count;

        public FuzzInput Input(long index) => input(index);

        public static InputSource Create(Options options)
        {
            var seeds = Seeds.Load();
            if (!options.Hostile)
            {
                var campaign = new Campaign(seeds, options.Seed);
                return new InputSource(campaign.Input, null);
            }

            var text = Encoding.UTF8.GetString(seeds.First(s => s.Name.StartsWith("001_", StringComparison.Ordinal) && s.Extension == ".txt").Bytes);
            var json = ReportJson.Serialize(ReportParser.ParseText(text).Report);
            var builders = HostileInputs.All(text, json);
            return new InputSource(i => builders[(int)i](), builders.Count);
        }
    }

    private sealed class Options
    {
        public long Count { get; private set; } = 10_000;

        public long Seed { get; private set; } = 1;

        public long From { get; private set; }

        public long To { get; private set; }

        public int Workers { get; private set; } = Math.Max(1, Environment.ProcessorCount - 1);

        public string Out { get; private set; } = "fuzz-out";

        public int HangSeconds { get; private set; } = 60;

        /// <summary>Make the DOCX export for one input in this many (see <see cref="FuzzTarget.RunAsync"/>).</summary>
        public int DocxEvery { get; private set; } = 10;

        public bool Worker { get; private set; }

        public bool Hostile { get; private set; }

        public bool Save { get; private set; }

        public long? Replay { get; private set; }

        public string Source => Hostile ? "hostile" : "campaign";

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--count": options.Count = long.Parse(Value(), Invariant); break;
                    case "--seed": options.Seed = long.Parse(Value(), Invariant); break;
                    case "--from": options.From = long.Parse(Value(), Invariant); break;
                    case "--to": options.To = long.Parse(Value(), Invariant); break;
                    case "--workers": options.Workers = int.Parse(Value(), Invariant); break;
                    case "--out": options.Out = Value(); break;
                    case "--hang-seconds": options.HangSeconds = int.Parse(Value(), Invariant); break;
                    case "--docx-every": options.DocxEvery = int.Parse(Value(), Invariant); break;
                    case "--replay": options.Replay = long.Parse(Value(), Invariant); break;
                    case "--worker": options.Worker = true; break;
                    case "--hostile": options.Hostile = true; break;
                    case "--save": options.Save = true; break;
                    default: throw new ArgumentException($"Unknown option {args[i]}.");
                }
            }

            return options;
        }

        public IEnumerable<string> WorkerArguments(long from, long to) =>
        [
            "--worker", "--seed", Seed.ToString(Invariant), "--from", from.ToString(Invariant), "--to", to.ToString(Invariant),
            "--docx-every", DocxEvery.ToString(Invariant),
            .. Hostile ? ["--hostile"] : Array.Empty<string>(),
        ];
    }

    /// <summary>What the workers reported, gathered under a lock (workers report concurrently).</summary>
    private sealed class Summary
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
        private readonly List<(long Index, string What)> _failures = [];
        private readonly Dictionary<long, (long Ticks, long Bytes, long Cpu, string Outcome)> _byIndex = [];
        private readonly Dictionary<long, long> _peaks = [];
        private long _done;
        private (long Index, long Ticks) _slowest = (-1, -1);
        private (long Index, long Bytes) _largest = (-1, -1);

        public List<(long Index, string Kind)> Broken { get; } = [];

        /// <summary>Keeps every input's figures (for the hostile list) when true.</summary>
        public bool KeepEach { get; init; }

        public void AddDone(long index, long ticks, long bytes, long cpu, string outcome)
        {
            lock (_gate)
            {
                _done++;
                _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
                if (ticks > _slowest.Ticks)
                {
                    _slowest = (index, ticks);
                }

                if (bytes > _largest.Bytes)
                {
                    _largest = (index, bytes);
                }

                if (KeepEach)
                {
                    _byIndex[index] = (ticks, bytes, cpu, outcome);
                }
            }
        }

        public void AddFailure(long index, string what)
        {
            lock (_gate)
            {
                _failures.Add((index, what));
                Broken.Add((index, "failure"));
                Console.Error.WriteLine(string.Create(Invariant, $"failure on input {index}: {what}"));
            }
        }

        public void AddBroken(long index, string kind)
        {
            lock (_gate)
            {
                Broken.Add((index, kind));
                Console.Error.WriteLine(string.Create(Invariant, $"{kind} on input {index}"));
            }
        }

        /// <summary>The peak working set of the worker that started at input <paramref name="from"/>.</summary>
        public void AddPeak(long from, long bytes)
        {
            lock (_gate)
            {
                _peaks[from] = bytes;
            }
        }

        public string Progress(TimeSpan elapsed)
        {
            lock (_gate)
            {
                return string.Create(Invariant, $"{elapsed:hh\\:mm\\:ss} {_done:N0} inputs, {_done / Math.Max(1, elapsed.TotalSeconds):N0}/s, {Broken.Count} broken");
            }
        }

        public void Print(TextWriter output, Options options, TimeSpan elapsed, Func<long, string> saveSlowest, Func<long, string> nameOf)
        {
            lock (_gate)
            {
                var workers = options.Hostile ? 1 : options.Workers;
                output.WriteLine(string.Create(Invariant,
                    $"{_done:N0} inputs ({options.Source}, seed {options.Seed}) in {elapsed.TotalSeconds:N1} s: {_done / Math.Max(0.001, elapsed.TotalSeconds):N0} inputs/s with {workers} worker process(es)"));
                foreach (var (outcome, count) in _outcomes.OrderByDescending(o => o.Value))
                {
                    output.WriteLine(string.Create(Invariant, $"  {outcome,-32} {count,10:N0}"));
                }

                if (_slowest.Index >= 0)
                {
                    output.WriteLine(string.Create(Invariant,
                        $"slowest input: #{_slowest.Index} {nameOf(_slowest.Index)}: {TimeSpan.FromTicks(_slowest.Ticks).TotalMilliseconds:N1} ms, saved as {saveSlowest(_slowest.Index)}"));
                    output.WriteLine(string.Create(Invariant,
                        $"most allocated by one input: #{_largest.Index} {nameOf(_largest.Index)}: {_largest.Bytes / 1048576.0:N1} MB"));
                }

                output.WriteLine(string.Create(Invariant, $"peak memory (working set) of a worker process: {_peaks.Values.DefaultIfEmpty().Max() / 1048576.0:N1} MB"));
                foreach (var (index, (ticks, bytes, cpu, outcome)) in _byIndex.OrderBy(e => e.Key))
                {
                    output.WriteLine(string.Create(Invariant,
                        $"  {nameOf(index),-36} {TimeSpan.FromTicks(ticks).TotalMilliseconds,8:N1} ms ({TimeSpan.FromTicks(cpu).TotalMilliseconds,7:N1} ms CPU) {bytes / 1048576.0,7:N1} MB allocated, peak {_peaks.GetValueOrDefault(index) / 1048576.0,6:N1} MB, {outcome}"));
                }

                output.WriteLine(string.Create(Invariant, $"failures: {_failures.Count}, crashes and hangs: {Broken.Count - _failures.Count}"));
                foreach (var (index, what) in _failures.Take(50))
                {
                    output.WriteLine(string.Create(Invariant, $"  #{index}: {what}"));
                }
            }
        }
    }
}
