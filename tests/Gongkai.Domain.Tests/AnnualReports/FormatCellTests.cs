using Gongkai.AnnualReports;

namespace Gongkai.Tests.AnnualReports;

public class FormatCellTests
{
    [Theory]
    [InlineData(ReportFormat.Format2021)]
    [InlineData(ReportFormat.Format2019)]
    public void Every_cell_has_a_chinese_heading_unique_within_its_format(ReportFormat format)
    {
        var headings = FormatCell.All(format).Select(c => c.Heading).ToArray();

        headings.Distinct(StringComparer.Ordinal).Count().ShouldBe(headings.Length);
        headings.ShouldAllBe(h => !h.Any(char.IsAsciiLetter));
    }

    [Fact]
    public void A_table_2_heading_names_the_article_item_and_the_others_are_the_description()
    {
        var cells = FormatCell.All(ReportFormat.Format2021);

        cells.Single(c => c.Field == Table2Field.RegulationsIssued).Heading.ShouldBe("表二「第二十条第（一）项 规章」本年制发件数");
        cells.Single(c => c.Field == Table2Field.Licensing).Heading.ShouldBe("表二「第二十条第（五）项 行政许可」本年处理决定数量");
        var total = cells.Single(c => c.Path == "table3.newReceived.total");
        total.Heading.ShouldBe(total.Description);
        total.Heading.ShouldBe("表三「一、本年新收政府信息公开申请数量」总计");
        cells.Single(c => c.Path == "table4.reconsideration.upheld").Heading.ShouldBe(
            "表四「" + NationalFormat.Reconsideration + "」" + NationalFormat.Table4ColumnLabels[0]);
    }
}
