namespace Gongkai.Supervision;

/// <summary>
/// One question of the spot-check checklist (抽查检查项). <see cref="Key"/> is stable (stored with each problem);
/// <see cref="Text"/> is what the checker reads, phrased so that "no" is a problem.
/// </summary>
public sealed record ChecklistQuestion(string Key, string Text);

/// <summary>
/// One row of the checklist edit form as typed: an existing question's key (none for a new row), its wording, its
/// position number (blank keeps the row's place) and whether it is retired (停用).
/// </summary>
public sealed record ChecklistEdit(string? Key, string? Text, string? Order, bool Retire);

/// <summary>
/// The checklist of a spot check of published catalogue items, as data. A spot check stores the list it was made with,
/// so changing the list later does not change what earlier checks asked.
/// </summary>
public static class SpotChecklist
{
    /// <summary>The questions of 获嘉县's 自查自纠 and the national 政务公开 checks, in the order a checker works.</summary>
    public static IReadOnlyList<ChecklistQuestion> Default { get; } =
    [
        new("title", "标题、文号与原文一致"),
        new("on-time", "在信息形成或者变更之日起 20 个工作日内公开"),
        new("attachments", "附件能正常打开"),
        new("personal-data", "未公开个人隐私（身份证号、电话、住址等）"),
        new("interpretation", "政策文件已关联解读"),
        new("validity", "已标注有效性（有效、失效、废止）"),
    ];

    /// <summary>The most questions a version may have.</summary>
    public const int MaxQuestions = 20;

    /// <summary>The longest question text.</summary>
    public const int MaxTextLength = 100;

    /// <summary>
    /// The next version of a region's checklist from the edit form's rows: existing questions keep their key when
    /// reworded (so a problem recorded under an earlier wording still names its question), are reordered by their
    /// position number (ties keep the form's order), or retired; rows without a known key and with text are added
    /// with a key from <paramref name="newKey"/>. Blank new rows are empty slots. The Chinese reasons when the form
    /// cannot become a version (nothing changed is one of them), else none.
    /// </summary>
    public static (IReadOnlyList<ChecklistQuestion> Questions, IReadOnlyList<string> Problems) Revise(
        IReadOnlyList<ChecklistQuestion> current, IReadOnlyList<ChecklistEdit> rows, Func<string> newKey)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(newKey);
        var problems = new List<string>();
        var kept = new List<(int Order, int Index, string? Key, string Text)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var key = row.Key is { } k && Find(current, k) is not null && seen.Add(k) ? k : null;
            var text = row.Text?.Trim() ?? "";
            if (row.Retire && key is not null)
            {
                continue;
            }

            if (text.Length == 0)
            {
                if (key is not null)
                {
                    problems.Add($"第 {i + 1} 行的检查项不能为空；不再使用请勾选“停用”。");
                }

                continue;
            }

            if (text.Length > MaxTextLength)
            {
                problems.Add($"第 {i + 1} 行的检查项不超过 {MaxTextLength} 字。");
                continue;
            }

            var order = i + 1;
            if (!string.IsNullOrWhiteSpace(row.Order)
                && (!int.TryParse(row.Order.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out order) || order < 1 || order > 99))
            {
                problems.Add($"第 {i + 1} 行的顺序应为 1 到 99 的整数。");
                continue;
            }

            kept.Add((order, i, key, text));
        }

        foreach (var duplicate in kept.GroupBy(q => q.Text, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"检查项“{duplicate.Key}”重复。");
        }

        if (problems.Count == 0 && kept.Count == 0)
        {
            problems.Add("至少保留一个检查项。");
        }

        if (kept.Count > MaxQuestions)
        {
            problems.Add($"检查项不超过 {MaxQuestions} 项。");
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var questions = kept.OrderBy(q => q.Order).ThenBy(q => q.Index).Select(q => new ChecklistQuestion(q.Key ?? newKey(), q.Text)).ToList();
        return questions.SequenceEqual(current) ? ([], ["检查项没有变化，不需要保存新版本。"]) : (questions, []);
    }

    /// <summary>The question with the key in <paramref name="questions"/>, or null.</summary>
    public static ChecklistQuestion? Find(IReadOnlyList<ChecklistQuestion> questions, string? key)
    {
        ArgumentNullException.ThrowIfNull(questions);
        return questions.FirstOrDefault(q => string.Equals(q.Key, key, StringComparison.Ordinal));
    }
}

/// <summary>
/// The reproducible random sample of a spot check: the same population (in the same order), size and seed always
/// give the same items, on every machine and .NET version, because the generator is written here (SplitMix64) rather
/// than taken from <see cref="Random"/>, whose seeded sequence is not promised across versions.
/// </summary>
public static class SpotCheckSample
{
    /// <summary>The largest sample one check draws.</summary>
    public const int MaxSize = 50;

    /// <summary>
    /// Draws <paramref name="size"/> elements (all of them when the population is smaller) without replacement, by a
    /// partial Fisher–Yates shuffle driven by <paramref name="seed"/>; returned in the order drawn.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1 or above <see cref="MaxSize"/>.</exception>
    public static IReadOnlyList<T> Draw<T>(IReadOnlyList<T> population, int size, int seed)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        var pool = population.ToArray();
        var count = Math.Min(size, pool.Length);
        var state = unchecked((ulong)seed);
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)(Next(ref state) % (ulong)(pool.Length - i));
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..count];
    }

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
