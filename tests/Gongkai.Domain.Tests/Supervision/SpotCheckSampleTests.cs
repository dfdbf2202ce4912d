using Gongkai.Supervision;

namespace Gongkai.Tests.Supervision;

public class SpotCheckSampleTests
{
    private static readonly int[] Twenty = [.. Enumerable.Range(1, 20)];

    [Fact]
    public void The_sample_of_a_seed_is_fixed_on_every_machine_and_version()
    {
        // Pinned: SplitMix64 from the seed, partial Fisher–Yates; a change here changes every recorded check's sample.
        SpotCheckSample.Draw(Twenty, 5, 42).ShouldBe([14, 17, 3, 9, 7]);
        SpotCheckSample.Draw(Twenty, 5, 43).ShouldBe([1, 20, 18, 9, 2]);
        SpotCheckSample.Draw(Twenty, 5, -7).ShouldBe([13, 20, 14, 18, 6]);
    }

    [Fact]
    public void The_same_seed_draws_the_same_items_and_no_item_twice()
    {
        var first = SpotCheckSample.Draw(Twenty, 20, 20261204);
        SpotCheckSample.Draw(Twenty, 20, 20261204).ShouldBe(first);
        first.Order().ToArray().ShouldBe(Twenty, "a sample of the whole population is every item once");
        SpotCheckSample.Draw(Twenty, 10, 20261204).ToArray().ShouldBe(first.Take(10).ToArray(), "a smaller sample is the start of a larger one");
    }

    [Fact]
    public void A_population_smaller_than_the_size_is_taken_whole_and_sizes_outside_1_to_50_are_refused()
    {
        SpotCheckSample.Draw([1, 2, 3], 5, 42).ShouldBe([2, 3, 1]);
        SpotCheckSample.Draw(Array.Empty<int>(), 5, 42).ShouldBeEmpty();
        Should.Throw<ArgumentOutOfRangeException>(() => SpotCheckSample.Draw(Twenty, 0, 42));
        Should.Throw<ArgumentOutOfRangeException>(() => SpotCheckSample.Draw(Twenty, SpotCheckSample.MaxSize + 1, 42));
    }

    [Fact]
    public void The_checklist_is_the_six_questions_of_the_issue_with_stable_keys()
    {
        SpotChecklist.Default.Select(q => q.Key).ShouldBe(["title", "on-time", "attachments", "personal-data", "interpretation", "validity"]);
        SpotChecklist.Find(SpotChecklist.Default, "validity")!.Text.ShouldBe("已标注有效性（有效、失效、废止）");
        SpotChecklist.Find(SpotChecklist.Default, "nonexistent").ShouldBeNull();
    }
}
