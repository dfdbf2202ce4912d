using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Gongkai.Documents;

/// <summary>
/// The page and type of an official document (党政机关公文格式, GB/T 9704—2012) in Word: A4 with the standard
/// margins, body in 仿宋 三号 (16 pt) on a fixed 28-point line with a two-character first-line indent, the title in
/// 二号 (22 pt), Latin text in Times New Roman. Shared by the annual report and the reply letters.
/// </summary>
public static class OfficialDocx
{
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int MarginTop = 2098;
    public const int MarginBottom = 1984;
    public const int MarginLeft = 1588;
    public const int MarginRight = 1474;

    /// <summary>The width between the margins, in twentieths of a point.</summary>
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    public const string LatinFont = "Times New Roman";

    // Fonts every Chinese Windows has; LibreOffice substitutes the installed CJK fonts for them.
    public const string TitleFont = "黑体";
    public const string BodyFont = "仿宋";
    public const string TableFont = "宋体";

    public const string NormalStyleId = "Normal";
    public const string TitleStyleId = "Title";

    /// <summary>A4 portrait with the standard margins; the last child of the document body.</summary>
    public static SectionProperties A4Section() => new(
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin { Top = MarginTop, Right = MarginRight, Bottom = MarginBottom, Left = MarginLeft, Header = 851, Footer = 992, Gutter = 0 });

    /// <summary>Latin text in <see cref="LatinFont"/>, Chinese in <paramref name="eastAsian"/>.</summary>
    public static RunFonts Fonts(string eastAsian) =>
        new() { Ascii = LatinFont, HighAnsi = LatinFont, ComplexScript = LatinFont, EastAsia = eastAsian, Hint = FontTypeHintValues.EastAsia };

    /// <summary>A run of text with its spaces kept; characters XML cannot carry are cleaned (<see cref="SafeText.Clean"/>).</summary>
    public static Run TextRun(string text) => new(new Text(SafeText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>
    /// The document defaults, the Normal (body) style and the Title style, followed by the caller's own styles.
    /// <paramref name="titleSpaceAfter"/> is the gap under the title in twentieths of a point.
    /// </summary>
    public static Styles Styles(string titleSpaceAfter, params Style[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    Fonts(BodyFont),
                    new FontSize { Val = "32" },
                    new FontSizeComplexScript { Val = "32" },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "560", LineRule = LineSpacingRuleValues.Exact }))),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(
                    new Indentation { FirstLine = "640", FirstLineChars = 200 },
                    new Justification { Val = JustificationValues.Both }))
            {
                Type = StyleValues.Paragraph,
                StyleId = NormalStyleId,
                Default = true,
            },
            new Style(
                new StyleName { Val = "Title" },
                new BasedOn { Val = NormalStyleId },
                new NextParagraphStyle { Val = NormalStyleId },
                new PrimaryStyle(),
                new StyleParagraphProperties(
                    new SpacingBetweenLines { Before = "0", After = titleSpaceAfter, Line = "720", LineRule = LineSpacingRuleValues.Exact },
                    new Indentation { FirstLine = "0", FirstLineChars = 0 },
                    new Justification { Val = JustificationValues.Center },
                    new OutlineLevel { Val = 0 }),
                new StyleRunProperties(Fonts(TitleFont), new FontSize { Val = "44" }, new FontSizeComplexScript { Val = "44" }))
            {
                Type = StyleValues.Paragraph,
                StyleId = TitleStyleId,
            });
        foreach (var style in more)
        {
            styles.Append(style);
        }

        return styles;
    }
}
