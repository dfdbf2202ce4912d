using System.Globalization;
using System.Text;

namespace Gongkai.AnnualReports;

/// <summary>
/// Interprets the text of a table cell the way real reports write it: full-width digits, thousands separators,
/// units (件, 条, 项, 个, 万元), placeholders ("/", "-", "—", "无", "不适用").
/// </summary>
public static class CellText
{
    private static readonly string[] Placeholders =
    [
        "/", "\\", "-", "--", "—", "——", "–", "─", "无", "暂无", "不适用", "N/A", "NA", "n/a", "×", "*",
    ];

    // Units that only name what is counted: stripping them does not change the number's meaning.
    private static readonly string[] Units = ["万元", "元", "件", "条", "项", "个", "次"];

    public static (CellKind Kind, decimal? Value) Interpret(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = Normalize(raw);
        if (text.Length == 0)
        {
            return (CellKind.Blank, null);
        }

        if (Array.IndexOf(Placeholders, text) >= 0)
        {
            return (CellKind.Placeholder, null);
        }

        foreach (var unit in Units)
        {
            if (text.Length > unit.Length && text.EndsWith(unit, StringComparison.Ordinal))
            {
                text = text[..^unit.Length];
                break;
            }
        }

        text = RemoveThousandsSeparators(text);
        if (IsPlainNumber(text)
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return (value == 0 ? CellKind.Zero : CellKind.Number, value);
        }

        return (CellKind.Text, null);
    }

    /// <summary>
    /// Full-width ASCII to half-width, ideographic space to nothing, all whitespace removed. Used for cells and for
    /// comparing labels.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u2212' => '-', // minus sign
                _ => ch,
            };
            if (!char.IsWhiteSpace(c) && c != '\u200B' && c != '\uFEFF')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsPlainNumber(string text)
    {
        var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        var digits = 0;
        var dots = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c == '.' && dots == 0 && digits > 0)
            {
                dots++;
            }
            else
            {
                return false;
            }
        }

        return digits > 0 && text[^1] != '.';
    }

    private static string RemoveThousandsSeparators(string text)
    {
        if (!text.Contains(',', StringComparison.Ordinal))
        {
            return text;
        }

        // Only a well-formed 1,234,567 pattern: "1,2" is not a number and stays text.
        var parts = text.Split(',');
        var head = parts[0].TrimStart('-', '+');
        if (head.Length is 0 or > 3)
        {
            return text;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            var integerPart = i == parts.Length - 1 ? part.Split('.')[0] : part;
            if (integerPart.Length != 3)
            {
                return text;
            }
        }

        return text.Replace(",", "", StringComparison.Ordinal);
    }
}
