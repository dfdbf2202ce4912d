using System.Globalization;
using System.Net;
using System.Text;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Markup that a portal keeps in a script instead of the page: the report's body as a JavaScript (or JSON) string
/// written into the page by <c>document.write</c>, <c>innerHTML</c> or a template. A string literal, or several joined
/// by <c>+</c>, is decoded (escapes <c>\n \" \uXXXX \xXX \u{…}</c>, HTML entities where the markup itself is
/// escaped) and kept when it holds a table. Comments are skipped; a literal left open at the end of the script is
/// taken as far as it goes. Linear in the script's length.
/// </summary>
internal static class ScriptMarkup
{
    /// <summary>The decoded strings of <paramref name="script"/> that hold a table's markup, in order.</summary>
    public static List<string> Tables(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var found = new List<string>();
        if (script.IndexOf("table", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return found;
        }

        var joined = new StringBuilder();
        var joinable = false;
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (c is '"' or '\'' or '`')
            {
                var literal = ReadLiteral(script, ref i);
                if (!joinable)
                {
                    Keep(joined, found);
                }

                joined.Append(literal);
                joinable = true;
                continue;
            }

            if (c == '/' && i + 1 < script.Length && script[i + 1] is '/' or '*')
            {
                i = SkipComment(script, i);
                continue;
            }

            // Literals joined by '+' (across lines) are one string; anything else ends it.
            if (!char.IsWhiteSpace(c) && c != '+')
            {
                joinable = false;
            }

            i++;
        }

        Keep(joined, found);
        return found;
    }

    private static void Keep(StringBuilder joined, List<string> found)
    {
        if (joined.Length == 0)
        {
            return;
        }

        var text = Documents.SafeText.CleanSurrogates(joined.ToString());
        joined.Clear();
        if (text.Contains("&lt;table", StringComparison.OrdinalIgnoreCase) && !text.Contains("<table", StringComparison.OrdinalIgnoreCase))
        {
            text = WebUtility.HtmlDecode(text);
        }

        if (text.Contains("<table", StringComparison.OrdinalIgnoreCase))
        {
            found.Add(text);
        }
    }

    private static int SkipComment(string script, int at)
    {
        if (script[at + 1] == '/')
        {
            var end = script.IndexOf('\n', at);
            return end < 0 ? script.Length : end + 1;
        }

        var close = script.IndexOf("*/", at + 2, StringComparison.Ordinal);
        return close < 0 ? script.Length : close + 2;
    }

    private static string ReadLiteral(string script, ref int i)
    {
        var quote = script[i++];
        var text = new StringBuilder();
        while (i < script.Length)
        {
            var c = script[i++];
            if (c == quote)
            {
                return text.ToString();
            }

            if (c != '\\' || i >= script.Length)
            {
                text.Append(c);
                continue;
            }

            var e = script[i++];
            switch (e)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'b' or 'f' or 'v': text.Append(' '); break;
                case '0': text.Append(' '); break;
                case '\r' or '\n': break; // a line continuation
                case 'x' when Hex(script, i, 2) is { } x:
                    text.Append((char)x);
                    i += 2;
                    break;
                case 'u' when i < script.Length && script[i] == '{' && script.IndexOf('}', i) is var close and > 0 && close - i <= 7
                              && Hex(script, i + 1, close - i - 1) is { } point && point <= 0x10FFFF:
                    text.Append(char.IsBetween((char)Math.Min(point, 0xFFFF), '\uD800', '\uDFFF') ? "\uFFFD" : char.ConvertFromUtf32(point));
                    i = close + 1;
                    break;
                case 'u' when Hex(script, i, 4) is { } u:
                    text.Append((char)u);
                    i += 4;
                    break;
                default:
                    text.Append(e);
                    break;
            }
        }

        return text.ToString();
    }

    private static int? Hex(string script, int at, int length) =>
        length > 0 && at + length <= script.Length
        && int.TryParse(script.AsSpan(at, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
