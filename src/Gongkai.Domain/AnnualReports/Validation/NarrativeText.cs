using System.Globalization;

namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// One non-empty line of a section's text, normalized once for all text rules with <see cref="CellText.Normalize"/>
/// (full-width to half-width, whitespace removed: "共收到申请 1 件，" becomes "共收到申请1件,").
/// </summary>
/// <param name="Section">The section the line belongs to.</param>
/// <param name="Text">The normalized line.</param>
/// <param name="Location">
/// The line in the source: <see cref="ReportSection.LineLocations"/> when the parser recorded them; otherwise the
/// heading's line + 1 + the line's index in <see cref="ReportSection.Text"/>, or the section's own location when
/// it has no line number.
/// </param>
internal sealed record NarrativeLine(SectionKey Section, string Text, SourceLocation? Location);

/// <summary>The report's narrative as normalized lines, and the number reading shared by the text rules.</summary>
internal static class NarrativeText
{
    /// <summary>The characters of the Chinese numerals the text rules read ("两件", "十二件").</summary>
    public const string ChineseNumeralChars = "零〇一二两三四五六七八九十";

    public static IReadOnlyList<NarrativeLine> Of(AnnualReport report)
    {
        var lines = new List<NarrativeLine>();
        foreach (var section in report.Sections)
        {
            var text = section.Text;
            var index = 0;
            var start = 0;
            while (start <= text.Length)
            {
                var end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                var normalized = CellText.Normalize(text[start..end]);
                if (normalized.Length > 0)
                {
                    var location = section.LineLocations is { } known && index < known.Count ? known[index] : LineLocation(section.Location, index);
                    lines.Add(new NarrativeLine(section.Key, normalized, location));
                }

                index++;
                start = end + 1;
            }
        }

        return lines;
    }

    /// <summary>Reads "12", "两", "十二", "二十" (up to 九十九); null for anything else.</summary>
    public static decimal? ParseNumber(ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (char.IsAsciiDigit(text[0]))
        {
            return decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }

        var ten = text.IndexOf('十');
        if (ten < 0)
        {
            return text.Length == 1 ? Digit(text[0]) : null;
        }

        if (text[(ten + 1)..].Contains('十'))
        {
            return null;
        }

        var tens = ten == 0 ? 1 : ten == 1 ? Digit(text[0]) : null;
        var ones = ten == text.Length - 1 ? 0 : ten == text.Length - 2 ? Digit(text[^1]) : null;
        return tens is { } t && ones is { } o && t > 0 ? (t * 10) + o : null;
    }

    private static decimal? Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => null,
    };

    private static SourceLocation? LineLocation(SourceLocation? section, int index) =>
        section?.Line is { } line ? new SourceLocation(Line: line + 1 + index) : section;
}
