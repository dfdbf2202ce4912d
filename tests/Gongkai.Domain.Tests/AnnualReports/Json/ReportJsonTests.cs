using System.Text.Json;
using System.Text.Json.Nodes;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.Tests.AnnualReports.Json;

public class ReportJsonTests
{
    [Fact]
    public void A_2021_report_with_every_kind_of_cell_survives_the_round_trip_with_its_provenance()
    {
        var report = WithEveryKindOfCell(SampleReports.Complete2021());

        var restored = ReportJson.Deserialize(ReportJson.Serialize(report));

        ReportComparison.Differences(report, restored).ShouldBeEmpty();
        ShouldHaveSameProvenance(report, restored);
        restored.Title.ShouldBe(report.Title);
        restored.Sections.Select(s => (s.Key, s.Heading, s.Text)).ShouldBe(report.Sections.Select(s => (s.Key, s.Heading, s.Text)));
    }

    [Fact]
    public void A_2019_report_with_every_kind_of_cell_survives_the_round_trip_with_its_provenance()
    {
        var report = WithEveryKindOfCell(SampleReports.Complete2019());

        var restored = ReportJson.Deserialize(ReportJson.Serialize(report));

        ReportComparison.Differences(report, restored).ShouldBeEmpty();
        ShouldHaveSameProvenance(report, restored);
        restored.Format.ShouldBe(ReportFormat.Format2019);
        restored.Table3[Table3Row.OtherOther, Table3Column.Total].Value.ShouldBe(8);
        restored.Table3[Table3Row.OtherNoCorrection, Table3Column.Total].ShouldBe(Cell.Missing);
    }

    [Fact]
    public void The_2021_form_has_exactly_the_contract_keys_and_values()
    {
        using var document = JsonDocument.Parse(ReportJson.Serialize(SampleReports.Complete2021()));
        var root = document.RootElement;

        Keys(root).ShouldBe(["schema", "title", "organization", "year", "format", "sections", "table2", "table3", "table4", "cells"]);
        root.GetProperty("schema").GetString().ShouldBe("gongkai-annual-report/v1");
        root.GetProperty("title").GetString().ShouldBe(SampleReports.Organization + "2023年" + NationalFormat.TitleSuffix);
        root.GetProperty("organization").GetString().ShouldBe(SampleReports.Organization);
        root.GetProperty("year").GetInt32().ShouldBe(2023);
        root.GetProperty("format").GetString().ShouldBe("2021");
        Keys(root.GetProperty("sections")).ShouldBe(["overview", "proactiveDisclosure", "applications", "reviewAndLitigation", "problems", "other"]);
        root.GetProperty("sections").GetProperty("problems").GetString().ShouldBe(SampleReports.SectionText(SectionKey.Problems));

        var table2 = root.GetProperty("table2");
        Keys(table2).ShouldBe(["regulations", "normativeDocuments", "licensing", "penalty", "enforcement", "feesWanYuan"]);
        Keys(table2.GetProperty("regulations")).ShouldBe(["issued", "repealed", "inForce"]);
        Keys(table2.GetProperty("normativeDocuments")).ShouldBe(["issued", "repealed", "inForce"]);
        table2.GetProperty("normativeDocuments").GetProperty("inForce").GetInt32().ShouldBe(119);
        table2.GetProperty("licensing").GetInt32().ShouldBe(1234);
        table2.GetProperty("feesWanYuan").GetRawText().ShouldBe("110.139");

        var table3 = root.GetProperty("table3");
        Keys(table3).ShouldBe(
        [
            "newReceived", "carriedOver", "granted", "partiallyGranted", "withheld", "unableToProvide", "notProcessed",
            "otherDisposal", "totalProcessed", "carriedForward",
        ]);
        Keys(table3.GetProperty("newReceived")).ShouldBe(
            ["naturalPerson", "commercial", "research", "publicInterest", "legalService", "other", "total"]);
        Keys(table3.GetProperty("withheld")).ShouldBe(
        [
            "stateSecret", "prohibitedByLaw", "threeSecurityOneStability", "thirdPartyRights", "internalAffairs",
            "processInformation", "enforcementCaseFiles", "administrativeQuery",
        ]);
        Keys(table3.GetProperty("unableToProvide")).ShouldBe(["notHeld", "needsCreation", "unclearAfterCorrection"]);
        Keys(table3.GetProperty("notProcessed")).ShouldBe(["petitionComplaint", "duplicate", "publication", "excessive", "confirmation"]);
        Keys(table3.GetProperty("otherDisposal")).ShouldBe(["noCorrection", "unpaidFee", "other"]);

        // 自然人: outcomes 99, carried forward 7, carried over 5 → new 101; all columns: 140 handled, 9 forward, 7 over → 142 new.
        table3.GetProperty("newReceived").GetProperty("naturalPerson").GetInt32().ShouldBe(101);
        table3.GetProperty("totalProcessed").GetProperty("total").GetInt32().ShouldBe(140);
        table3.GetProperty("newReceived").GetProperty("total").GetInt32().ShouldBe(142);
        table3.GetProperty("withheld").GetProperty("thirdPartyRights").GetProperty("commercial").GetInt32().ShouldBe(2);
        Keys(table3.GetProperty("withheld").GetProperty("stateSecret")).Count.ShouldBe(7);

        var table4 = root.GetProperty("table4");
        Keys(table4).ShouldBe(["reconsideration", "litigationDirect", "litigationAfterReconsideration"]);
        Keys(table4.GetProperty("litigationDirect")).ShouldBe(["upheld", "corrected", "other", "pending", "total"]);
        table4.GetProperty("reconsideration").GetProperty("total").GetInt32().ShouldBe(4);

        var cells = root.GetProperty("cells");
        Keys(cells).Count.ShouldBe(10 + (25 * 7) + 15);
        Keys(cells)[0].ShouldBe("table2.regulations.issued");
        cells.GetProperty("table2.regulations.issued").ShouldBeJson("""{"kind":"number","raw":"2","line":20,"column":8}""");
        cells.GetProperty("table3.newReceived.naturalPerson").ShouldBeJson("""{"kind":"number","raw":"101","table":2,"row":4,"cell":4}""");
        cells.GetProperty("table3.withheld.prohibitedByLaw.naturalPerson").ShouldBeJson("""{"kind":"zero","raw":"0","table":2,"row":9,"cell":4}""");
        cells.GetProperty("table4.litigationAfterReconsideration.total").ShouldBeJson("""{"kind":"number","raw":"2","table":3,"row":4,"cell":15,"page":2}""");
    }

    [Fact]
    public void The_2019_form_has_the_2019_table_2_and_a_single_other_disposal_row()
    {
        using var document = JsonDocument.Parse(ReportJson.Serialize(SampleReports.Complete2019()));
        var root = document.RootElement;

        root.GetProperty("format").GetString().ShouldBe("2019");
        var table2 = root.GetProperty("table2");
        Keys(table2).ShouldBe(["regulations", "normativeDocuments", "licensing", "otherServices", "penalty", "enforcement", "fees", "procurement"]);
        Keys(table2.GetProperty("regulations")).ShouldBe(["made", "published", "total"]);
        Keys(table2.GetProperty("licensing")).ShouldBe(["previous", "change", "decisions"]);
        Keys(table2.GetProperty("fees")).ShouldBe(["previous", "change"]);
        Keys(table2.GetProperty("procurement")).ShouldBe(["count", "amountWanYuan"]);
        table2.GetProperty("licensing").GetProperty("change").GetInt32().ShouldBe(-8);
        table2.GetProperty("procurement").GetProperty("amountWanYuan").GetRawText().ShouldBe("356.25");

        var otherDisposal = root.GetProperty("table3").GetProperty("otherDisposal");
        Keys(otherDisposal).ShouldBe(["naturalPerson", "commercial", "research", "publicInterest", "legalService", "other", "total"]);
        otherDisposal.GetProperty("naturalPerson").GetInt32().ShouldBe(6);

        var cells = root.GetProperty("cells");
        Keys(cells).Count.ShouldBe(22 + (23 * 7) + 15);
        cells.TryGetProperty("table3.otherDisposal.total", out _).ShouldBeTrue();
        cells.TryGetProperty("table3.otherDisposal.other.total", out _).ShouldBeFalse();
    }

    [Fact]
    public void Cells_without_a_number_are_null_in_the_table_and_say_what_the_source_wrote()
    {
        var report = SampleReports.Complete2021();
        report.Table3[Table3Row.Granted, Table3Column.Research] = Cell.Parse("/", SourceLocation.AtLine(40, 5));
        report.Table2[Table2Field.Licensing] = Cell.Missing;

        using var document = JsonDocument.Parse(ReportJson.Serialize(report));
        var root = document.RootElement;

        root.GetProperty("table3").GetProperty("granted").GetProperty("research").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("cells").GetProperty("table3.granted.research").ShouldBeJson("""{"kind":"placeholder","raw":"/","line":40,"column":5}""");
        root.GetProperty("table2").GetProperty("licensing").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("cells").GetProperty("table2.licensing").ShouldBeJson("""{"kind":"missing","raw":""}""");
    }

    [Fact]
    public void Without_cells_the_kinds_come_from_the_values()
    {
        var node = JsonNode.Parse(ReportJson.Serialize(SampleReports.Complete2021()))!.AsObject();
        node.Remove("cells");
        node["table3"]!["granted"]!["research"] = null;

        var report = ReportJson.Deserialize(node.ToJsonString());

        report.Table3[Table3Row.Granted, Table3Column.NaturalPerson].ShouldBe(Cell.Of(40));
        report.Table3[Table3Row.Granted, Table3Column.NaturalPerson].Location.ShouldBeNull();
        report.Table3[Table3Row.WithheldProhibitedByLaw, Table3Column.NaturalPerson].Kind.ShouldBe(CellKind.Zero);
        report.Table3[Table3Row.Granted, Table3Column.Research].Kind.ShouldBe(CellKind.Blank);
        report.Table2[Table2Field.FeesWanYuan].Value.ShouldBe(110.139m);
        report.Table2[Table2Field.LicensingChange2019].ShouldBe(Cell.Missing);
    }

    [Fact]
    public void Missing_sections_stay_absent_and_the_others_keep_their_order()
    {
        var report = SampleReports.Complete2021();
        report.Sections.Clear();
        report.Sections.Add(new ReportSection(SectionKey.Problems, "五、存在的问题", "问题。"));
        report.Sections.Add(new ReportSection(SectionKey.Overview, NationalFormat.Section(SectionKey.Overview).Heading, "概况。"));

        var restored = ReportJson.Deserialize(ReportJson.Serialize(report));

        restored.Sections.Select(s => (s.Key, s.Text)).ShouldBe([(SectionKey.Problems, "问题。"), (SectionKey.Overview, "概况。")]);
        restored.Sections[0].Heading.ShouldBe(NationalFormat.Section(SectionKey.Problems).Heading);
        restored.Section(SectionKey.Applications).ShouldBeNull();
    }

    [Fact]
    public void A_report_without_title_organization_or_year_writes_nulls_and_reads_them_back()
    {
        var report = new AnnualReport();

        var json = ReportJson.Serialize(report);
        var restored = ReportJson.Deserialize(json);

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("title").ValueKind.ShouldBe(JsonValueKind.Null);
        document.RootElement.GetProperty("year").ValueKind.ShouldBe(JsonValueKind.Null);
        restored.Title.ShouldBeNull();
        restored.Organization.ShouldBeNull();
        restored.Year.ShouldBeNull();
        ReportComparison.Differences(report, restored).ShouldBeEmpty();
        restored.Table3[Table3Row.NewReceived, Table3Column.Total].ShouldBe(Cell.Missing);
    }

    [Fact]
    public void Numbers_keep_their_source_text_while_it_says_the_same_number()
    {
        var report = SampleReports.Complete2021();
        report.Table3[Table3Row.Granted, Table3Column.Other] = Cell.Parse("1件", SourceLocation.AtLine(44, 9));
        var node = JsonNode.Parse(ReportJson.Serialize(report))!;

        ReportJson.Deserialize(node.ToJsonString()).Table3[Table3Row.Granted, Table3Column.Other].Raw.ShouldBe("1件");

        node["table3"]!["granted"]!["other"] = 0;
        var edited = ReportJson.Deserialize(node.ToJsonString()).Table3[Table3Row.Granted, Table3Column.Other];
        edited.ShouldBe(Cell.Of(0));
        edited.Kind.ShouldBe(CellKind.Zero);
        edited.Raw.ShouldBe("0");
        edited.Location.ShouldBe(SourceLocation.AtLine(44, 9));
    }

    [Theory]
    [InlineData("99999", "数字 99999")]
    [InlineData("-1", "数字 -1")]
    [InlineData("1899", "数字 1899")]
    [InlineData("2100", "数字 2100")]
    public void An_implausible_year_is_refused(string year, string shown)
    {
        var node = JsonNode.Parse(ReportJson.Serialize(SampleReports.Complete2021()))!.AsObject();
        node["year"] = JsonNode.Parse(year);

        Should.Throw<ReportReadException>(() => ReportJson.Deserialize(node.ToJsonString()))
            .Message.ShouldBe($"报告 JSON 有误：$.year：应为 1900 至 2099 之间的年份或 null，实际为{shown}。");
    }

    [Theory]
    [InlineData(1900)]
    [InlineData(2099)]
    public void The_first_and_last_plausible_years_are_read(int year)
    {
        var report = SampleReports.Complete2021();
        report.Year = year;

        ReportJson.Deserialize(ReportJson.Serialize(report)).Year.ShouldBe(year);
    }

    [Theory]
    [InlineData("schema", "$.schema")]
    [InlineData("format", "$.format")]
    [InlineData("year", "$.year")]
    [InlineData("value", "$.table3.newReceived.total")]
    [InlineData("missing", "$.table4.reconsideration.pending")]
    [InlineData("unknown", "$.table2.regulations.extra")]
    [InlineData("section", "$.sections.preface")]
    [InlineData("kind", "$.cells['table3.granted.naturalPerson'].kind")]
    [InlineData("raw", "$.cells['table3.granted.research'].raw")]
    [InlineData("path", "$.cells['table3.withheld.total']")]
    [InlineData("location", "$.cells['table2.licensing'].line")]
    [InlineData("root", "$.table2")]
    public void Invalid_documents_are_refused_with_the_path_of_the_problem(string problem, string path)
    {
        var node = JsonNode.Parse(ReportJson.Serialize(SampleReports.Complete2021()))!.AsObject();
        var cells = node["cells"]!.AsObject();
        switch (problem)
        {
            case "schema":
                node["schema"] = "gongkai-annual-report/v2";
                break;
            case "format":
                node["format"] = 2021;
                break;
            case "year":
                node["year"] = "2023";
                break;
            case "value":
                node["table3"]!["newReceived"]!["total"] = "143";
                break;
            case "missing":
                node["table4"]!["reconsideration"]!.AsObject().Remove("pending");
                break;
            case "unknown":
                node["table2"]!["regulations"]!["extra"] = 1;
                break;
            case "section":
                node["sections"]!["preface"] = "前言";
                break;
            case "kind":
                cells["table3.granted.naturalPerson"]!["kind"] = "text";
                break;
            case "raw":
                node["table3"]!["granted"]!["research"] = null;
                cells["table3.granted.research"] = new JsonObject { ["kind"] = "text", ["raw"] = "7" };
                break;
            case "path":
                cells["table3.withheld.total"] = new JsonObject { ["kind"] = "zero", ["raw"] = "0" };
                break;
            case "location":
                cells["table2.licensing"]!["line"] = 1.5;
                break;
            case "root":
                node.Remove("table2");
                break;
        }

        var exception = Should.Throw<ReportReadException>(() => ReportJson.Deserialize(node.ToJsonString()));

        exception.Message.ShouldStartWith("报告 JSON 有误：" + path + "：");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"schema\": ")]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public void Text_that_is_not_a_report_object_is_refused(string json)
    {
        var exception = Should.Throw<ReportReadException>(() => ReportJson.Deserialize(json));

        exception.Message.ShouldStartWith("报告 JSON ");
        exception.Message.ShouldContain("$");
    }

    /// <summary>Puts every kind of cell and every location field into a report, in all three tables.</summary>
    internal static AnnualReport WithEveryKindOfCell(AnnualReport report)
    {
        var fields = NationalFormat.Table2Fields(report.Format);
        report.Table2[fields[0]] = Cell.Parse("", SourceLocation.AtLine(21, 4));
        report.Table2[fields[1]] = Cell.Parse("—", new SourceLocation(Line: 22, Page: 1));
        report.Table2[fields[2]] = Cell.Parse("见附件", SourceLocation.InTable(1, 3, 4));
        report.Table2[fields[3]] = Cell.Missing;
        report.Table3[Table3Row.Granted, Table3Column.Research] = Cell.Parse("/", SourceLocation.InTable(2, 6, 6));
        report.Table3[Table3Row.Granted, Table3Column.PublicInterest] = Cell.Parse(" ", SourceLocation.InTable(2, 6, 7));
        report.Table3[Table3Row.UnableNotHeld, Table3Column.LegalService] = Cell.Parse("２件", new SourceLocation(Table: 2, Row: 17, Cell: 8, Page: 3));
        report.Table3[Table3Row.NotProcessedPublication, Table3Column.Other] = Cell.Parse("不详", SourceLocation.AtLine(60, 12));
        report.Table3[Table3Row.CarriedForward, Table3Column.Total] = Cell.Missing with { Location = SourceLocation.AtLine(70) };
        report.Table4[Table4Block.LitigationDirect, Table4Column.Pending] = Cell.Parse("无", new SourceLocation(Table: 3, Row: 4, Cell: 9));
        report.Table4[Table4Block.Reconsideration, Table4Column.Total] = Cell.Parse("4.0", new SourceLocation(Table: 3, Row: 4, Cell: 5));
        return report;
    }

    internal static void ShouldHaveSameProvenance(AnnualReport expected, AnnualReport actual)
    {
        foreach (var cell in FormatCell.All(expected.Format))
        {
            var wanted = cell.Get(expected);
            var found = cell.Get(actual);
            found.Raw.ShouldBe(wanted.Raw, cell.Path);
            found.Location.ShouldBe(wanted.Location, cell.Path);
        }
    }

    private static List<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

}

internal static class JsonAssertions
{
    /// <summary>Compares JSON ignoring layout: both sides are re-written compactly.</summary>
    public static void ShouldBeJson(this JsonElement actual, string expected) =>
        JsonNode.Parse(actual.GetRawText())!.ToJsonString().ShouldBe(JsonNode.Parse(expected)!.ToJsonString());
}
