using System.Globalization;
using System.Text;

namespace Gongkai.Catalog;

/// <summary>Why a search query cannot be run.</summary>
public enum SearchQueryProblem
{
    None,

    /// <summary>Nothing searchable (empty, or only punctuation).</summary>
    Empty,

    /// <summary>Longer than <see cref="SearchText.MaxQueryLength"/> characters.</summary>
    TooLong,
}

/// <summary>
/// A parsed query: the tokens every matching document must contain (AND), already reduced to the fewest that imply
/// the rest (a bigram implies its two characters), so the index reads as few posting lists as possible.
/// </summary>
public sealed record SearchQuery(string Text, IReadOnlyList<string> Tokens, SearchQueryProblem Problem)
{
    public bool IsValid => Problem == SearchQueryProblem.None;

    /// <summary>The problem in Chinese, for the page and the API.</summary>
    public string? Message => Problem switch
    {
        SearchQueryProblem.Empty => "请输入要检索的字词，例如“低保”或文号。",
        SearchQueryProblem.TooLong => string.Create(CultureInfo.InvariantCulture, $"检索词过长，请控制在 {SearchText.MaxQueryLength} 个字以内。"),
        _ => null,
    };
}

/// <summary>
/// Chinese full-text search without a word segmenter, the way Lucene's CJKAnalyzer does it: CJK text becomes
/// overlapping character bigrams (低保 → 低保) plus single characters (so one-character queries work); runs of
/// letters and digits become words; where a word touches a CJK character the two also form a token ("12号", "第3"),
/// so a 文号 such as 豫政〔2024〕12号 is found by "12号" and by "豫政". Documents and queries go through the same
/// rules, so a document matches a query exactly when it contains every query token. Both database providers index
/// and query these tokens verbatim: their own parsers never see Chinese text.
/// </summary>
/// <remarks>
/// Folding is one UTF-16 unit to one (full-width ASCII to ASCII, ideographic space to space, invariant lower case),
/// so positions in the folded text are positions in the original: highlighting relies on that.
/// </remarks>
public static class SearchText
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 50;

    private enum CharClass
    {
        Separator,
        Word,
        Cjk,
    }

    /// <summary>The distinct tokens of a document field, in order of first appearance.</summary>
    public static IReadOnlyList<string> DocumentTokens(string? text)
    {
        var tokens = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Tokens(text, forQuery: false))
        {
            if (seen.Add(token))
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>Parses what a member of the public typed.</summary>
    public static SearchQuery ParseQuery(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length > MaxQueryLength)
        {
            return new SearchQuery(trimmed, [], SearchQueryProblem.TooLong);
        }

        var tokens = new List<string>();
        foreach (var token in Tokens(trimmed, forQuery: true))
        {
            if (!tokens.Contains(token, StringComparer.Ordinal))
            {
                tokens.Add(token);
            }
        }

        return new SearchQuery(trimmed, tokens, tokens.Count == 0 ? SearchQueryProblem.Empty : SearchQueryProblem.None);
    }

    /// <summary>One UTF-16 unit folded: full-width ASCII to ASCII, ideographic space to space, lower case.</summary>
    public static char Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }
        else if (c == '\u3000')
        {
            c = ' ';
        }

        return char.ToLowerInvariant(c);
    }

    /// <summary>
    /// The text HTML-encoded, with every stretch that matches a query token wrapped in &lt;mark&gt;. Word tokens
    /// match only whole words (a query "12" does not mark the "12" of "2012").
    /// </summary>
    public static string Highlight(string? text, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        text ??= "";
        return Emit(text, Marks(text, tokens), 0, text.Length, prefix: false, suffix: false);
    }

    /// <summary>
    /// A window of about <paramref name="length"/> characters of the text around its first match (or its start),
    /// whitespace collapsed, HTML-encoded and highlighted; "…" marks where it was cut.
    /// </summary>
    public static string Snippet(string? text, IReadOnlyList<string> tokens, int length = 120)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 10);
        return Snippet(SnippetSource.Of(text, int.MaxValue), tokens, length)!;
    }

    /// <summary>
    /// The snippet of <see cref="Snippet(string?, IReadOnlyList{string}, int)"/> made from the start of the text only
    /// (<see cref="SnippetSource"/>), character for character the one of the whole text; null when that start cannot
    /// decide it (the first match is not far enough inside it, or there is none there and the text goes on): the
    /// caller then reads the whole text.
    /// </summary>
    /// <remarks>
    /// A match is judged by its own characters and the one on either side, so every mark at a position below the
    /// start's length minus the longest token is the whole text's mark; the window must end there.
    /// </remarks>
    public static string? Snippet(SnippetSource source, IReadOnlyList<string> tokens, int length = 120)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 10);
        var collapsed = source.Text;
        var marks = Marks(collapsed, tokens);
        var first = Array.IndexOf(marks, true);
        var reliable = source.Complete ? collapsed.Length : collapsed.Length - tokens.Select(t => t.Length).DefaultIfEmpty(0).Max();
        if (!source.Complete && (first < 0 || first >= reliable))
        {
            return null;
        }

        var start = first < 0 ? 0 : Math.Max(0, first - (length / 4));
        var end = Math.Min(collapsed.Length, start + length);
        start = Math.Max(0, Math.Min(start, end - length));
        if (!source.Complete && end + 1 > reliable)
        {
            // The window (and the one character a surrogate pair may add to it) must lie where the marks are certain.
            return null;
        }

        if (start > 0 && char.IsLowSurrogate(collapsed[start]))
        {
            start--;
        }

        if ((!source.Complete || end < collapsed.Length) && char.IsLowSurrogate(collapsed[end]))
        {
            end++;
        }

        return Emit(collapsed, marks, start, end, prefix: start > 0, suffix: !source.Complete || end < collapsed.Length);
    }

    private static IEnumerable<string> Tokens(string? text, bool forQuery)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        // A chunk is a maximal stretch without separators, e.g. "12号" or "第3条"; tokens never cross chunks.
        var runes = new List<(string Text, CharClass Class)>();
        var index = 0;
        while (index <= text.Length)
        {
            var (value, cls, width) = index < text.Length ? Read(text, index) : ("", CharClass.Separator, 1);
            if (cls != CharClass.Separator)
            {
                runes.Add((value, cls));
            }
            else if (runes.Count > 0)
            {
                foreach (var token in ChunkTokens(runes, forQuery))
                {
                    yield return token;
                }

                runes.Clear();
            }

            index += width;
        }
    }

    private static List<string> ChunkTokens(List<(string Text, CharClass Class)> chunk, bool forQuery)
    {
        // Split the chunk into runs of one class: CJK runs are per character, a word run is one token.
        var runs = new List<(CharClass Class, List<string> Units)>();
        foreach (var (value, cls) in chunk)
        {
            if (runs.Count > 0 && runs[^1].Class == cls)
            {
                runs[^1].Units.Add(value);
            }
            else
            {
                runs.Add((cls, [value]));
            }
        }

        var tokens = new List<string>();
        for (var r = 0; r < runs.Count; r++)
        {
            var (cls, units) = runs[r];
            if (cls == CharClass.Word)
            {
                var word = string.Concat(units);
                var before = r > 0 ? runs[r - 1].Units[^1] : null;
                var after = r + 1 < runs.Count ? runs[r + 1].Units[0] : null;
                if (before is not null)
                {
                    tokens.Add(before + word);
                }

                if (after is not null)
                {
                    tokens.Add(word + after);
                }

                // In a query the word is implied by a boundary token that contains it.
                if (!forQuery || (before is null && after is null))
                {
                    tokens.Add(word);
                }

                continue;
            }

            for (var i = 0; i < units.Count; i++)
            {
                if (i + 1 < units.Count)
                {
                    tokens.Add(units[i] + units[i + 1]);
                }

                // In a query a character is implied by a bigram or a boundary token that contains it.
                var coveredInQuery = units.Count > 1
                    || (i == 0 && r > 0)
                    || (i == units.Count - 1 && r + 1 < runs.Count);
                if (!forQuery || !coveredInQuery)
                {
                    tokens.Add(units[i]);
                }
            }
        }

        return tokens;
    }

    private static (string Value, CharClass Class, int Width) Read(string text, int index)
    {
        if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            var rune = new Rune(text[index], text[index + 1]);
            var category = Rune.GetUnicodeCategory(rune);
            var cls = category == UnicodeCategory.OtherLetter ? CharClass.Cjk
                : Rune.IsLetterOrDigit(rune) ? CharClass.Word
                : CharClass.Separator;
            return (text.Substring(index, 2), cls, 2);
        }

        var c = Fold(text[index]);
        return (c.ToString(), Classify(c), 1);
    }

    private static CharClass Classify(char c)
    {
        if (char.IsSurrogate(c))
        {
            return CharClass.Separator;
        }

        var category = char.GetUnicodeCategory(c);
        if (category == UnicodeCategory.OtherLetter)
        {
            return CharClass.Cjk;
        }

        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber
            ? CharClass.Word
            : CharClass.Separator;
    }

    private static bool[] Marks(string text, IReadOnlyList<string> tokens)
    {
        var marks = new bool[text.Length];
        if (text.Length == 0 || tokens.Count == 0)
        {
            return marks;
        }

        var folded = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Fold(source[i]);
            }
        });
        foreach (var token in tokens.Where(t => t.Length > 0))
        {
            var startsWithWord = Classify(token[0]) == CharClass.Word;
            var endsWithWord = Classify(token[^1]) == CharClass.Word;
            for (var at = folded.IndexOf(token, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(token, at + 1, StringComparison.Ordinal))
            {
                var end = at + token.Length;
                if (startsWithWord && at > 0 && Classify(folded[at - 1]) == CharClass.Word)
                {
                    continue;
                }

                if (endsWithWord && end < folded.Length && Classify(folded[end]) == CharClass.Word)
                {
                    continue;
                }

                Array.Fill(marks, true, at, token.Length);
            }
        }

        return marks;
    }

    private static string Emit(string text, bool[] marks, int start, int end, bool prefix, bool suffix)
    {
        var html = new StringBuilder(end - start + 32);
        if (prefix)
        {
            html.Append('…');
        }

        var open = false;
        for (var i = start; i < end; i++)
        {
            if (marks[i] != open)
            {
                html.Append(open ? "</mark>" : "<mark>");
                open = marks[i];
            }

            html.Append(text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                var c => c.ToString(),
            });
        }

        if (open)
        {
            html.Append("</mark>");
        }

        if (suffix)
        {
            html.Append('…');
        }

        return html.ToString();
    }

    internal static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = result.Length > 0;
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}

/// <summary>
/// What a snippet is made from: the start of a text with its whitespace collapsed as <see cref="SearchText.Snippet(string?, IReadOnlyList{string}, int)"/>
/// does, at most a given number of characters (never half a surrogate pair). <see cref="Complete"/>: this is the whole text.
/// A node's search index keeps this instead of the whole text (ADR 0014); <see cref="SearchText.Snippet(SnippetSource, IReadOnlyList{string}, int)"/>
/// says when it is not enough.
/// </summary>
public sealed record SnippetSource(string Text, bool Complete)
{
    /// <summary>The first <paramref name="maxLength"/> characters of the collapsed text (all of it when shorter).</summary>
    public static SnippetSource Of(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var collapsed = SearchText.Collapse(text ?? "");
        if (collapsed.Length <= maxLength)
        {
            return new SnippetSource(collapsed, true);
        }

        var cut = maxLength > 0 && char.IsHighSurrogate(collapsed[maxLength - 1]) ? maxLength - 1 : maxLength;
        return new SnippetSource(collapsed[..cut], false);
    }
}
