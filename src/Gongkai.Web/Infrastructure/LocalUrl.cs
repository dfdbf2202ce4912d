using System.Text;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// Where a "return to" parameter (returnUrl, ReturnUrl) may send the browser: a path on this site, or nowhere.
/// </summary>
public static class LocalUrl
{
    /// <summary>
    /// The URL when it is a path on this site, otherwise <paramref name="fallback"/>. Refused: anything not starting
    /// with a single "/" (schemes, "//host", "/\host"), any backslash (browsers read it as "/"), and control characters
    /// (browsers drop tabs and newlines, so "/\t/host" would become "//host"). Characters outside ASCII are
    /// percent-encoded, as a Location header must be ASCII.
    /// </summary>
    public static string OrDefault(string? url, string fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (url is not { Length: > 0 and <= 2048 } || url[0] != '/' || (url.Length > 1 && url[1] == '/'))
        {
            return fallback;
        }

        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1]))
            {
                i++;
            }
            else if (c == '\\' || char.IsControl(c) || char.IsSurrogate(c))
            {
                return fallback;
            }
        }

        return url.All(char.IsAscii) ? url : Encode(url);
    }

    private static string Encode(string url)
    {
        var encoded = new StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
