using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.Tests.AnnualReports.Parsing;

public class LabelMatcherTests
{
    [Theory]
    [InlineData("不予公开")]
    [InlineData("（一）不予公开")]
    [InlineData("予以不公开")]
    public void A_label_that_negates_differently_is_not_the_granted_row(string label)
    {
        LabelMatcher.MatchTable3Row(LabelText.Canonical(label)).ShouldBeNull();
    }

    [Fact]
    public void An_unnumbered_group_label_is_the_group()
    {
        LabelMatcher.IsTable3Group(LabelText.Canonical("不予公开")).ShouldBeTrue();
        LabelMatcher.IsTable3Group(LabelText.Canonical("无法提供")).ShouldBeTrue();
        LabelMatcher.IsTable3Group(LabelText.Canonical("予以公开")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("（一）予以公开", Table3Row.Granted, 1.0)]
    [InlineData("予以公开", Table3Row.Granted, 1.0)]
    [InlineData("(一) 予以公开", Table3Row.Granted, 1.0)]
    [InlineData("1.本机关不掌握相关政府信息", Table3Row.UnableNotHeld, 1.0)]
    [InlineData("1.本机关未掌握相关政府信息", Table3Row.UnableNotHeld, 11.0 / 12)]
    [InlineData("本机关不掌握相关政府信息", Table3Row.UnableNotHeld, 1.0)]
    [InlineData("4.无正当理由大量反复申请", Table3Row.NotProcessedExcessive, 1.0)]
    [InlineData("1.申请人无正当理由逾期不补正", Table3Row.OtherNoCorrection, 0.75)]
    [InlineData("（二）部分公开（区分处理的，只计这一情形，", Table3Row.PartiallyGranted, 0.75)]
    public void Rows_are_still_matched_with_their_scores(string label, Table3Row row, double score)
    {
        var match = LabelMatcher.MatchTable3Row(LabelText.Canonical(label)).ShouldNotBeNull();

        match.Row.Row.ShouldBe(row);
        match.Score.ShouldBe(score, 1e-9);
    }
}
