using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>
/// The figures a report's own text states for a row of table 二's 第二十条第（一）项 (2021 format): "本年度制发的规范性文件88件",
/// "现行有效行政规范性文件698件", "废止规章3件". Table 二 has no identity, so when a row's digits ran together
/// ("8855698") these sentences are the only evidence in the document of how they part. A figure counts only when the
/// verb names its column, the row's word follows within the same clause with no other figure, conjunction or list
/// mark between them (so "制发规章和规范性文件10件", a sum, is not read as either), and the text states one value for
/// that column.
/// </summary>
internal static class StatedFigures
{
    /// <summary>What may stand between the verb and the row's word: no digit, clause mark or joining word.</summary>
    private const string Between = @"[^\d。；;，,、：:和及与或]{0,12}?";

    /// <summary>The column each verb names: 0 issued, 1 repealed, 2 in force.</summary>
    private static readonly (int Column, string Verb)[] Verbs =
    [
        (0, "(?:制发|印发|出台|制定)"),
        (1, "废止"),
        (2, "现行有效"),
    ];

    private static readonly Dictionary<string, (int Column, Regex Pattern)[]> Patterns = new(StringComparer.Ordinal)
    {
        ["规章"] = PatternsOf("规章"),
        ["规范性文件"] = PatternsOf("规范性文件"),
    };

    private static (int Column, Regex Pattern)[] PatternsOf(string rowWord) =>
        [.. Verbs.Select(v => (v.Column, new Regex(
            v.Verb + Between + "(?:行政)?" + Regex.Escape(rowWord) + @"\s*(\d{1,6})\s*件",
            RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(500))))];

    /// <summary>
    /// The stated figure of each column of the row named by <paramref name="rowWord"/> ("规章" or "规范性文件"), by
    /// column; a column stated twice with different values is left out.
    /// </summary>
    public static Dictionary<int, decimal> Find(IEnumerable<string> lines, string rowWord)
    {
        var found = new Dictionary<int, decimal>();
        var conflicting = new HashSet<int>();
        foreach (var line in lines)
        {
            if (!line.Contains(rowWord, StringComparison.Ordinal) || !line.Contains('件', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (column, pattern) in Patterns[rowWord])
            {
                foreach (var match in Matches(pattern, line))
                {
                    var value = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                    if (found.TryGetValue(column, out var earlier) && earlier != value)
                    {
                        conflicting.Add(column);
                    }

                    found[column] = value;
                }
            }
        }

        foreach (var column in conflicting)
        {
            found.Remove(column);
        }

        return found;
    }

    /// <summary>The matches of a pattern; none when the line is too long to search in time (the figures are only evidence).</summary>
    private static List<Match> Matches(Regex pattern, string line)
    {
        try
        {
            return pattern.Matches(line).ToList();
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }
    }
}
