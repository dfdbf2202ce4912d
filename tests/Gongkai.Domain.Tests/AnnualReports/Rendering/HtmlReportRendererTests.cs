using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Tests.AnnualReports.Json;

namespace Gongkai.Tests.AnnualReports.Rendering;

public class HtmlReportRendererTests
{
    [Fact]
    public void The_page_is_a_standalone_chinese_html5_document_with_the_title_and_the_six_headings()
    {
        var html = HtmlReportRenderer.Render(SampleReports.Complete2021());
        var document = Parse(html);

        html.ShouldStartWith("<!DOCTYPE html>");
        document.DocumentElement.GetAttribute("lang").ShouldBe("zh-CN");
        document.QuerySelector("meta[charset]")!.GetAttribute("charset").ShouldBe("utf-8");
        document.Title.ShouldBe(SampleReports.Organization + "2023年" + NationalFormat.TitleSuffix);
        document.QuerySelectorAll("h1").Select(h => h.TextContent).ShouldBe([document.Title]);
        document.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldBe(NationalFormat.Sections.Select(s => s.Heading));
        document.QuerySelector("style")!.TextContent.ShouldContain("size: A4");
        document.QuerySelector("style")!.TextContent.ShouldContain("\"Noto Serif CJK SC\"");
    }

    [Fact]
    public void Section_text_is_one_escaped_paragraph_per_line_and_each_table_follows_its_section_text()
    {
        var html = HtmlReportRenderer.Render(SampleReports.Complete2021());
        var document = Parse(html);

        html.ShouldContain("<p>第二段写明 A&amp;B &lt;比较&gt; &quot;引号&quot; 的处理。</p>");
        var body = document.Body!.Children.ToArray();
        string[] expected =
        [
            "H1",
            "H2", "P", "P",
            "H2", "P", "P", "DIV",
            "H2", "P", "P", "DIV",
            "H2", "P", "P", "DIV",
            "H2", "P", "P",
            "H2", "P", "P",
        ];
        body.Select(e => e.TagName).ShouldBe(expected);
        body[2].TextContent.ShouldBe("本部分第一段：本年度依法做好相关工作，共计 1 件。");
        body[3].TextContent.ShouldBe("第二段写明 A&B <比较> \"引号\" 的处理。");
        body[7].ClassName.ShouldBe("table-scroll");
        body[7].Children.Single().ClassName.ShouldBe("national table2");
        body[11].Children.Single().ClassName.ShouldBe("national table3");
        body[15].Children.Single().ClassName.ShouldBe("national table4");
    }

    [Fact]
    public void Table_2_has_a_header_row_a_content_row_and_data_rows_per_article_item()
    {
        var table = Table(SampleReports.Complete2021(), "table2");

        GridWidths(table).ShouldAllBe(w => w == 4);
        var rows = table.Rows.ToArray();
        rows.Length.ShouldBe(14);
        var blockHeaders = rows.Where(r => r.Cells.Length == 1).ToArray();
        blockHeaders.Select(r => r.Cells[0].TextContent).ShouldBe(NationalFormat.Table2Blocks(ReportFormat.Format2021).Select(b => b.Header));
        blockHeaders.ShouldAllBe(r => r.Cells[0].ColumnSpan == 4);
        rows[1].Cells.Select(c => c.TextContent).ShouldBe(
            [NationalFormat.InformationContent, .. NationalFormat.Table2Blocks(ReportFormat.Format2021)[0].ColumnLabels]);
        rows[2].Cells.Select(c => c.TextContent).ShouldBe([NationalFormat.Table2Blocks(ReportFormat.Format2021)[0].Rows[0].Label, "2", "1", "15"]);
        rows[5].Cells.Select(c => (c.TextContent, c.ColumnSpan)).ShouldBe(
            [(NationalFormat.InformationContent, 1), (NationalFormat.Table2Blocks(ReportFormat.Format2021)[1].ColumnLabels[0], 3)]);
        var fees = table.QuerySelector("[data-path='table2.feesWanYuan']")!;
        fees.TextContent.ShouldBe("110.139");
        ((IHtmlTableCellElement)fees).ColumnSpan.ShouldBe(3);
    }

    [Fact]
    public void Table_2_of_the_2019_format_has_five_items_and_spreads_two_values_over_three_columns()
    {
        var table = Table(SampleReports.Complete2019(), "table2");

        GridWidths(table).ShouldAllBe(w => w == 4);
        table.Rows.Count(r => r.Cells.Length == 1).ShouldBe(5);
        table.QuerySelector("[data-path='table2.licensing.change']")!.TextContent.ShouldBe("-8");
        var amount = (IHtmlTableCellElement)table.QuerySelector("[data-path='table2.procurement.amountWanYuan']")!;
        (amount.TextContent, amount.ColumnSpan).ShouldBe(("356.25", 2));
    }

    [Fact]
    public void Table_3_has_the_three_row_header_and_the_merged_labels_of_the_national_format()
    {
        var table = Table(SampleReports.Complete2021(), "table3");

        GridWidths(table).ShouldAllBe(w => w == 10);
        var header = table.Head!.Rows.ToArray();
        header.Length.ShouldBe(3);
        header[0].Cells.Select(Span).ShouldBe([(NationalFormat.Table3Note, 3, 3), (NationalFormat.ApplicantGroup, 1, 7)]);
        header[1].Cells.Select(Span).ShouldBe(
        [
            (NationalFormat.Table3ColumnLabels[0], 2, 1),
            (NationalFormat.LegalPersonGroup, 1, 5),
            (NationalFormat.Table3ColumnLabels[6], 2, 1),
        ]);
        header[2].Cells.Select(c => c.TextContent).ShouldBe(NationalFormat.Table3ColumnLabels.Skip(1).Take(5));

        var body = table.Bodies.Single().Rows.ToArray();
        body.Length.ShouldBe(25);
        Span(body[0].Cells[0]).ShouldBe((NationalFormat.Table3Rows(ReportFormat.Format2021)[0].Label, 1, 3));
        Span(body[2].Cells[0]).ShouldBe((NationalFormat.OutcomeGroup, 22, 1));
        Span(body[2].Cells[1]).ShouldBe((Label(Table3Row.Granted), 1, 2));
        Span(body[4].Cells[0]).ShouldBe((Group(Table3Row.WithheldStateSecret), 8, 1));
        Span(body[12].Cells[0]).ShouldBe((Group(Table3Row.UnableNotHeld), 3, 1));
        Span(body[15].Cells[0]).ShouldBe((Group(Table3Row.NotProcessedDuplicate), 5, 1));
        Span(body[20].Cells[0]).ShouldBe((Group(Table3Row.OtherOther), 3, 1));
        body[21].Cells.Length.ShouldBe(8);

        var total = body[23];
        Span(total.Cells[0]).ShouldBe((Label(Table3Row.TotalProcessed), 1, 2));
        var totalCell = total.Cells[^1];
        totalCell.TextContent.ShouldBe("140");
        totalCell.GetAttribute("data-path").ShouldBe("table3.totalProcessed.total");
        Span(body[24].Cells[0]).ShouldBe((Label(Table3Row.CarriedForward), 1, 3));
    }

    [Fact]
    public void Table_3_of_the_2019_format_has_a_single_other_disposal_row_and_twenty_outcome_rows()
    {
        var table = Table(SampleReports.Complete2019(), "table3");

        GridWidths(table).ShouldAllBe(w => w == 10);
        var body = table.Bodies.Single().Rows.ToArray();
        body.Length.ShouldBe(23);
        Span(body[2].Cells[0]).ShouldBe((NationalFormat.OutcomeGroup, 20, 1));
        Span(body[20].Cells[0]).ShouldBe((Label(Table3Row.OtherOther, ReportFormat.Format2019), 1, 2));
        body[20].Cells[^1].GetAttribute("data-path").ShouldBe("table3.otherDisposal.total");
        body[20].Cells[^1].TextContent.ShouldBe("8");
    }

    [Fact]
    public void Table_4_has_the_three_row_header_and_one_row_of_fifteen_values()
    {
        var table = Table(SampleReports.Complete2021(), "table4");

        GridWidths(table).ShouldAllBe(w => w == 15);
        var header = table.Head!.Rows.ToArray();
        header.Length.ShouldBe(3);
        header[0].Cells.Select(Span).ShouldBe([(NationalFormat.Reconsideration, 1, 5), (NationalFormat.Litigation, 1, 10)]);
        header[1].Cells.Select(Span).ShouldBe(
        [
            .. NationalFormat.Table4ColumnLabels.Select(l => (l, 2, 1)),
            (NationalFormat.Table4BlockLabels[1], 1, 5),
            (NationalFormat.Table4BlockLabels[2], 1, 5),
        ]);
        header[2].Cells.Select(c => c.TextContent).ShouldBe([.. NationalFormat.Table4ColumnLabels, .. NationalFormat.Table4ColumnLabels]);
        var values = table.Bodies.Single().Rows.Single().Cells;
        values.Select(c => c.TextContent).ShouldBe(["2", "1", "0", "1", "4", "1", "0", "1", "0", "2", "0", "1", "0", "1", "2"]);
        values[5].GetAttribute("data-path").ShouldBe("table4.litigationDirect.upheld");
    }

    [Fact]
    public void Every_cell_of_the_format_has_one_value_cell_with_its_path_in_print_order()
    {
        foreach (var report in new[] { SampleReports.Complete2021(), SampleReports.Complete2019() })
        {
            var document = Parse(HtmlReportRenderer.Render(report));

            var paths = document.QuerySelectorAll("td[data-path]").Select(c => c.GetAttribute("data-path"));

            paths.ShouldBe(FormatCell.All(report.Format).Select(c => c.Path));
        }
    }

    [Fact]
    public void Cells_without_numbers_print_what_the_source_wrote_and_missing_cells_print_nothing()
    {
        var report = ReportJsonTests.WithEveryKindOfCell(SampleReports.Complete2021());
        report.Table3[Table3Row.Granted, Table3Column.Commercial] = Cell.Parse("<b>见表</b>");

        var html = HtmlReportRenderer.Render(report);
        var document = Parse(html);

        string Text(string path) => document.QuerySelector($"[data-path='{path}']")!.TextContent;
        Text("table2.regulations.issued").ShouldBe("");
        Text("table2.regulations.repealed").ShouldBe("—");
        Text("table2.regulations.inForce").ShouldBe("见附件");
        Text("table2.normativeDocuments.issued").ShouldBe("");
        Text("table3.granted.research").ShouldBe("/");
        Text("table3.unableToProvide.notHeld.legalService").ShouldBe("2");
        Text("table3.carriedForward.total").ShouldBe("");
        Text("table4.reconsideration.total").ShouldBe("4.0");
        Text("table3.granted.commercial").ShouldBe("<b>见表</b>");
        html.ShouldContain("&lt;b&gt;见表&lt;/b&gt;");
    }

    [Fact]
    public void Sections_and_tables_the_report_does_not_have_are_left_out()
    {
        var report = new AnnualReport { Organization = "某县统计局", Year = 2024 };
        report.Sections.Add(new ReportSection(SectionKey.Other, "六、其他", "无。"));
        report.Table4[Table4Block.Reconsideration, Table4Column.Total] = Cell.Of(0);

        var document = Parse(HtmlReportRenderer.Render(report));

        document.QuerySelector("h1")!.TextContent.ShouldBe(NationalFormat.Title("某县统计局", 2024));
        document.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldBe(
            [NationalFormat.Section(SectionKey.ReviewAndLitigation).Heading, NationalFormat.Section(SectionKey.Other).Heading]);
        document.QuerySelectorAll("table").Select(t => t.ClassName).ShouldBe(["national table4"]);
    }

    [Fact]
    public void The_body_of_the_document_is_the_body_fragment_and_each_table_in_it_is_the_table_fragment()
    {
        foreach (var report in new[] { SampleReports.Complete2021(), SampleReports.Complete2019() })
        {
            var html = HtmlReportRenderer.Render(report);
            var body = HtmlReportRenderer.RenderBody(report);

            html.ShouldContain("<body>\n" + body + "</body>");
            foreach (var table in Enum.GetValues<ReportTable>())
            {
                var fragment = HtmlReportRenderer.RenderTable(report, table);
                fragment.ShouldStartWith($"<div class=\"table-scroll\"><table class=\"national table{(int)table}\" id=\"table{(int)table}\">");
                body.ShouldContain(fragment);
            }
        }
    }

    [Fact]
    public void Headers_are_th_with_their_scope_and_value_cells_are_td_num_with_their_id()
    {
        var table = Table(SampleReports.Complete2021(), "table3");

        var head = table.Head!.Rows.ToArray();
        head[0].Cells.Select(c => c.OuterHtml[..c.OuterHtml.IndexOf('>', StringComparison.Ordinal)]).ShouldBe(
            ["<th class=\"note\" rowspan=\"3\" colspan=\"3\"", "<th scope=\"colgroup\" colspan=\"7\""]);
        head[2].Cells.ShouldAllBe(c => c.TagName == "TH" && c.GetAttribute("scope") == "col");
        var granted = table.Bodies.Single().Rows[2].Cells;
        (granted[0].ClassName, granted[0].GetAttribute("scope")).ShouldBe(("label", "rowgroup"));
        (granted[1].ClassName, granted[1].GetAttribute("scope")).ShouldBe(("label", "row"));
        granted[2].OuterHtml.ShouldBe("<td id=\"cell-table3.granted.naturalPerson\" data-path=\"table3.granted.naturalPerson\" class=\"num\">40</td>");
    }

    [Fact]
    public void A_page_adds_flags_with_their_messages_and_links_from_cells_with_text()
    {
        var report = SampleReports.Complete2021();
        var marks = new HtmlTableMarks
        {
            Flags = new Dictionary<string, CellFlag> { ["table4.reconsideration.total"] = new(Gongkai.AnnualReports.Validation.Severity.Error, ["合计不等于各项之和", "第二条 <b>"]) },
            Link = path => path.StartsWith("table4.reconsideration.", StringComparison.Ordinal) ? "/cases?cell=" + path + "&a=1" : null,
        };

        var html = HtmlReportRenderer.RenderTable(report, ReportTable.Table4, marks);

        html.ShouldContain("<td id=\"cell-table4.reconsideration.total\" data-path=\"table4.reconsideration.total\" class=\"num flag-error\" " +
            "title=\"合计不等于各项之和&#xA;第二条 &lt;b&gt;\"><a href=\"/cases?cell=table4.reconsideration.total&amp;a=1\">4</a>" +
            "<span class=\"flag-mark\" aria-label=\"错误\">✖</span></td>");
        html.ShouldContain("<td id=\"cell-table4.litigationDirect.upheld\" data-path=\"table4.litigationDirect.upheld\" class=\"num\">1</td>");
        HtmlReportRenderer.RenderTable(report, ReportTable.Table4).ShouldNotContain("<a ");
    }

    internal static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static IHtmlTableElement Table(AnnualReport report, string className) =>
        (IHtmlTableElement)Parse(HtmlReportRenderer.Render(report)).QuerySelector("table." + className)!;

    private static string Label(Table3Row row, ReportFormat format = ReportFormat.Format2021) =>
        NationalFormat.Table3RowDefinition(format, row)!.Label;

    private static string Group(Table3Row row) => NationalFormat.Table3RowDefinition(ReportFormat.Format2021, row)!.Group!;

    private static (string Text, int RowSpan, int ColumnSpan) Span(IHtmlTableCellElement cell) =>
        (cell.TextContent, cell.RowSpan, cell.ColumnSpan);

    /// <summary>How many grid columns each row covers, counting cells that reach down into it from rows above.</summary>
    private static List<int> GridWidths(IHtmlTableElement table)
    {
        var widths = new List<int>();
        var reaching = new List<(int Until, int Columns)>();
        var rows = table.Rows.ToArray();
        for (var r = 0; r < rows.Length; r++)
        {
            var width = reaching.Where(x => x.Until >= r).Sum(x => x.Columns);
            foreach (var cell in rows[r].Cells)
            {
                width += cell.ColumnSpan;
                if (cell.RowSpan > 1)
                {
                    reaching.Add((r + cell.RowSpan - 1, cell.ColumnSpan));
                }
            }

            widths.Add(width);
        }

        return widths;
    }
}
