using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>
/// Reads the report's title: the organisation and the year. Every "…××××年…政府信息公开工作年度报告" in the
/// document is a candidate — the page title, a heading, a crawler's "标题:" line, a breadcrumb, an introductory
/// sentence that names the report — and the one that most looks like a title wins: a line that is the title and
/// nothing else, near the top, before the first section. The organisation is the name written right before the
/// year, not the words of a sentence or a breadcrumb that lead up to it.
/// </summary>
internal static partial class TitleReader
{
    /// <summary>Words after which the organisation's name starts (a sentence or a breadcrumb leads up to it).</summary>
    private static readonly string[] LeadIns =
        ["现向社会公布", "向社会公布", "公布", "发布", "现将", "编制", "印发", "年报", "信息公开", "首页", "当前位置", "标题", "题目", "本地目录"];

    private sealed record Candidate(int Line, int Score, string Title, string Organization, int Year, bool OrganizationAbove, bool Wrapped = false);

    public static void Read(RecognitionContext context)
    {
        var lines = context.Lines;
        var report = context.Report;
        var best = default(Candidate);
        for (var i = 0; i < lines.Count; i++)
        {
            if (RecognitionContext.SingleText(lines[i]) is not { } text || text.Length > 2000)
            {
                continue;
            }

            var found = false;
            foreach (var candidate in Candidates(context, i, text))
            {
                found = true;
                if (best is null || candidate.Score > best.Score)
                {
                    best = candidate;
                }
            }

            // A long title wrapped onto a second line (PDF, narrow pages, conversions).
            if (!found && i + 1 < lines.Count && RecognitionContext.SingleText(lines[i + 1]) is { } next && text.Length + next.Length <= 80)
            {
                foreach (var candidate in Candidates(context, i, text.TrimEnd() + next.Trim()))
                {
                    if (best is null || candidate.Score > best.Score)
                    {
                        best = candidate with { Wrapped = true };
                    }
                }
            }
        }

        if (best is null)
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTitle,
                "没有找到“××机关××××年政府信息公开工作年度报告”形式的标题，无法确定机关名称和报告年度。请核对原文的标题。",
                lines[0].Location));
            return;
        }

        var line = lines[best.Line];
        report.Title = best.Title;
        report.TitleLocation = line.Location;
        report.Year = best.Year;
        if (best.Line < context.FirstHeadingLine || context.FirstHeadingLine < 0)
        {
            context.TitleLine = best.Line;
            if (best.OrganizationAbove)
            {
                context.TitleContinuation = best.Line;
                context.TitleLine = best.Line - 1;
            }
            else if (best.Wrapped)
            {
                context.TitleContinuation = best.Line + 1;
            }
        }

        if (best.Organization.Length == 0)
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTitle,
                $"标题“{best.Title}”中没有机关名称。请写成“××机关{best.Year}年政府信息公开工作年度报告”。", line.Location));
            return;
        }

        report.Organization = best.Organization;
    }

    private static IEnumerable<Candidate> Candidates(RecognitionContext context, int index, string text)
    {
        foreach (Match match in TitlePattern().Matches(text))
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            var before = text[..match.Index];
            var organization = OrganizationBefore(before);
            var organizationAbove = false;
            var score = 0;
            if (organization.Length == 0)
            {
                organization = Clean(match.Groups["org2"].Value);
            }

            if (organization.Length == 0 && before.Trim().TrimStart('#').Trim().Length == 0 && index > 0
                && RecognitionContext.SingleText(context.Lines[index - 1]) is { } previous
                && previous.Trim().Length <= 30 && !previous.Contains('。', StringComparison.Ordinal)
                && !previous.Contains("报告", StringComparison.Ordinal))
            {
                // The organisation on its own line above "2023年政府信息公开工作年度报告" (PDF, narrow pages).
                organization = OrganizationBefore(previous.Trim());
                organizationAbove = organization.Length > 0;
            }

            // A line that is the title and nothing else (after a "标题:" label or Markdown marks) is the title.
            var lead = StripLabel(before).Trim();
            if (lead.Length == 0 || RecognitionContext.Compact(lead) == RecognitionContext.Compact(organization))
            {
                score += 4;
            }

            var after = text[(match.Index + match.Length)..].Trim();
            if (after.Length == 0 || after[0] is '_' or '-' or '—' or '|' or '（' or '(' or '【')
            {
                score += 2;
            }

            if (lead.Contains('，', StringComparison.Ordinal) || lead.Contains("根据", StringComparison.Ordinal)
                || lead.Contains('。', StringComparison.Ordinal) || lead.Contains("本地目录", StringComparison.Ordinal))
            {
                score -= 3;
            }

            if (context.FirstHeadingLine < 0 || index < context.FirstHeadingLine)
            {
                score += 2;
            }

            if (organization.Length > 0)
            {
                score += 1;
            }

            var title = organizationAbove
                ? organization + match.Value.Trim()
                : text[RawStart(before, organization, text)..(match.Index + match.Length)].Trim();
            yield return new Candidate(index, score, title, organization, year, organizationAbove);
        }
    }

    /// <summary>Drops a leading "标题:"-style label and Markdown marks.</summary>
    private static string StripLabel(string text)
    {
        var trimmed = text.Trim().TrimStart('#', '*', ' ');
        var label = LabelPrefix().Match(trimmed);
        return label.Success ? trimmed[label.Length..] : trimmed;
    }

    /// <summary>The organisation's name written right before the year: back to a space, a punctuation mark or a lead-in word.</summary>
    private static string OrganizationBefore(string before)
    {
        var end = before.Length;
        while (end > 0 && char.IsWhiteSpace(before[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && !IsBoundary(before[start - 1]))
        {
            start--;
        }

        // "××局 关于2021年度…": the word before the year only connects; the name stands before it.
        var word = RecognitionContext.Compact(before[start..end]);
        if (word is "关于" or "的" && start > 0)
        {
            return OrganizationBefore(before[..start]);
        }

        return Clean(before[start..end]);
    }

    private static string Clean(string text)
    {
        var cleaned = RecognitionContext.Compact(text).Trim('#', '*', '《', '》', '“', '”', '"', ' ');
        foreach (var leadIn in LeadIns)
        {
            var at = cleaned.LastIndexOf(leadIn, StringComparison.Ordinal);
            if (at >= 0 && at + leadIn.Length < cleaned.Length)
            {
                cleaned = cleaned[(at + leadIn.Length)..];
            }
        }

        // "××局关于报送2020年度…年度报告的函": what follows 关于 is the letter's subject, not the name.
        var about = cleaned.IndexOf("关于", StringComparison.Ordinal);
        return about >= 2 ? cleaned[..about] : cleaned;
    }

    /// <summary>Where the organisation's name starts in the raw text before the year (after a "标题:" label, a breadcrumb …).</summary>
    private static int RawStart(string before, string organization, string text)
    {
        var at = organization.Length == 0 ? -1 : before.LastIndexOf(organization[0]);
        while (at >= 0)
        {
            if (RecognitionContext.Compact(before[at..]).StartsWith(organization, StringComparison.Ordinal))
            {
                return at;
            }

            at = at == 0 ? -1 : before.LastIndexOf(organization[0], at - 1);
        }

        return Math.Min(before.Length, text.Length);
    }

    private static bool IsBoundary(char c) =>
        char.IsWhiteSpace(c) || "：:，,。；;、“”\"《》<>|/\\_—-【】[]".Contains(c, StringComparison.Ordinal);

    [GeneratedRegex(@"(?<year>(?:19|20)\d{2})\s*年\s*度?\s*(?<org2>[^，。；\s]{0,30}?)\s*政府\s*信息\s*公开\s*(?:工作\s*)?(?:年\s*度\s*)?报\s*告")]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"^(?:标题|题目|名称)\s*[:：]\s*")]
    private static partial Regex LabelPrefix();
}
