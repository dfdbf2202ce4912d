namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// Compares a label as a report wrote it with the national format's text, ignoring differences that are only
/// typography: whitespace, full- vs half-width characters (brackets, commas, colons, digits), "1." vs "1、" vs
/// "1．" after a number, "、" vs "，" vs "," between words, and straight vs curly quotes. Everything else – a wrong,
/// missing or extra character – counts.
/// </summary>
public static class LabelText
{
    /// <summary>True when the two labels differ only in typography. Allocation-free.</summary>
    public static bool AreEquivalent(string actual, string expected)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        var i = 0;
        var j = 0;
        var a = '\0';
        var b = '\0';
        while (true)
        {
            a = Next(actual, ref i, a);
            b = Next(expected, ref j, b);
            if (a != b)
            {
                return false;
            }

            if (a == '\0')
            {
                return true;
            }
        }
    }

    // The next significant character in canonical form, or '\0' at the end. Mirrors CellText.Normalize (full-width
    // to half-width, whitespace and zero-width characters dropped) and then folds the typographic variants; "、" is
    // the numbering mark "." after a numeral and a comma elsewhere.
    private static char Next(string text, ref int index, char previous)
    {
        while (index < text.Length)
        {
            var c = text[index++];
            c = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u2212' => '-',
                _ => c,
            };
            if (char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF')
            {
                continue;
            }

            return c switch
            {
                '、' => IsNumeral(previous) ? '.' : ',',
                '“' or '”' or '„' or '‘' or '’' or '\'' => '"',
                _ => c,
            };
        }

        return '\0';
    }

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || "一二三四五六七八九十".Contains(c, StringComparison.Ordinal);
}
