using Gongkai.AnnualReports;

namespace Gongkai.Tests.AnnualReports;

public class ReportComparisonTests
{
    [Fact]
    public void A_report_does_not_differ_from_its_copy()
    {
        var report = SampleReports.Complete2021();

        ReportComparison.Differences(report, report.Clone()).ShouldBeEmpty();
    }

    [Fact]
    public void Organization_year_and_format_are_compared_but_the_title_is_not()
    {
        var expected = SampleReports.Complete2021();
        var actual = expected.Clone();
        actual.Title = "另一个标题";
        actual.Organization = "另一机关";
        actual.Year = null;

        ReportComparison.Differences(expected, actual).ShouldBe(
        [
            $"机构名称不同：期望「{SampleReports.Organization}」，实际「另一机关」",
            "年度不同：期望2023，实际（无）",
        ]);
    }

    [Fact]
    public void Reports_in_different_formats_differ_in_format_and_in_the_cells_only_one_of_them_has()
    {
        var expected = SampleReports.Complete2021();
        var actual = expected.Clone();
        actual.Format = ReportFormat.Format2019;

        var differences = ReportComparison.Differences(expected, actual);

        differences[0].ShouldBe("报告格式不同：期望2021年格式，实际2019年格式");
        differences.Count.ShouldBe(1);

        actual.Table2[Table2Field.FeesPrevious2019] = Cell.Of(3);
        ReportComparison.Differences(expected, actual)[1].ShouldBe(
            $"{NationalFormat.Describe(Table2Field.FeesPrevious2019)}（table2.fees.previous）：期望 (缺失)，实际 3");
    }

    [Fact]
    public void Section_text_is_compared_after_trimming_lines_and_dropping_empty_ones()
    {
        var expected = SampleReports.Complete2021();
        var actual = expected.Clone();
        var overview = actual.Section(SectionKey.Overview)!;
        actual.Sections[actual.Sections.IndexOf(overview)] = overview with
        {
            Heading = "一、 总体情况",
            Text = "\n  " + overview.Text.Replace("\n", "\r\n\r\n\t", StringComparison.Ordinal) + "  \n\n",
        };

        ReportComparison.Differences(expected, actual).ShouldBeEmpty();
    }

    [Fact]
    public void Missing_extra_and_changed_sections_are_named_by_their_heading()
    {
        var expected = SampleReports.Complete2021();
        expected.Sections.Remove(expected.Section(SectionKey.Other)!);
        var actual = expected.Clone();
        actual.Sections.Remove(actual.Section(SectionKey.Problems)!);
        actual.Sections.Add(new ReportSection(SectionKey.Other, "六、其他", "补充。"));
        var overview = actual.Section(SectionKey.Overview)!;
        actual.Sections[actual.Sections.IndexOf(overview)] = overview with { Text = "本部分第一段：本年度依法做好相关工作，共计 1 件。\n第二段改了。" };

        ReportComparison.Differences(expected, actual).ShouldBe(
        [
            $"「{NationalFormat.Section(SectionKey.Overview).Heading}」正文不同：第2段期望「第二段写明 A&B <比较> \"引号\" 的处理。」，实际「第二段改了。」",
            $"缺少「{NationalFormat.Section(SectionKey.Problems).Heading}」部分",
            $"多出「{NationalFormat.Section(SectionKey.Other).Heading}」部分",
        ]);
    }

    [Fact]
    public void Cells_differ_by_kind_or_value_but_not_by_source_text_or_location()
    {
        var expected = SampleReports.Complete2021();
        var actual = expected.Clone();
        actual.Table3[Table3Row.TotalProcessed, Table3Column.NaturalPerson] = Cell.Of(98);
        actual.Table3[Table3Row.CarriedOver, Table3Column.Research] = Cell.Parse("");
        actual.Table4[Table4Block.Reconsideration, Table4Column.Upheld] = Cell.Parse("2件", SourceLocation.AtLine(99));
        actual.Table2[Table2Field.Penalty] = Cell.Parse("/");

        ReportComparison.Differences(expected, actual).ShouldBe(
        [
            $"{NationalFormat.Describe(Table2Field.Penalty)}（table2.penalty）：期望 56，实际 /",
            $"{NationalFormat.Describe(ReportFormat.Format2021, Table3Row.CarriedOver, Table3Column.Research)}（table3.carriedOver.research）：期望 0，实际 (空白)",
            $"{NationalFormat.Describe(ReportFormat.Format2021, Table3Row.TotalProcessed, Table3Column.NaturalPerson)}（table3.totalProcessed.naturalPerson）：期望 99，实际 98",
        ]);
    }
}
