using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Rendering;

namespace Gongkai.Tests.AnnualReports.Rendering;

public class MarkdownReportRendererTests
{
    [Fact]
    public void The_title_and_the_six_headings_are_markdown_headings_with_the_text_as_paragraphs()
    {
        var lines = Lines(SampleReports.Complete2021());

        lines[0].ShouldBe("# " + SampleReports.Organization + "2023年" + NationalFormat.TitleSuffix);
        lines[1].ShouldBe("");
        lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ShouldBe(NationalFormat.Sections.Select(s => "## " + s.Heading));
        var overview = lines.IndexOf("## " + NationalFormat.Section(SectionKey.Overview).Heading);
        lines.Skip(overview + 1).Take(5).ShouldBe(
        [
            "",
            "本部分第一段：本年度依法做好相关工作，共计 1 件。",
            "",
            "第二段写明 A&B <比较> \"引号\" 的处理。",
            "",
        ]);
    }

    [Fact]
    public void Table_2_is_one_pipe_table_per_article_item_after_the_section_text()
    {
        var lines = Lines(SampleReports.Complete2021());
        var blocks = NationalFormat.Table2Blocks(ReportFormat.Format2021);

        var start = lines.IndexOf($"| {blocks[0].Header} | | | |");
        lines[start - 2].ShouldBe("第二段写明 A&B <比较> \"引号\" 的处理。");
        lines.Skip(start).Take(6).ShouldBe(
        [
            $"| {blocks[0].Header} | | | |",
            "| --- | --- | --- | --- |",
            $"| {NationalFormat.InformationContent} | {string.Join(" | ", blocks[0].ColumnLabels)} |",
            $"| {blocks[0].Rows[0].Label} | 2 | 1 | 15 |",
            $"| {blocks[0].Rows[1].Label} | 11 | 3 | 119 |",
            "",
        ]);
        var fees = lines.IndexOf($"| {blocks[3].Header} | | | |");
        lines.Skip(fees).Take(4).ShouldBe(
        [
            $"| {blocks[3].Header} | | | |",
            "| --- | --- | --- | --- |",
            $"| {NationalFormat.InformationContent} | {blocks[3].ColumnLabels[0]} | | |",
            $"| {blocks[3].Rows[0].Label} | 110.139 | | |",
        ]);
        lines.Count(l => l == "| --- | --- | --- | --- |").ShouldBe(4);
    }

    [Fact]
    public void Table_3_has_three_label_columns_three_header_rows_and_group_labels_in_the_first_row_of_their_group()
    {
        var lines = Lines(SampleReports.Complete2021());
        var columns = NationalFormat.Table3ColumnLabels;

        var start = lines.IndexOf($"| {NationalFormat.Table3Note} | | | {NationalFormat.ApplicantGroup} | | | | | | |");
        lines.Skip(start + 1).Take(3).ShouldBe(
        [
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            $"| | | | {columns[0]} | {NationalFormat.LegalPersonGroup} | | | | | {columns[6]} |",
            $"| | | | | {string.Join(" | ", columns.Skip(1).Take(5))} | |",
        ]);
        lines.ShouldContain($"| {Label(Table3Row.NewReceived)} | | | 101 | 25 | 1 | 4 | 8 | 3 | 142 |");
        lines.ShouldContain($"| {NationalFormat.OutcomeGroup} | {Label(Table3Row.Granted)} | | 40 | 12 | 1 | 2 | 3 | 1 | 59 |");
        lines.ShouldContain($"| | {Group(Table3Row.WithheldStateSecret)} | {Label(Table3Row.WithheldStateSecret)} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |");
        lines.ShouldContain($"| | | {Label(Table3Row.WithheldProhibitedByLaw)} | 0 | 1 | 0 | 0 | 0 | 0 | 1 |");
        lines.ShouldContain($"| | {Group(Table3Row.OtherOther)} | {Label(Table3Row.OtherNoCorrection)} | 3 | 1 | 0 | 0 | 0 | 0 | 4 |");
        lines.ShouldContain($"| | {Label(Table3Row.TotalProcessed)} | | 99 | 26 | 1 | 3 | 8 | 3 | 140 |");
        lines.ShouldContain($"| {Label(Table3Row.CarriedForward)} | | | 7 | 1 | 0 | 1 | 0 | 0 | 9 |");
        lines.Skip(start).TakeWhile(l => l.Length > 0).Count().ShouldBe(2 + 2 + 25);
    }

    [Fact]
    public void Table_3_of_the_2019_format_writes_other_disposal_as_one_row()
    {
        var lines = Lines(SampleReports.Complete2019());

        lines.ShouldContain($"| | {Label(Table3Row.OtherOther, ReportFormat.Format2019)} | | 6 | 1 | 0 | 0 | 1 | 0 | 8 |");
        lines.ShouldNotContain(l => l.Contains(Label(Table3Row.OtherNoCorrection), StringComparison.Ordinal));
    }

    [Fact]
    public void Table_4_has_its_three_header_rows_and_the_fifteen_values()
    {
        var lines = Lines(SampleReports.Complete2021());
        var columns = string.Join(" | ", NationalFormat.Table4ColumnLabels);

        var start = lines.IndexOf($"| {NationalFormat.Reconsideration} | | | | | {NationalFormat.Litigation} | | | | | | | | | |");
        lines.Skip(start + 1).Take(5).ShouldBe(
        [
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            $"| {columns} | {NationalFormat.Table4BlockLabels[1]} | | | | | {NationalFormat.Table4BlockLabels[2]} | | | | |",
            $"| | | | | | {columns} | {columns} |",
            "| 2 | 1 | 0 | 1 | 4 | 1 | 0 | 1 | 0 | 2 | 0 | 1 | 0 | 1 | 2 |",
            "",
        ]);
    }

    [Fact]
    public void Cell_text_escapes_pipes_and_keeps_what_the_source_wrote()
    {
        var report = SampleReports.Complete2021();
        report.Table4[Table4Block.Reconsideration, Table4Column.Upheld] = Cell.Parse("见|附件");
        report.Table4[Table4Block.Reconsideration, Table4Column.Corrected] = Cell.Parse("/");
        report.Table4[Table4Block.Reconsideration, Table4Column.Other] = Cell.Missing;

        var lines = Lines(report);

        lines.ShouldContain("| 见\\|附件 | / | | 1 | 4 | 1 | 0 | 1 | 0 | 2 | 0 | 1 | 0 | 1 | 2 |");
    }

    [Fact]
    public void Every_table_row_has_as_many_cells_as_its_table_has_columns()
    {
        foreach (var report in new[] { SampleReports.Complete2021(), SampleReports.Complete2019() })
        {
            var tables = string.Join('\n', Lines(report)).Split("\n\n").Where(b => b.StartsWith('|')).ToArray();

            tables.Length.ShouldBe(NationalFormat.Table2Blocks(report.Format).Count + 2);
            foreach (var table in tables)
            {
                var widths = table.Split('\n').Select(l => l.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|') - 1);
                widths.Distinct().Count().ShouldBe(1, table);
            }
        }
    }

    private static List<string> Lines(AnnualReport report) => [.. MarkdownReportRenderer.Render(report).Split('\n')];

    private static string Label(Table3Row row, ReportFormat format = ReportFormat.Format2021) =>
        NationalFormat.Table3RowDefinition(format, row)!.Label;

    private static string Group(Table3Row row) => NationalFormat.Table3RowDefinition(ReportFormat.Format2021, row)!.Group!;
}
