using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Matches source text against the labels of the national format (both formats), tolerating what real reports do:
/// width and spacing, dropped or different numbering marks, one-character typos, labels cut short by wrapping.
/// All inputs are canonical (<see cref="LabelText.Canonical"/>).
/// </summary>
internal static partial class LabelMatcher
{
    private static readonly Table3RowDefinition[] AllTable3Rows =
        [.. NationalFormat.Table3Rows(ReportFormat.Format2021), NationalFormat.Table3Rows(ReportFormat.Format2019)
            .Single(r => r.Row == Table3Row.OtherOther)];

    private static readonly (Table3RowDefinition Definition, string Canonical, string Prefix, string Body, bool Is2019)[] Table3RowLabels =
        [.. AllTable3Rows.Select((r, i) => Split(r, LabelText.Canonical(r.Label), i == AllTable3Rows.Length - 1))];

    private static readonly string[] Table3GroupLabels =
        [.. NationalFormat.Table3Rows(ReportFormat.Format2021).Select(r => r.Group).OfType<string>().Distinct()];

    private static readonly string[] Table3Groups = [.. Table3GroupLabels.Select(LabelText.Canonical)];

    private static readonly (string, string)[] Table3HeaderLabels =
        CanonicalLabels([NationalFormat.ApplicantGroup, NationalFormat.LegalPersonGroup, .. NationalFormat.Table3ColumnLabels]);

    private static readonly (string, string)[] Table4HeaderLabels =
        CanonicalLabels([NationalFormat.Reconsideration, NationalFormat.Litigation, .. NationalFormat.Table4BlockLabels.Skip(1), .. NationalFormat.Table4ColumnLabels]);

    private static readonly FrozenSet<string> Table2RowLabels =
        NationalFormat.Table2Blocks(ReportFormat.Format2021).Concat(NationalFormat.Table2Blocks(ReportFormat.Format2019))
            .SelectMany(b => b.Rows).Select(r => LabelText.Canonical(r.Label)).ToFrozenSet(StringComparer.Ordinal);

    private static readonly (string, string)[] Table2ColumnLabels =
        CanonicalLabels([.. NationalFormat.Table2Blocks(ReportFormat.Format2021).Concat(NationalFormat.Table2Blocks(ReportFormat.Format2019))
            .SelectMany(b => b.ColumnLabels).Append(NationalFormat.InformationContent).Distinct()]);

    // Reports repeat the same labels thousands of times: matches are remembered (bounded) across reports.
    private const int CacheLimit = 20_000;
    private static readonly ConcurrentDictionary<string, (Table3RowDefinition, bool, double)?> Table3RowMatches = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, SectionKey?> SectionMatches = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string?> Table3HeaderMatches = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string?> Table4HeaderMatches = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string?> Table2ColumnMatches = new(StringComparer.Ordinal);

    private static readonly string[] SectionBodies =
        [.. NationalFormat.Sections.Select(s => LabelText.Canonical(s.Heading)[2..])];

    /// <summary>
    /// Other wordings of the section headings seen in published reports: the 2019 format's, and common variants.
    /// Recognition data, not labels of the format: a heading worded so is still the section, and the format check
    /// reports the wording.
    /// </summary>
    private static readonly (SectionKey Key, string Body)[] SectionVariants =
    [
        (SectionKey.ProactiveDisclosure, "主动公开政府信息的情况"),
        (SectionKey.Applications, "收到和处理政府信息公开申请的情况"),
        (SectionKey.ReviewAndLitigation, "因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
        (SectionKey.ReviewAndLitigation, "因政府信息公开工作被申请行政复议和提起行政诉讼情况"),
        (SectionKey.ReviewAndLitigation, "因政府信息公开申请行政复议、提起行政诉讼的情况"),
        (SectionKey.ReviewAndLitigation, "政府信息公开行政复议和行政诉讼情况"),
        (SectionKey.Problems, "政府信息公开工作存在的主要问题及改进情况"),
        (SectionKey.Problems, "存在的主要问题及明年工作计划"),
        (SectionKey.Problems, "存在的主要问题和改进情况"),
        (SectionKey.Problems, "存在的主要问题及改进措施"),
        (SectionKey.Other, "其他需要报告的事项"),
    ];

    /// <summary>Every wording of every section heading, without its number: the format's, then the variants.</summary>
    public static IReadOnlyList<(SectionKey Key, string Body)> SectionHeadingWordings { get; } =
        [.. NationalFormat.Sections.Select(s => (s.Key, s.Heading[2..])), .. SectionVariants];

    /// <summary>How sure the words of a heading written without a number must be.</summary>
    private const double UnnumberedHeadingScore = 0.85;

    /// <summary>How sure a heading's words must be to name a section whatever number it carries (renumbered sections).</summary>
    private const double RenumberedHeadingScore = 0.85;

    /// <summary>The table 三 row a label names, with how sure the match is; the 2019 single （六） row is flagged.</summary>
    public static (Table3RowDefinition Row, bool Is2019Row, double Score)? MatchTable3Row(string canonical)
    {
        if (canonical.Length == 0 || canonical.Length > 60)
        {
            return null;
        }

        return Remember(Table3RowMatches, canonical, MatchTable3RowUncached);
    }

    private static (Table3RowDefinition Row, bool Is2019Row, double Score)? MatchTable3RowUncached(string canonical)
    {

        var (prefix, body) = SplitNumbering(canonical);
        (Table3RowDefinition, bool, double)? best = null;
        foreach (var label in Table3RowLabels)
        {
            double score;
            if (string.Equals(canonical, label.Canonical, StringComparison.Ordinal))
            {
                score = 1;
            }
            else
            {
                if (prefix.Length > 0 && !string.Equals(prefix, label.Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                // Without a number a label must say enough to be unambiguous ("其他" alone is a column header).
                if (prefix.Length == 0 && body.Length < 4)
                {
                    continue;
                }

                var cutShort = body.Length >= 6 && label.Body.StartsWith(body, StringComparison.Ordinal);
                if (!cutShort && Negations(body) != Negations(label.Body))
                {
                    // "不予公开" shares three characters with "予以公开" but means the opposite.
                    continue;
                }

                score = LabelText.Similarity(body, label.Body);
                if (score < 0.75 && cutShort)
                {
                    // A label cut short where the line wrapped: the rest is on the next line.
                    score = 0.75;
                }
            }

            if (score >= 0.75 && (best is null || score > best.Value.Item3))
            {
                best = (label.Definition, label.Is2019, score);
            }
        }

        return best;
    }

    /// <summary>True for the merged group labels of table 三 (三、本年度办理结果, （三）不予公开 …).</summary>
    public static bool IsTable3Group(string canonical) => MatchTable3Group(canonical) is not null;

    /// <summary>
    /// The group label of table 三 a cell names, also without its number ("不予公开" is （三）不予公开), or null.
    /// </summary>
    public static string? MatchTable3Group(string canonical)
    {
        for (var i = 0; i < Table3Groups.Length; i++)
        {
            var group = Table3Groups[i];
            if (string.Equals(canonical, group, StringComparison.Ordinal)
                || (canonical.Length >= 4 && LabelText.Similarity(canonical, group) >= 0.8)
                || (canonical.Length >= 4 && string.Equals(canonical, SplitNumbering(group).Body, StringComparison.Ordinal)))
            {
                return Table3GroupLabels[i];
            }
        }

        return null;
    }

    /// <summary>How many negating characters (不, 未, 无, 没, 非) a label has.</summary>
    private static int Negations(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c is '不' or '未' or '无' or '没' or '非')
            {
                count++;
            }
        }

        return count;
    }

    public static bool IsTable3Note(string canonical) =>
        canonical.Contains("勾稽关系", StringComparison.Ordinal) && canonical.Length < 60;

    /// <summary>The table 三 header label (申请人情况, 自然人 … 总计) a cell names, if any.</summary>
    public static string? MatchTable3Header(string canonical) =>
        canonical.Length is 0 or > 40 ? null : Remember(Table3HeaderMatches, canonical, c => BestOf(Table3HeaderLabels, c, 0.75));

    /// <summary>The table 四 header label (行政复议, 行政诉讼, 未经复议直接起诉, 复议后起诉, 结果维持 … 总计) a cell names.</summary>
    public static string? MatchTable4Header(string canonical) =>
        canonical.Length is 0 or > 40 ? null : Remember(Table4HeaderMatches, canonical, c => BestOf(Table4HeaderLabels, c, 0.75));

    /// <summary>The table 四 block (行政复议, 未经复议直接起诉, 复议后起诉) a cell names.</summary>
    public static Table4Block? MatchTable4Block(string canonical)
    {
        for (var i = 0; i < NationalFormat.Table4BlockLabels.Count; i++)
        {
            if (string.Equals(canonical, NationalFormat.Table4BlockLabels[i], StringComparison.Ordinal))
            {
                return (Table4Block)i;
            }
        }

        return null;
    }

    /// <summary>The article item of a table 二 block header, "第二十条第（一）项" → "一".</summary>
    public static string? MatchTable2Block(string canonical)
    {
        var match = Table2BlockPattern().Match(canonical);
        return match.Success ? match.Groups["item"].Value : null;
    }

    public static bool IsTable2Row(string canonical) => Table2RowLabels.Contains(canonical)
        || (canonical.Length >= 4 && Table2RowLabels.Any(l => l.Length >= 4 && LabelText.Similarity(canonical, l) >= 0.8));

    public static bool IsTable2Column(string canonical) =>
        canonical.Length is > 0 and <= 40 && Remember(Table2ColumnMatches, canonical, c => BestOf(Table2ColumnLabels, c, 0.75)) is not null;

    /// <summary>
    /// The statutory section a heading line names, or null. The heading's own number, if it has one, must be the
    /// section's number; the words must be close to the national heading's.
    /// </summary>
    public static SectionKey? MatchSectionHeading(string canonical)
    {
        if (canonical.Length is < 2 or > 40)
        {
            return null;
        }

        return Remember(SectionMatches, canonical, MatchSectionHeadingUncached);
    }

    private static SectionKey? MatchSectionHeadingUncached(string canonical)
    {

        var match = HeadingNumberPattern().Match(canonical);
        var body = canonical[match.Length..];
        int? number = match.Success ? SectionNumber(match.Groups["n"].Value) : null;
        if (body.Length < 2)
        {
            return null;
        }

        var bestIndex = -1;
        var bestScore = 0.0;
        for (var i = 0; i < SectionBodies.Length; i++)
        {
            var score = LabelText.Similarity(body, SectionBodies[i]);
            if (score > bestScore)
            {
                bestScore = score;
                bestIndex = i;
            }
        }

        foreach (var (key, variant) in SectionVariants)
        {
            var score = LabelText.Similarity(body, LabelText.Canonical(variant));
            if (score > bestScore)
            {
                bestScore = score;
                bestIndex = (int)key;
            }
        }

        // A heading's number makes a loose match safe; without one, a line of the narrative that happens to share
        // many words with a heading must not start a section.
        if (bestIndex < 0 || bestScore < (number is null ? UnnumberedHeadingScore : 0.6))
        {
            return null;
        }

        // A heading numbered otherwise than the format is still the section its words name, when they name it
        // clearly and the number is a section number ("三、" on the review-and-litigation heading of a report that
        // merged two sections); the format check reports the number.
        if (number is { } n && n != bestIndex + 1 && (bestScore < RenumberedHeadingScore || !canonical.Contains('、', StringComparison.Ordinal)))
        {
            return null;
        }

        return (SectionKey)bestIndex;
    }

    /// <summary>Splits "（三）不予公开" into ("（三）", "不予公开"), "1.属于国家秘密" into ("1.", "属于国家秘密").</summary>
    public static (string Prefix, string Body) SplitNumbering(string canonical)
    {
        var match = RowNumberPattern().Match(canonical);
        return match.Success ? (match.Value, canonical[match.Length..]) : ("", canonical);
    }

    private static (Table3RowDefinition, string, string, string, bool) Split(Table3RowDefinition row, string canonical, bool is2019)
    {
        var (prefix, body) = SplitNumbering(canonical);
        return (row, canonical, prefix, body, is2019);
    }

    /// <summary>The label of <paramref name="labels"/> (canonical forms, see <see cref="CanonicalLabels"/>) closest to the text.</summary>
    private static string? BestOf((string Canonical, string Label)[] labels, string canonical, double threshold)
    {
        if (canonical.Length == 0 || canonical.Length > 40)
        {
            return null;
        }

        string? best = null;
        var bestScore = threshold;
        foreach (var (label, original) in labels)
        {
            var score = string.Equals(label, canonical, StringComparison.Ordinal) ? 1 : LabelText.Similarity(canonical, label);
            if (score >= bestScore && (best is null || score > bestScore))
            {
                best = original;
                bestScore = score;
            }
        }

        return best;
    }

    private static (string Canonical, string Label)[] CanonicalLabels(string[] labels) =>
        [.. labels.Select(l => (LabelText.Canonical(l), l))];

    private static TValue Remember<TValue>(ConcurrentDictionary<string, TValue> cache, string key, Func<string, TValue> compute)
    {
        if (cache.TryGetValue(key, out var value))
        {
            return value;
        }

        value = compute(key);
        if (cache.Count < CacheLimit)
        {
            cache.TryAdd(key, value);
        }

        return value;
    }

    private static int? SectionNumber(string numeral) => numeral switch
    {
        "一" or "1" => 1,
        "二" or "2" => 2,
        "三" or "3" => 3,
        "四" or "4" => 4,
        "五" or "5" => 5,
        "六" or "6" => 6,
        _ => null,
    };

    [GeneratedRegex(@"第二十条第\((?<item>[一二三四五六七八九十]+)\)项")]
    private static partial Regex Table2BlockPattern();

    [GeneratedRegex(@"^(?:第(?<n>[一二三四五六])部分[:、]?|(?<n>[一二三四五六])、|\((?<n>[一二三四五六])\)|(?<n>[1-6])(?:\.|、))")]
    private static partial Regex HeadingNumberPattern();

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}\.)")]
    private static partial Regex RowNumberPattern();
}
