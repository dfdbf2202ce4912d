using System.Globalization;

namespace Gongkai.Applications;

/// <summary>Chinese text with numbers formatted the same on every machine.</summary>
internal static class Invariant
{
    public static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
