using Gongkai.Catalog;

namespace Gongkai.Interaction;

/// <summary>Where an answer of 智能问答 comes from.</summary>
public enum AnswerSourceKind
{
    /// <summary>A published catalogue item (a document, notice or announcement).</summary>
    CatalogItem = 1,

    /// <summary>政策解读.</summary>
    Interpretation = 2,

    /// <summary>A published reply to a message (留言).</summary>
    MessageReply = 3,

    /// <summary>A question and answer curated by staff (常见问题).</summary>
    Faq = 4,
}

/// <summary>A text an answer may quote: what it is, its title, its text, its date and its validity on the day asked.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Id">Its id (the catalogue item, the message, the FAQ entry).</param>
/// <param name="Title">Its title (for a FAQ entry, the question).</param>
/// <param name="Text">Its text (the body, the reply, the answer).</param>
/// <param name="Date">Its date (published, replied), or null.</param>
/// <param name="Validity">Its validity on the day of the question: only normative documents and rules are ever other than 有效.</param>
public sealed record AnswerSource(AnswerSourceKind Kind, Guid Id, string Title, string Text, DateOnly? Date, Validity Validity);

/// <summary>One answer: the source, the passage quoted from it, and its score (higher is better).</summary>
public sealed record PolicyAnswer(AnswerSource Source, string Passage, double Score)
{
    /// <summary>True when the source is not in force (失效, 废止, 尚未施行): it is shown so, never as current.</summary>
    public bool NotInForce => Source.Validity != Validity.Valid;
}

/// <summary>
/// 智能问答 without a language model: the question is cut into the catalogue search's tokens (bigrams of Chinese
/// characters, words), function-word bigrams dropped; each source is scored by the weight (inverse document frequency
/// over the sources) of the question's tokens in its title, counted 1.5 times, and in its best passage; a source that
/// covers less than <see cref="MinimumCoverage"/> of the question's weight is not an answer. Sources not in force are
/// halved, so a current document ranks before an expired one on the same question, and are marked. None found is
/// an honest "未找到".
/// </summary>
public static class PolicyAnswers
{
    public const int MaxQuestionLength = 200;

    public const int DefaultTake = 3;

    /// <summary>The share of the question's weight a source must contain to be offered as an answer.</summary>
    public const double MinimumCoverage = 0.35;

    /// <summary>The longest passage quoted, in characters.</summary>
    public const int MaxPassageLength = 160;

    // Question words and fillers, longest first: they say how something is asked, not what about. They are cut out of
    // the question (replaced by a space, so no token straddles them) before it is tokenised.
    private static readonly string[] FunctionWords =
    [
        "什么时候", "有没有", "能不能", "怎么样", "怎么办", "在哪里", "有哪些", "问一下", "请问", "一下", "怎么", "怎样", "什么", "哪些",
        "哪里", "在哪", "如何", "是否", "可以", "需要", "我们", "我的", "我家", "没有", "多少", "今年", "去年", "县里", "吗", "呢", "了",
        "是", "的",
    ];

    /// <summary>The question's tokens that carry meaning (bigrams and words, as the catalogue search cuts them), in order.</summary>
    public static IReadOnlyList<string> Terms(string? question)
    {
        var text = question ?? "";
        foreach (var word in FunctionWords)
        {
            text = text.Replace(word, " ", StringComparison.Ordinal);
        }

        return [.. SearchText.DocumentTokens(text).Where(t => t.Length >= 2)];
    }

    /// <summary>The best <paramref name="take"/> answers, best first (newer first on equal scores); empty when none is good enough.</summary>
    public static IReadOnlyList<PolicyAnswer> Ask(string? question, IReadOnlyList<AnswerSource> sources, int take = DefaultTake)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var terms = Terms(question);
        if (terms.Count == 0 || sources.Count == 0)
        {
            return [];
        }

        var tokens = sources.Select(s => new HashSet<string>(SearchText.DocumentTokens(s.Title + "\n" + s.Text), StringComparer.Ordinal)).ToList();
        var weight = terms.ToDictionary(t => t, t => Math.Log(1 + ((double)sources.Count / (1 + tokens.Count(d => d.Contains(t))))), StringComparer.Ordinal);
        var total = weight.Values.Sum();
        var answers = new List<PolicyAnswer>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var covered = terms.Where(tokens[i].Contains).Sum(t => weight[t]) / total;
            if (covered < MinimumCoverage)
            {
                continue;
            }

            var title = new HashSet<string>(SearchText.DocumentTokens(source.Title), StringComparer.Ordinal);
            var titleScore = terms.Where(title.Contains).Sum(t => weight[t]);
            var best = Passages(source.Text)
                .Select(p => (Text: p, Score: terms.Where(new HashSet<string>(SearchText.DocumentTokens(p), StringComparer.Ordinal).Contains).Sum(t => weight[t])))
                .DefaultIfEmpty((Text: Clip(source.Text), Score: 0d))
                .MaxBy(p => p.Score);
            var score = ((1.5 * titleScore) + best.Score) / total;
            answers.Add(new PolicyAnswer(source, best.Text, source.Validity == Validity.Valid ? score : score / 2));
        }

        return [.. answers.OrderByDescending(a => a.Score).ThenByDescending(a => a.Source.Date).Take(take)];
    }

    /// <summary>The text cut into passages: paragraphs, and long paragraphs into runs of whole sentences of at most <see cref="MaxPassageLength"/> characters.</summary>
    public static IReadOnlyList<string> Passages(string? text)
    {
        var passages = new List<string>();
        foreach (var paragraph in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var current = "";
            foreach (var sentence in Sentences(paragraph))
            {
                if (current.Length > 0 && current.Length + sentence.Length > MaxPassageLength)
                {
                    passages.Add(Clip(current));
                    current = "";
                }

                current += sentence;
            }

            if (current.Length > 0)
            {
                passages.Add(Clip(current));
            }
        }

        return passages;
    }

    private static IEnumerable<string> Sentences(string paragraph)
    {
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            if (paragraph[i] is '。' or '！' or '？' or '；')
            {
                yield return paragraph[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < paragraph.Length)
        {
            yield return paragraph[start..];
        }
    }

    private static string Clip(string text) => text.Length <= MaxPassageLength ? text : text[..(MaxPassageLength - 1)] + "…";
}
