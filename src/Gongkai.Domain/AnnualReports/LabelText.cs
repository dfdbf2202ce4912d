using System.Text;

namespace Gongkai.AnnualReports;

/// <summary>
/// Compares labels the way a reader of the national format would. <see cref="AreEquivalent"/> decides whether a
/// report wrote a label differently (only typography may differ: width, spaces, "1." vs "1、" vs "1．", "、" vs "，",
/// straight, curly or corner quotes, Markdown marks "*", "#" and "`", a trailing "：", "；", "。" or "."); <see
/// cref="Canonical"/> and <see cref="Similarity"/> find which label a line means.
/// </summary>
public static class LabelText
{
    /// <summary>The canonical form of a label: comparable with <see cref="string.Equals(string, string)"/>.</summary>
    public static string Canonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = CellText.Normalize(text);
        var builder = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            switch (c)
            {
                case '#' or '*' or '`':
                    continue;
                case '“' or '”' or '"' or '‘' or '’' or '\'' or '「' or '」':
                    builder.Append('"');
                    continue;
                case '、' or '．' when i > 0 && char.IsAsciiDigit(normalized[i - 1]):
                    builder.Append('.');
                    continue;
                case '、':
                    // "一、" keeps its mark: it is how section and row numbers are written.
                    builder.Append('、');
                    continue;
                case '【':
                    builder.Append('[');
                    continue;
                case '】':
                    builder.Append(']');
                    continue;
                default:
                    builder.Append(c);
                    continue;
            }
        }

        while (builder.Length > 0 && builder[^1] is ':' or ';' or '。' or '.' or ',')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

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
    // the numbering mark "." after a numeral and a comma elsewhere. Markdown marks are dropped wherever they are
    // (a copy from a Markdown rendering keeps "**" and "#"), closing punctuation only at the end.
    private static char Next(string text, ref int index, char previous)
    {
        while (index < text.Length)
        {
            var c = Fold(text[index++]);
            if (IsIgnorable(c))
            {
                continue;
            }

            if (IsClosing(c) && OnlyClosingFollows(text, index))
            {
                index = text.Length;
                return '\0';
            }

            return c switch
            {
                '、' => IsNumeral(previous) ? '.' : ',',
                '“' or '”' or '„' or '‘' or '’' or '\'' or '「' or '」' or '『' or '』' => '"',
                _ => c,
            };
        }

        return '\0';
    }

    private static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u2212' => '-',
        _ => c,
    };

    private static bool IsIgnorable(char c) =>
        char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF' or '*' or '#' or '`';

    private static bool IsClosing(char c) => c is ':' or ';' or '。' or '.';

    private static bool OnlyClosingFollows(string text, int index)
    {
        for (; index < text.Length; index++)
        {
            var c = Fold(text[index]);
            if (!IsIgnorable(c) && !IsClosing(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || "一二三四五六七八九十".Contains(c, StringComparison.Ordinal);

    /// <summary>
    /// Similarity in [0, 1] of two canonical labels: the longest common subsequence over the longer length.
    /// 1 means equal; a one-character typo in a ten-character label gives 0.9.
    /// </summary>
    public static double Similarity(string canonicalA, string canonicalB)
    {
        ArgumentNullException.ThrowIfNull(canonicalA);
        ArgumentNullException.ThrowIfNull(canonicalB);
        var longer = Math.Max(canonicalA.Length, canonicalB.Length);
        return longer == 0 ? 1 : (double)LongestCommonSubsequence(canonicalA, canonicalB) / longer;
    }

    internal static int LongestCommonSubsequence(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        Span<int> previous = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        previous.Clear();
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = 0;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
