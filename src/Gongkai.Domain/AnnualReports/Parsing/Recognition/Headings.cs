namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>Finds the lines that are the six statutory section headings.</summary>
internal static class Headings
{
    public static void Find(RecognitionContext context)
    {
        var lines = context.Lines;
        var seen = new Dictionary<SectionKey, int>();
        for (var i = 0; i < lines.Count; i++)
        {
            context.Budget?.Check();
            var text = RecognitionContext.SingleText(lines[i]);
            if (text is null || LabelMatcher.MatchSectionHeading(context.Canon(text)) is not { } key)
            {
                continue;
            }

            if (seen.TryGetValue(key, out var earlier))
            {
                // A table of contents lists every heading before the report repeats them: keep the later one
                // when nothing but other headings followed the earlier one.
                if (!IsOnlyHeadingsBetween(context, earlier, i))
                {
                    continue;
                }

                context.HeadingLines.Remove(earlier);
            }

            seen[key] = i;
            context.HeadingLines[i] = key;
        }

        context.FirstHeadingLine = context.HeadingLines.Count == 0 ? -1 : context.HeadingLines.Keys.Min();
    }

    private static bool IsOnlyHeadingsBetween(RecognitionContext context, int from, int to)
    {
        for (var j = from + 1; j < to; j++)
        {
            var text = RecognitionContext.SingleText(context.Lines[j]);
            if (text is null || LabelMatcher.MatchSectionHeading(context.Canon(text)) is null)
            {
                return false;
            }
        }

        return true;
    }
}
