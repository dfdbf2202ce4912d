using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// Rules on the narrative alone: the statistics year (YEAR-MISMATCH), stated totals and their parts (TEXT-SUM),
/// section 五 being empty (SEC5-EMPTY) and section 六 being silent on fees (SEC6-FEE). Patterns run on normalized
/// lines (<see cref="NarrativeText"/>), so they see half-width punctuation and no spaces.
/// </summary>
internal static partial class NarrativeRules
{
    /// <summary>Section 五 with fewer letters and digits than this says nothing real ("无", "暂无。").</summary>
    public const int MinimumProblemsLength = 10;

    private const int ExcerptLength = 40;

    // Words that make a listed breakdown open-ended or approximate: the parts need not add up.
    private static readonly SearchValues<string> OpenEndedWords =
        SearchValues.Create(
            ["等", "其余", "另有", "余条", "余件", "余篇", "余项", "余个", "多条", "多件", "多篇", "多项", "多个", "约", "超过", "以上"],
            StringComparison.Ordinal);

    /// <summary>
    /// YEAR-MISMATCH: a stated statistics period in another year than the title's; or the overview saying
    /// "YYYY年…收到…申请" with YYYY the year before the title's, when no such sentence names the title year (then
    /// the earlier year is a comparison, not a leftover).
    /// </summary>
    public static void CheckYear(AnnualReport report, IReadOnlyList<NarrativeLine> narrative, List<Finding> findings)
    {
        // An implausible year (set in code or by a caller) is no year: "year - 1" must not overflow.
        if (report.Year is not { } year || !AnnualReport.IsPlausibleYear(year))
        {
            return;
        }

        var title = year.ToString(CultureInfo.InvariantCulture);
        var previousYear = (year - 1).ToString(CultureInfo.InvariantCulture);
        var candidates = new List<(Finding Finding, bool Weak)>();
        var titleYearStated = false;
        foreach (var line in narrative)
        {
            if (line.Text.Contains("统计", StringComparison.Ordinal) && StatisticsPeriod().Match(line.Text) is { Success: true } period)
            {
                var start = period.Groups["start"].Value;
                var end = period.Groups["end"].Success ? period.Groups["end"].Value : start;
                if (start != title || end != title)
                {
                    candidates.Add((RuleCatalogue.Finding(
                        RuleCatalogue.YearMismatch,
                        $"正文写明的统计期限为 {start} 年 1 月 1 日至 {end} 年 12 月 31 日，与标题中的报告年度 {title} 年不一致（常见于沿用上年报告时漏改年份）。请改为 {title} 年。",
                        line.Location,
                        expected: title,
                        actual: start != title ? start : end), false));
                }
            }

            if (line.Section != SectionKey.Overview || !line.Text.Contains("申请", StringComparison.Ordinal))
            {
                continue;
            }

            for (var match = YearReceived().Match(line.Text); match.Success; match = match.NextMatch())
            {
                var stated = match.Groups["year"].Value;
                titleYearStated |= stated == title;
                if (stated == previousYear)
                {
                    candidates.Add((RuleCatalogue.Finding(
                        RuleCatalogue.YearMismatch,
                        $"总体情况中“{Excerpt(match.Value)}”写的是 {previousYear} 年，与标题中的报告年度 {title} 年不一致（常见于沿用上年报告时漏改年份）。请核对年份。",
                        line.Location,
                        expected: title,
                        actual: previousYear), true));
                }
            }
        }

        foreach (var (finding, weak) in candidates)
        {
            if (!weak || !titleYearStated)
            {
                findings.Add(finding);
            }
        }
    }

    /// <summary>TEXT-SUM: "N条，其中：A x条；B y条…" (or 包括/包含) where the parts do not add up to N.</summary>
    public static void CheckSums(IReadOnlyList<NarrativeLine> narrative, List<Finding> findings)
    {
        foreach (var line in narrative)
        {
            var text = line.Text;
            if (!text.Contains("其中", StringComparison.Ordinal) && !text.Contains("包括", StringComparison.Ordinal)
                && !text.Contains("包含", StringComparison.Ordinal))
            {
                continue;
            }

            for (var match = StatedTotal().Match(text); match.Success; match = match.NextMatch())
            {
                if (!decimal.TryParse(match.Groups["total"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var total)
                    || PartsOf(match.Groups["rest"].Value, match.Groups["unit"].Value[0]) is not { } parts
                    || parts.Count < 2)
                {
                    continue;
                }

                // Parts are unbounded digit runs: their sum may overflow decimal, and such a list is not a breakdown.
                var sum = 0m;
                var overflowed = false;
                foreach (var part in parts)
                {
                    if (!TableRules.TryAdd(sum, part, out sum))
                    {
                        overflowed = true;
                        break;
                    }
                }

                if (overflowed || sum == total)
                {
                    continue;
                }

                var unit = match.Groups["unit"].Value;
                var listed = string.Join(" + ", parts.Select(FindingText.Number));
                findings.Add(RuleCatalogue.Finding(
                    RuleCatalogue.TextSum,
                    $"正文“{Excerpt(match.Value)}”中，合计 {FindingText.Number(total)} {unit}，但所列分项 {listed} = {FindingText.Number(sum)} {unit}。请核对合计或分项。",
                    line.Location,
                    expected: FindingText.Number(total),
                    actual: FindingText.Number(sum)));
            }
        }
    }

    /// <summary>SEC5-EMPTY: section 五 present but empty, "无", or under <see cref="MinimumProblemsLength"/> characters.</summary>
    public static void CheckProblemsSection(AnnualReport report, List<Finding> findings)
    {
        if (report.Section(SectionKey.Problems) is not { } section)
        {
            return;
        }

        var length = 0;
        foreach (var c in section.Text)
        {
            if (char.IsLetterOrDigit(c))
            {
                length++;
            }
        }

        if (length >= MinimumProblemsLength)
        {
            return;
        }

        var text = section.Text.Trim();
        var said = text.Length == 0 ? "没有内容" : $"只写了“{text}”";
        findings.Add(RuleCatalogue.Finding(
            RuleCatalogue.Sec5Empty,
            $"第五部分「{NationalFormat.Section(SectionKey.Problems).Heading}」{said}。请如实说明本年度工作存在的主要问题、改进措施，以及上年度问题的整改情况。",
            section.Location,
            actual: text.Length == 0 ? "(空白)" : text));
    }

    /// <summary>SEC6-FEE: section 六 present but silent on 信息处理费 (charging none must be stated too).</summary>
    public static void CheckFeeStatement(AnnualReport report, List<Finding> findings)
    {
        if (report.Section(SectionKey.Other) is not { } section || FeeMention().IsMatch(section.Text))
        {
            return;
        }

        var text = section.Text.Trim();
        findings.Add(RuleCatalogue.Finding(
            RuleCatalogue.Sec6Fee,
            $"第六部分「{NationalFormat.Section(SectionKey.Other).Heading}」没有说明信息处理费的收取情况。请依据国办函〔2020〕109号写明本年度是否收取信息处理费（未收取也应写明）。",
            section.Location,
            actual: text.Length == 0 ? "(空白)" : Excerpt(text)));
    }

    /// <summary>The first characters of a statement for a message, with "…" when cut.</summary>
    public static string Excerpt(string text) => text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength), "…");

    // The numbers of a listed breakdown, or null when the list is not a clean enumeration of the same unit: every
    // number outside parentheses must carry the total's unit, and a nested 其中 ends the list.
    private static List<decimal>? PartsOf(string rest, char unit)
    {
        var nested = rest.IndexOf("其中", StringComparison.Ordinal);
        if (nested >= 0)
        {
            rest = rest[..nested];
        }

        if (rest.AsSpan().ContainsAny(OpenEndedWords))
        {
            return null;
        }

        var parts = new List<decimal>();
        var depth = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == unit && i > 0 && NarrativeText.ChineseNumeralChars.Contains(rest[i - 1]))
            {
                // "两条" is a part this reader does not add up; better silent than a wrong sum.
                return null;
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < rest.Length && (char.IsAsciiDigit(rest[i]) || rest[i] == '.'))
                {
                    i++;
                }

                if (depth > 0)
                {
                    i--;
                    continue;
                }

                if (i >= rest.Length || rest[i] != unit
                    || !decimal.TryParse(rest.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return null;
                }

                parts.Add(value);
            }
        }

        return parts;
    }

    [GeneratedRegex(@"统计(?:期限|时限|期间|区间|时间|周期|范围)[^。;]{0,25}?(?<start>[0-9]{4})年1月1日(?:起)?(?:至|到|-|—|~)(?:(?<end>[0-9]{4})年)?12月31日")]
    private static partial Regex StatisticsPeriod();

    [GeneratedRegex(@"(?<=^|[。;:)])(?<year>[0-9]{4})年度?(?![0-9]|月),?[^。;,]{0,25}?(?:收到|受理|新收|接到|接收)[^。;]{0,20}?申请")]
    private static partial Regex YearReceived();

    [GeneratedRegex(@"(?<![0-9.])(?<total>[0-9]{1,9})(?<unit>[条件篇项个]),?:?(?:其中|包括|包含):?(?<rest>[^。]*)")]
    private static partial Regex StatedTotal();

    [GeneratedRegex(@"信息处理费|处理费|收费|收取[^。]{0,12}?费|费用")]
    private static partial Regex FeeMention();
}
