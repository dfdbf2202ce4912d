using System.Globalization;

namespace Gongkai.Applications;

/// <summary>What the duplicate rule compares of an application: who applied (identity number, phone), when it arrived, what it asks for.</summary>
public sealed record DuplicateCandidate(string? IdNumber, string? Phone, DateOnly ArrivedOn, string Description);

/// <summary>
/// Likely repeated applications (条例第三十六条第（六）项：重复申请): the same applicant — the same identity number, or
/// the same phone number — asking for similar information within a window of days before. Similar means the Dice
/// coefficient of the two descriptions' character pairs (letters, digits and Chinese characters only, case and
/// full-width forms folded) is at least <see cref="Threshold"/>: it tolerates reordered and reworded phrases, which
/// is how repeated requests differ in practice, and needs no word segmentation. A handler decides; this only
/// points to the earlier case.
/// </summary>
public static class LikelyDuplicate
{
    /// <summary>The similarity from which two descriptions are shown as likely the same request.</summary>
    public const double Threshold = 0.6;

    /// <summary>The window when the agency configures none: 90 days.</summary>
    public const int DefaultWindowDays = 90;

    /// <summary>
    /// Whether <paramref name="earlier"/> is a likely duplicate of <paramref name="later"/>: same applicant, arrived
    /// no later and at most <paramref name="windowDays"/> days before, similar description.
    /// </summary>
    public static bool Is(DuplicateCandidate later, DuplicateCandidate earlier, int windowDays = DefaultWindowDays)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlier);
        return SameApplicant(later, earlier)
            && earlier.ArrivedOn <= later.ArrivedOn
            && later.ArrivedOn.DayNumber - earlier.ArrivedOn.DayNumber <= windowDays
            && Similarity(later.Description, earlier.Description) >= Threshold;
    }

    /// <summary>The same identity number (case-insensitive, spaces ignored) or the same phone number (digits only).</summary>
    public static bool SameApplicant(DuplicateCandidate a, DuplicateCandidate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (Key(a.IdNumber, char.IsAsciiLetterOrDigit) is { } id && id == Key(b.IdNumber, char.IsAsciiLetterOrDigit))
            || (Key(a.Phone, char.IsAsciiDigit) is { } phone && phone == Key(b.Phone, char.IsAsciiDigit));
    }

    /// <summary>The Dice coefficient of the descriptions' adjacent character pairs, 0 to 1 (1 for equal texts; 0 when either has under two characters).</summary>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var left = Pairs(a);
        var right = Pairs(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var remaining = new Dictionary<int, int>();
        foreach (var pair in right)
        {
            remaining[pair] = remaining.GetValueOrDefault(pair) + 1;
        }

        var shared = 0;
        foreach (var pair in left)
        {
            if (remaining.GetValueOrDefault(pair) > 0)
            {
                remaining[pair]--;
                shared++;
            }
        }

        return 2.0 * shared / (left.Count + right.Count);
    }

    private static List<int> Pairs(string text)
    {
        var folded = text.Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant();
        var kept = new List<char>(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                kept.Add(c);
            }
        }

        var pairs = new List<int>(Math.Max(0, kept.Count - 1));
        for (var i = 0; i + 1 < kept.Count; i++)
        {
            pairs.Add((kept[i] << 16) | kept[i + 1]);
        }

        return pairs;
    }

    private static string? Key(string? value, Func<char, bool> keep)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var key = string.Concat(value.Where(keep)).ToUpper(CultureInfo.InvariantCulture);
        return key.Length == 0 ? null : key;
    }
}
