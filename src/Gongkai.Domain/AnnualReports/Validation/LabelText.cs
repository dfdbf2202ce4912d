namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// Compares a label as a report wrote it with the national format's text, ignoring differences that are only
/// typography: whitespace, full- vs half-width characters (brackets, commas, colons, digits), "1." vs "1、" vs
/// "1．", and straight vs curly quotes. Everything else – a wrong, missing or extra character – counts.
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
        while (true)
        {
            var a = Next(actual, ref i);
            var b = Next(expected, ref j);
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
    // to half-width, whitespace and zero-width characters dropped) and then folds the typographic variants.
    private static char Next(string text, ref int index)
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
                '、' => '.',
                '“' or '”' or '„' or '‘' or '’' or '\'' => '"',
                _ => c,
            };
        }

        return '\0';
    }
}
