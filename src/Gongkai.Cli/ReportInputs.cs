namespace Gongkai.Cli;

/// <summary>Turns the FILE|FOLDER arguments into the list of files to read, in a stable order.</summary>
internal static class ReportInputs
{
    /// <summary>The extensions a folder is searched for; a file named explicitly is read whatever its name.</summary>
    public static readonly string[] Extensions = [".txt", ".md", ".markdown", ".htm", ".html", ".shtml", ".docx", ".pdf", ".json"];

    public static List<string> Expand(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                // A missing file is kept: checking it reports it as unreadable, and the batch goes on.
                files.Add(input);
            }
        }

        return files;
    }
}

/// <summary>
/// A one-line progress bar on stderr for long batches, redrawn in place; written only when stderr is a terminal so
/// that logs and pipes stay clean.
/// </summary>
internal sealed class ProgressBar(TextWriter error, int total, bool enabled) : IDisposable
{
    private readonly Lock _gate = new();
    private int _done;
    private int _lastDrawn = -1;

    public void Advance()
    {
        var done = Interlocked.Increment(ref _done);
        if (!enabled)
        {
            return;
        }

        var percent = total == 0 ? 100 : done * 100 / total;
        lock (_gate)
        {
            if (percent == _lastDrawn && done != total)
            {
                return;
            }

            _lastDrawn = percent;
            var filled = percent / 5;
            error.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"\r检查中 [{new string('#', filled)}{new string('-', 20 - filled)}] {done}/{total}"));
        }
    }

    public void Dispose()
    {
        if (enabled)
        {
            error.Write("\r" + new string(' ', 60) + "\r");
        }
    }
}
