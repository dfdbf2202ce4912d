namespace Gongkai.Documents;

/// <summary>
/// Text that every output format can carry. XML 1.0 — and so DOCX — has no way to write most control characters,
/// U+FFFE, U+FFFF or half a surrogate pair, and JSON cannot write half a pair either; a file that holds them (a DOS
/// end-of-file mark 0x1A, a NUL from a broken conversion, a vertical tab from Word's manual line break) must neither
/// stop an export nor be lost silently. The text readers clean what they decode and the renderers clean what they
/// write; the JSON form keeps control characters (JSON can write them) and only repairs half pairs.
/// </summary>
public static class SafeText
{
    /// <summary>
    /// <paramref name="text"/> with a form feed (page break) as a line break, every other control character except
    /// tab, line feed and carriage return as a space, and U+FFFE, U+FFFF and unpaired surrogates as U+FFFD. The same
    /// string when there is nothing to change; the length never changes, so columns stay where they were.
    /// </summary>
    public static string Clean(string text) => Repair(text, controls: true);

    /// <summary><paramref name="text"/> with unpaired surrogates as U+FFFD, and nothing else changed.</summary>
    public static string CleanSurrogates(string text) => Repair(text, controls: false);

    /// <summary>True when <see cref="Clean"/> would change nothing.</summary>
    public static bool IsClean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FirstInvalid(text, controls: true) < 0;
    }

    private static string Repair(string text, bool controls)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstInvalid(text, controls);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first, controls), static (chars, state) =>
        {
            var (source, start, controls) = state;
            source.AsSpan().CopyTo(chars);
            for (var i = start; i < chars.Length; i++)
            {
                var c = chars[i];
                if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c) || (controls && c is '\uFFFE' or '\uFFFF'))
                {
                    chars[i] = '\uFFFD';
                }
                else if (controls && c < ' ' && c is not ('\t' or '\n' or '\r'))
                {
                    chars[i] = c == '\f' ? '\n' : ' ';
                }
            }
        });
    }

    private static int FirstInvalid(string text, bool controls)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ')
            {
                if (controls && c is not ('\t' or '\n' or '\r'))
                {
                    return i;
                }
            }
            else if (c >= '\uD800')
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c) || (controls && c is '\uFFFE' or '\uFFFF'))
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
