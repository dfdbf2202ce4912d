using Gongkai.Applications;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Applications;

public class LikelyDuplicateTests
{
    private const string Schools = "示范县2023年度义务教育阶段学校名单";

    [Theory]
    [InlineData(Schools, "请公开示范县2023年度义务教育阶段的学校名单", 34, 40)]
    [InlineData(Schools, "示范县2023年度校舍维修项目清单", 16, 34)]
    [InlineData(Schools, "示范县２０２３年度义务教育阶段学校名单。", 1, 1)]
    [InlineData("城关镇李庄村征地补偿安置方案", "李庄村征地补偿安置方案（城关镇）", 24, 26)]
    [InlineData("名单", "", 0, 1)]
    public void Similarity_is_the_dice_coefficient_of_character_pairs(string a, string b, int numerator, int denominator)
    {
        LikelyDuplicate.Similarity(a, b).ShouldBe((double)numerator / denominator, 1e-12);
        LikelyDuplicate.Similarity(b, a).ShouldBe((double)numerator / denominator, 1e-12);
    }

    [Theory]
    [InlineData("11010519491231002X", null, "11010519491231002x", "13900000000", true)]
    [InlineData(null, "138-0013-8000", "110105194912310021", "13800138000", true)]
    [InlineData("110105194912310021", "13800138000", "11010519491231002X", "13900000000", false)]
    [InlineData(null, null, null, null, false)]
    [InlineData("", " ", "", " ", false)]
    public void The_same_applicant_has_the_same_identity_number_or_phone(string? id1, string? phone1, string? id2, string? phone2, bool same)
    {
        LikelyDuplicate.SameApplicant(new(id1, phone1, Day.Of("2024-06-17"), Schools), new(id2, phone2, Day.Of("2024-06-17"), Schools)).ShouldBe(same);
    }

    [Theory]
    [InlineData("2024-03-19", Schools, true)]
    [InlineData("2024-03-18", Schools, false)]
    [InlineData("2024-06-18", Schools, false)]
    [InlineData("2024-06-17", "示范县2023年度校舍维修项目清单", false)]
    [InlineData("2024-05-01", "请公开示范县2023年度义务教育阶段的学校名单", true)]
    public void An_earlier_similar_request_of_the_same_applicant_within_the_window_is_a_likely_duplicate(string earlierOn, string earlierText, bool duplicate)
    {
        var later = new DuplicateCandidate("11010519491231002X", "13800138000", Day.Of("2024-06-17"), Schools);
        var earlier = new DuplicateCandidate(null, "13800138000", Day.Of(earlierOn), earlierText);

        LikelyDuplicate.Is(later, earlier).ShouldBe(duplicate);
    }

    [Fact]
    public void The_window_is_configurable()
    {
        var later = new DuplicateCandidate("11010519491231002X", null, Day.Of("2024-06-17"), Schools);
        var earlier = new DuplicateCandidate("11010519491231002X", null, Day.Of("2024-06-07"), Schools);

        LikelyDuplicate.Is(later, earlier, windowDays: 10).ShouldBeTrue();
        LikelyDuplicate.Is(later, earlier, windowDays: 9).ShouldBeFalse();
    }
}
