namespace Gongkai.Web.Portal;

/// <summary>
/// The citizen's keys to what they submitted without an account (an application, a message): the receipt code as typed
/// (spaces and dashes ignored, any case) and the phone number as its digits, so "0373-5000001" and "03735000001" match.
/// </summary>
public static class LookupKeys
{
    public static string Code(string? value) => new string([.. (value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')]).ToUpperInvariant();

    /// <summary>A phone number as its digits, without a +86/0086 prefix.</summary>
    public static string PhoneDigits(string? value)
    {
        var digits = new string([.. (value ?? "").Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            return digits[4..];
        }

        return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    /// <summary>True when the stored phone has the typed digits (<paramref name="typedDigits"/> from <see cref="PhoneDigits"/>), and they are not empty.</summary>
    public static bool SamePhone(string? stored, string typedDigits) =>
        typedDigits.Length > 0 && string.Equals(PhoneDigits(stored), typedDigits, StringComparison.Ordinal);
}
