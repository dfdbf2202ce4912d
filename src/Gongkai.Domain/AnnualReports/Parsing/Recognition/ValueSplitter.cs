using System.Globalization;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>One way of parting a row's digit runs into its cells: the text of each cell and where it starts.</summary>
internal sealed record Split(IReadOnlyList<SourceCell> Cells, IReadOnlyList<decimal> Values)
{
    public string Describe() => string.Join(' ', Values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>
/// What parting a row's digits gave: every split that satisfies the table's identity (<see cref="Candidates"/>), or,
/// when none does, those that satisfy the weaker rule (<see cref="Relaxed"/>); <see cref="Chosen"/> when exactly one
/// fits, <see cref="Certain"/> when it fits the identity itself.
/// </summary>
internal sealed record SplitReading(List<Split> Candidates, bool Relaxed)
{
    public Split? Chosen { get; set; } = Candidates.Count == 1 ? Candidates[0] : null;

    public bool Certain { get; set; } = Candidates.Count == 1 && !Relaxed;

    /// <summary>"2 0 0 / 20 0 …": the first candidates, for a message.</summary>
    public string DescribeCandidates() =>
        string.Join(" / ", Candidates.Take(4).Select(c => c.Describe())) + (Candidates.Count > 4 ? " 等" : "");
}

/// <summary>
/// Parts runs of digits that ran together ("21710000218", "20 0 0 0 02") into a row's cells. Every way of cutting
/// each run into pieces is tried, under the rules of written numbers (no piece but "0" itself starts with 0), and
/// kept when the table's identity holds for it. The search is bounded: a run too long to part within
/// <see cref="MaxSteps"/> steps gives no candidates rather than a slow answer.
/// </summary>
internal static class ValueSplitter
{
    /// <summary>The most search steps one row may take.</summary>
    public const int MaxSteps = 200_000;

    /// <summary>The most candidates returned: enough to say "several fit" and list a few.</summary>
    public const int MaxCandidates = 12;

    private const int LongestNumber = 9;

    private const int MaxRelaxedCandidates = 500;

    /// <summary>
    /// True when the row has fewer cells than <paramref name="count"/> (an empty cell of a table counts: it is a
    /// cell), every non-empty one is a run of digits, and together they have at least <paramref name="count"/>
    /// digits: the cells ran together and must be parted.
    /// </summary>
    public static bool NeedsSplit(IReadOnlyList<SourceCell> cells, int count)
    {
        if (cells.Count >= count)
        {
            return false;
        }

        var runs = 0;
        var longest = 0;
        foreach (var cell in cells)
        {
            var text = cell.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!IsRun(text))
            {
                return false;
            }

            runs++;
            longest = Math.Max(longest, text.TrimStart('-').Length);
        }

        return runs > 0 && longest > 1;
    }

    /// <summary>Digits, with a leading minus sign and one decimal point between digits allowed: "21710000218", "-18538", "73802895.90".</summary>
    private static bool IsRun(string text)
    {
        var start = text[0] == '-' ? 1 : 0;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (start == text.Length || dot == start || dot == text.Length - 1 || (dot >= 0 && text.IndexOf('.', dot + 1) >= 0))
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) && i != dot)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The ways of parting the non-blank cells into exactly <paramref name="count"/> numbers for which
    /// <paramref name="accept"/> holds, in a stable order, at most <see cref="MaxCandidates"/>.
    /// <paramref name="acceptPrefix"/>, when given, prunes: it is asked after each number with the numbers so far.
    /// </summary>
    public static List<Split> Candidates(
        IReadOnlyList<SourceCell> cells,
        int count,
        Func<IReadOnlyList<decimal>, bool> accept,
        Func<IReadOnlyList<decimal>, bool>? acceptPrefix = null,
        int limit = MaxCandidates)
    {
        var runs = cells.Where(c => c.Text.Trim().Length > 0).ToList();
        var search = new Search(runs, count, accept, acceptPrefix, limit);
        search.Run(0, 0);
        return search.Found;
    }

    /// <summary>
    /// Parts the cells: the splits that satisfy <paramref name="identity"/>, or when none does, those that satisfy
    /// <paramref name="weaker"/> (a printed total may be wrong; the parts are still read). <paramref name="acceptPrefix"/>
    /// prunes with the numbers so far and whether the identity (true) or the weaker rule (false) is being applied.
    /// </summary>
    public static SplitReading Read(
        IReadOnlyList<SourceCell> cells,
        int count,
        Func<IReadOnlyList<decimal>, bool> identity,
        Func<IReadOnlyList<decimal>, bool> weaker,
        Func<IReadOnlyList<decimal>, bool, bool>? acceptPrefix = null,
        Func<IReadOnlyList<decimal>, int>? score = null)
    {
        // Digits that can be parted only one way ("3000000" into seven cells) are read so whatever the table's sums
        // say: the reading is sure, and the rules report a sum that does not hold.
        var any = Candidates(cells, count, _ => true, limit: 2);
        if (any.Count == 1)
        {
            return new SplitReading(any, false);
        }

        var strict = Candidates(cells, count, identity, acceptPrefix is null ? null : values => acceptPrefix(values, true));
        if (strict.Count > 0)
        {
            return new SplitReading(strict, false);
        }

        // Of the splits the weaker rule allows, those for which the identity holds in the most parts of the row
        // (blocks of table 四): one wrong total should not unsettle the blocks that are right.
        var relaxed = Candidates(cells, count, weaker, acceptPrefix is null ? null : values => acceptPrefix(values, false), MaxRelaxedCandidates);
        if (score is not null && relaxed.Count > 1)
        {
            var best = relaxed.Max(c => score(c.Values));
            relaxed = [.. relaxed.Where(c => score(c.Values) == best)];
        }

        return new SplitReading([.. relaxed.Take(MaxCandidates)], true);
    }

    /// <summary>The digits of the cells as written, for messages: "640020470", "500000 5".</summary>
    public static string Digits(IReadOnlyList<SourceCell> cells) =>
        string.Join(' ', cells.Select(c => c.Text.Trim()).Where(t => t.Length > 0));

    /// <summary>
    /// The depth-first search over the ways of cutting the runs. Each run's text, offset and digit counts are worked
    /// out once; a step parses its piece from a span and records where it is, and the cells are made only for a split
    /// that is kept, so a step allocates nothing.
    /// </summary>
    private sealed class Search
    {
        private readonly DigitRun[] _runs;
        private readonly int _count;
        private readonly Func<IReadOnlyList<decimal>, bool> _accept;
        private readonly Func<IReadOnlyList<decimal>, bool>? _acceptPrefix;
        private readonly int _limit;
        private readonly List<decimal> _values = [];
        private readonly List<(int Run, int Start, int Length)> _pieces = [];
        private int _steps;

        public Search(List<SourceCell> runs, int count, Func<IReadOnlyList<decimal>, bool> accept, Func<IReadOnlyList<decimal>, bool>? acceptPrefix, int limit)
        {
            _runs = new DigitRun[runs.Count];
            var later = 0;
            for (var r = runs.Count - 1; r >= 0; r--)
            {
                var cell = runs[r];
                var text = cell.Text.Trim();

                // Digits from each position to the run's end.
                var digitsFrom = new int[text.Length + 1];
                for (var at = text.Length - 1; at >= 0; at--)
                {
                    digitsFrom[at] = digitsFrom[at + 1] + (char.IsAsciiDigit(text[at]) ? 1 : 0);
                }

                _runs[r] = new DigitRun(cell, text, cell.Text.IndexOf(text, StringComparison.Ordinal), text.IndexOf('.', StringComparison.Ordinal), digitsFrom, later);
                later += digitsFrom[0];
            }

            _count = count;
            _accept = accept;
            _acceptPrefix = acceptPrefix;
            _limit = limit;
        }

        public List<Split> Found { get; } = [];

        public void Run(int run, int position)
        {
            if (++_steps > MaxSteps || Found.Count >= _limit)
            {
                return;
            }

            if (run == _runs.Length)
            {
                if (_values.Count == _count && _accept(_values))
                {
                    Found.Add(new Split([.. _pieces.Select(Cell)], [.. _values]));
                }

                return;
            }

            var current = _runs[run];
            var text = current.Text;
            var left = text.Length - position;
            var laterRuns = _runs.Length - run - 1;

            // A minus sign belongs to the first number of its run; a decimal point only to the run's last number.
            var sign = position == 0 && text[0] == '-' ? 1 : 0;
            for (var length = 1 + sign; length <= left; length++)
            {
                var end = position + length;
                var piece = text.AsSpan(position, length);
                var hasDot = current.Dot >= position && current.Dot < end;
                var digits = length - sign - (hasDot ? 1 : 0);
                if (digits > LongestNumber)
                {
                    break;
                }

                if (piece[^1] == '.')
                {
                    continue;
                }

                if (text[position + sign] == '0' && length > 1 + sign && text[position + sign + 1] != '.')
                {
                    break;
                }

                if (hasDot && end < text.Length)
                {
                    break;
                }

                var rest = current.DigitsFrom[end];
                var needed = _count - _values.Count - 1;
                var most = rest + current.LaterDigits;
                var least = (rest > 0 ? 1 : 0) + laterRuns;
                if (needed < least || needed > most)
                {
                    continue;
                }

                _values.Add(decimal.Parse(piece, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
                _pieces.Add((run, position, length));
                if (_acceptPrefix is null || _acceptPrefix(_values))
                {
                    if (end == text.Length)
                    {
                        Run(run + 1, 0);
                    }
                    else
                    {
                        Run(run, end);
                    }
                }

                _values.RemoveAt(_values.Count - 1);
                _pieces.RemoveAt(_pieces.Count - 1);
            }
        }

        private SourceCell Cell((int Run, int Start, int Length) piece)
        {
            var run = _runs[piece.Run];
            return new SourceCell(run.Text.Substring(piece.Start, piece.Length), At(run.Cell.Location, run.Offset + piece.Start));
        }

        private static SourceLocation At(SourceLocation location, int offset) =>
            location.Column is { } column ? location with { Column = column + offset } : location;

        /// <summary>A run of digits with, for the search, the digits from each position to its end and the digits of all later runs.</summary>
        private sealed record DigitRun(SourceCell Cell, string Text, int Offset, int Dot, int[] DigitsFrom, int LaterDigits);
    }
}
