namespace Gongkai.Supervision;

/// <summary>
/// One question of the spot-check checklist (抽查检查项). <see cref="Key"/> is stable (stored with each problem);
/// <see cref="Text"/> is what the checker reads, phrased so that "no" is a problem.
/// </summary>
public sealed record ChecklistQuestion(string Key, string Text);

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
