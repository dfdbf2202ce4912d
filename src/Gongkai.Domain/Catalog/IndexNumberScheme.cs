using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gongkai.Catalog;

/// <summary>Which code of the agency is the 前段码 of its index numbers.</summary>
public enum IndexPrefixSource
{
    /// <summary>The code as registered: an 18-character 统一社会信用代码 or a 9-character 组织机构代码.</summary>
    AsRegistered = 1,

    /// <summary>Always the 9-character 组织机构代码 (characters 9–17 of a 统一社会信用代码), as the 2008 guidance has it.</summary>
    OrganizationCode = 2,
}

/// <summary>
/// How an agency's 索引号 are written: a pattern with {prefix}, {year}, {month} or {month:00}, and {serial:00000}
/// (the number of zeros is the minimum width). The default is the national guidance's
/// <c>{prefix}/{year}-{serial:00000}</c> (e.g. MB0000002/2024-00012). Serial numbers count per agency and year.
/// Immutable; build with <see cref="Parse"/>, which refuses a pattern without {prefix} and {serial}.
/// </summary>
public sealed partial class IndexNumberScheme
{
    public const string DefaultPattern = "{prefix}/{year}-{serial:00000}";

    private readonly List<Func<string, DateOnly, int, string>> _parts;

    private IndexNumberScheme(string pattern, List<Func<string, DateOnly, int, string>> parts)
    {
        Pattern = pattern;
        _parts = parts;
    }

    public static IndexNumberScheme Default { get; } = Parse(DefaultPattern);

    public string Pattern { get; }

    /// <exception cref="FormatException">The pattern has an unknown placeholder or lacks {prefix} or {serial} (message in Chinese).</exception>
    public static IndexNumberScheme Parse(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new FormatException("索引号规则不能为空。");
        }

        var parts = new List<Func<string, DateOnly, int, string>>();
        var hasPrefix = false;
        var hasSerial = false;
        var at = 0;
        foreach (Match match in Placeholder().Matches(pattern))
        {
            var literal = pattern[at..match.Index];
            if (literal.Contains('{', StringComparison.Ordinal) || literal.Contains('}', StringComparison.Ordinal))
            {
                throw new FormatException($"索引号规则“{pattern}”中有无法识别的占位符。");
            }

            parts.Add((_, _, _) => literal);
            var name = match.Groups["name"].Value;
            var format = match.Groups["format"].Success ? match.Groups["format"].Value : null;
            if (format is not null && format.Any(c => c != '0'))
            {
                throw new FormatException($"索引号规则中“{match.Value}”的位数只能写成若干个 0，例如 {{serial:00000}}。");
            }

            switch (name)
            {
                case "prefix" when format is null:
                    hasPrefix = true;
                    parts.Add((prefix, _, _) => prefix);
                    break;
                case "year" when format is null:
                    parts.Add((_, date, _) => date.Year.ToString("0000", CultureInfo.InvariantCulture));
                    break;
                case "month":
                    var monthFormat = format ?? "0";
                    parts.Add((_, date, _) => date.Month.ToString(monthFormat, CultureInfo.InvariantCulture));
                    break;
                case "serial":
                    hasSerial = true;
                    var serialFormat = format ?? "0";
                    parts.Add((_, _, serial) => serial.ToString(serialFormat, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new FormatException($"索引号规则中的“{match.Value}”无法识别；可用 {{prefix}}、{{year}}、{{month:00}}、{{serial:00000}}。");
            }

            at = match.Index + match.Length;
        }

        var tail = pattern[at..];
        if (tail.Contains('{', StringComparison.Ordinal) || tail.Contains('}', StringComparison.Ordinal))
        {
            throw new FormatException($"索引号规则“{pattern}”中有无法识别的占位符。");
        }

        parts.Add((_, _, _) => tail);
        if (!hasPrefix || !hasSerial)
        {
            throw new FormatException("索引号规则必须包含 {prefix}（机关代码）和 {serial}（流水号）。");
        }

        return new IndexNumberScheme(pattern, parts);
    }

    /// <summary>The index number for a prefix, the date it is assigned on (its year and month) and a serial ≥ 1.</summary>
    public string Format(string prefix, DateOnly date, int serial)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            text.Append(part(prefix, date, serial));
        }

        return text.ToString();
    }

    /// <summary>
    /// The 前段码 from an agency's registered code. A 统一社会信用代码 has 18 characters of which 9–17 are the
    /// 组织机构代码; a 组织机构代码 has 9 (a hyphen before the check character is dropped).
    /// </summary>
    /// <exception cref="FormatException">The code is neither (message in Chinese).</exception>
    public static string Prefix(string? registeredCode, IndexPrefixSource source)
    {
        var code = (registeredCode ?? "").Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        if (code.Length == 0)
        {
            throw new FormatException("本机关尚未登记统一社会信用代码或组织机构代码，无法生成索引号；请管理员在机关信息中填写。");
        }

        if (!code.All(char.IsAsciiLetterOrDigit) || code.Length is not (18 or 9))
        {
            throw new FormatException($"机关代码“{registeredCode}”既不是 18 位统一社会信用代码，也不是 9 位组织机构代码。");
        }

        return source == IndexPrefixSource.OrganizationCode && code.Length == 18 ? code.Substring(8, 9) : code;
    }

    [GeneratedRegex(@"\{(?<name>[a-z]+)(:(?<format>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
