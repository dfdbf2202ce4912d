using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

public class NarrativeTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("124", 124)]
    [InlineData("零", 0)]
    [InlineData("〇", 0)]
    [InlineData("一", 1)]
    [InlineData("两", 2)]
    [InlineData("九", 9)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十", 20)]
    [InlineData("五十四", 54)]
    [InlineData("九十九", 99)]
    public void Counts_are_read_in_digits_and_chinese_numerals(string text, int expected)
    {
        NarrativeText.ParseNumber(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("一二")]
    [InlineData("十十")]
    [InlineData("零十")]
    [InlineData("二十二十")]
    public void Anything_else_is_not_a_count(string text)
    {
        NarrativeText.ParseNumber(text).ShouldBeNull();
    }

    [Fact]
    public void Lines_are_normalized_and_located_after_the_heading()
    {
        var report = new AnnualReport();
        report.Sections.Add(new ReportSection(SectionKey.Overview, "一、总体情况", "\n共收到申请 1 件，\r\n\n　全部答复。", SourceLocation.AtLine(7)));
        report.Sections.Add(new ReportSection(SectionKey.Other, "六、其他需要报告的事项", "无", new SourceLocation(Table: 4, Row: 1, Cell: 1)));

        var lines = NarrativeText.Of(report);

        lines.ShouldBe(
        [
            new NarrativeLine(SectionKey.Overview, "共收到申请1件,", new SourceLocation(Line: 9)),
            new NarrativeLine(SectionKey.Overview, "全部答复。", new SourceLocation(Line: 11)),
            new NarrativeLine(SectionKey.Other, "无", new SourceLocation(Table: 4, Row: 1, Cell: 1)),
        ]);
    }
}
