using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>Reads the report's title: the organisation and the year.</summary>
internal static partial class TitleReader
{
    public static void Read(RecognitionContext context)
    {
        var lines = context.Lines;
        var report = context.Report;
        var end = context.FirstHeadingLine < 0 ? lines.Count : context.FirstHeadingLine;
        int? chosen = null;
        string? joinedTitle = null;
        for (var i = 0; i < end; i++)
        {
            if (RecognitionContext.SingleText(lines[i]) is not { } text)
            {
                continue;
            }

            if (TitlePattern().IsMatch(RecognitionContext.Compact(text)))
            {
                chosen = i;
                joinedTitle = null;
            }
            else if (i + 1 < end && RecognitionContext.SingleText(lines[i + 1]) is { } next && text.Length + next.Length <= 80
                     && TitlePattern().IsMatch(RecognitionContext.Compact(text + next)))
            {
                // A long title wrapped onto a second line (PDF, narrow pages).
                chosen = i;
                joinedTitle = text.Trim() + next.Trim();
                context.TitleContinuation = i + 1;
            }
        }

        if (chosen is null)
        {
            for (var i = end; i < lines.Count && chosen is null; i++)
            {
                if (RecognitionContext.SingleText(lines[i]) is { } text && text.Length < 80
                    && TitlePattern().IsMatch(RecognitionContext.Compact(text)))
                {
                    chosen = i;
                }
            }
        }

        if (chosen is not { } index)
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTitle,
                "没有找到“××机关××××年政府信息公开工作年度报告”形式的标题，无法确定机关名称和报告年度。请在报告开头写明完整标题。",
                lines[0].Location));
            return;
        }

        context.TitleLine = index;
        var line = lines[index];
        var title = (joinedTitle ?? RecognitionContext.SingleText(line)!).Trim().TrimStart('#').Trim();
        var match = TitlePattern().Match(RecognitionContext.Compact(title));
        report.Title = title;
        report.TitleLocation = line.Location;
        report.Year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var organization = CleanOrganization(match.Groups["org"].Value);
        if (organization.Length == 0)
        {
            organization = CleanOrganization(match.Groups["org2"].Value);
        }

        if (organization.Length == 0 && index > 0 && RecognitionContext.SingleText(lines[index - 1]) is { } previous
            && previous.Length <= 30 && !previous.Contains('。', StringComparison.Ordinal))
        {
            // The organisation on its own line above the "2023年政府信息公开工作年度报告" line.
            organization = CleanOrganization(RecognitionContext.Compact(previous));
        }

        if (organization.Length == 0)
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTitle,
                $"标题“{title}”中没有机关名称。请写成“××机关{report.Year}年政府信息公开工作年度报告”。", line.Location));
            return;
        }

        report.Organization = organization;
    }

    private static string CleanOrganization(string text)
    {
        var cleaned = text.Trim('#', '*', '《', '》', '“', '”', '"', ' ');
        return cleaned.EndsWith("关于", StringComparison.Ordinal) ? cleaned[..^2] : cleaned;
    }

    [GeneratedRegex(@"^(?<org>.*?)(?<year>(?:19|20)\d{2})年度?(?<org2>.*?)政府信息公开(?:工作)?年度?报告")]
    private static partial Regex TitlePattern();
}
