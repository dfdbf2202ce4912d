using System.Text.RegularExpressions;

namespace Gongkai.Applications;

/// <summary>
/// The one place personal data is masked for display: identity numbers (18-digit resident numbers with their check
/// character, and the old 15-digit ones), mobile and landline phone numbers, and addresses after their district and
/// town or street part. Masking keeps enough to recognise the value (the first and last characters, the area code,
/// the district) and replaces the rest with *. Each method returns its input unchanged when it is not of its form
/// (a value that fits nothing is shown masked entirely by <see cref="Other"/>); none throws except on null.
/// </summary>
public static partial class PersonalDataMask
{
    /// <summary>110105194912310021 → 110***********0021; a 15-digit number the same way; other document numbers keep 2 + 2.</summary>
    public static string IdentityNumber(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return ResidentNumber().IsMatch(trimmed) ? Keep(trimmed, 3, 4) : Other(trimmed);
    }

    /// <summary>13800138000 → 138****8000; 0373-5551234 → 0373-*****34; anything else keeps 2 + 2.</summary>
    public static string Phone(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (Mobile().IsMatch(trimmed))
        {
            return Keep(trimmed, 3, 4);
        }

        var landline = Landline().Match(trimmed);
        return landline.Success
            ? landline.Groups["area"].Value + landline.Groups["sep"].Value + Keep(landline.Groups["number"].Value, 0, 2)
            : Other(trimmed);
    }

    /// <summary>示范县城关镇李庄村3组12号 → 示范县城关镇***: the part up to the last district and town or street is kept.</summary>
    public static string Address(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        var match = AddressHead().Match(trimmed);
        return match.Success && match.Length < trimmed.Length ? match.Value + "***" : Other(trimmed);
    }

    /// <summary>Identity numbers and phone numbers found anywhere in a text, masked in place (for text about to be published).</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = ResidentNumberInText().Replace(text, m => Keep(m.Value, 3, 4));
        masked = MobileInText().Replace(masked, m => Keep(m.Value, 3, 4));
        return LandlineInText().Replace(masked, m => m.Groups["area"].Value + m.Groups["sep"].Value + Keep(m.Groups["number"].Value, 0, 2));
    }

    /// <summary>A value of no known form: its first and last characters when it is long enough, otherwise all *.</summary>
    public static string Other(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length >= 6 ? Keep(value, 2, 2) : new string('*', value.Length);
    }

    private static string Keep(string value, int head, int tail) =>
        value.Length <= head + tail ? new string('*', value.Length) : value[..head] + new string('*', value.Length - head - tail) + value[^tail..];

    [GeneratedRegex(@"^(\d{17}[\dXx]|\d{15})$")]
    private static partial Regex ResidentNumber();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(?<area>0\d{2,3})(?<sep>[-\s]?)(?<number>\d{7,8})$")]
    private static partial Regex Landline();

    // The administrative parts from the start (省, 市, 区, 县; names may hold 乡 or 旗, as 新乡市 or 红旗区 do), then a
    // town, township or street (镇, 乡, 街道) if one follows.
    [GeneratedRegex(@"^(?:[^省市区县镇街]{1,12}?(?:省|市|区|县))+(?:[^镇乡街]{1,12}?(?:街道|镇|乡))?")]
    private static partial Regex AddressHead();

    [GeneratedRegex(@"(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])")]
    private static partial Regex ResidentNumberInText();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex MobileInText();

    [GeneratedRegex(@"(?<!\d)(?<area>0\d{2,3})(?<sep>-)(?<number>\d{7,8})(?!\d)")]
    private static partial Regex LandlineInText();
}
