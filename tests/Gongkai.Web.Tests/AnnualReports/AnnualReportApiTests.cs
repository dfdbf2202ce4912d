using System.Net;
using System.Text.Json;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.Data;
using Gongkai.Tests.Data;

namespace Gongkai.Tests.Web.AnnualReports;

public class AnnualReportApiTests
{
    private static readonly DateTimeOffset January2025 = new(2025, 1, 10, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Anonymous_callers_get_only_published_versions_and_staff_of_the_agency_may_read_the_draft(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        var agency = await ReportCases.Seed2024Async(app);
        using var publisher = app.CreateBrowserClient();
        await publisher.LoginAsync("publisher");
        using var anonymous = app.CreateClient();
        var url = $"/api/agencies/{agency}/annual-reports/2024";

        await publisher.SubmitAsync("/annual-reports/2024", WorkspaceTests.CompleteForm(), "Command=save");
        (await anonymous.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a draft is not public");

        (await publisher.SubmitAsync("/annual-reports/2024", WorkspaceTests.CompleteForm(), "Command=publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await publisher.SubmitAsync("/annual-reports/2024", new Dictionary<string, string> { ["Table2[Penalty]"] = "7" }, "Command=save");

        var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await response.BodyAsync());
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["schema", "title", "organization", "year", "format", "sections", "table2", "table3", "table4", "cells"]);
        root.GetProperty("schema").GetString().ShouldBe("gongkai-annual-report/v1");
        root.GetProperty("title").GetString().ShouldBe("示范县教育局2024年政府信息公开工作年度报告");
        root.GetProperty("organization").GetString().ShouldBe("示范县教育局");
        root.GetProperty("year").GetInt32().ShouldBe(2024);
        root.GetProperty("format").GetString().ShouldBe("2021");
        root.GetProperty("sections").EnumerateObject().Select(p => p.Name).ShouldBe(["overview", "proactiveDisclosure", "applications", "reviewAndLitigation", "problems", "other"]);
        root.GetProperty("table2").EnumerateObject().Select(p => p.Name).ShouldBe(["regulations", "normativeDocuments", "licensing", "penalty", "enforcement", "feesWanYuan"]);
        root.GetProperty("table2").GetProperty("penalty").GetDecimal().ShouldBe(0, "the published version, not the later draft");
        root.GetProperty("table3").GetProperty("newReceived").GetProperty("total").GetDecimal().ShouldBe(8);
        root.GetProperty("table3").GetProperty("carriedForward").GetProperty("publicInterest").GetDecimal().ShouldBe(1);
        root.GetProperty("table4").GetProperty("reconsideration").GetProperty("upheld").GetDecimal().ShouldBe(1);

        (await anonymous.GetAsync(new Uri(url + "?version=1", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync(new Uri(url + "?version=2", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "version 2 is a draft");
        (await anonymous.GetAsync(new Uri(url + "?draft=true", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(new Uri($"/api/agencies/{agency}/annual-reports/2023", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(new Uri($"/api/agencies/{Guid.NewGuid()}/annual-reports/2024", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var draft = ReportJson.Deserialize(await publisher.GetStringAsync(new Uri(url + "?draft=true", UriKind.Relative)));
        draft.Table2[Table2Field.Penalty].Value.ShouldBe(7);

        using var otherAgency = app.CreateBrowserClient();
        await otherAgency.LoginAsync("handler2");
        (await otherAgency.GetAsync(new Uri(url + "?draft=true", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another agency's staff see only what the public sees");

        using var list = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri($"/api/agencies/{agency}/annual-reports", UriKind.Relative)));
        var only = list.RootElement.EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("year").GetInt32().ShouldBe(2024);
        only.GetProperty("version").GetInt32().ShouldBe(1);
        only.GetProperty("url").GetString().ShouldBe(url + "?version=1");
    }

    [Theory]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("html", "text/html")]
    [InlineData("md", "text/markdown")]
    [InlineData("json", "application/json")]
    public async Task Each_export_reads_back_with_the_report_engine_into_the_same_tables(string format, string mediaType)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        var agency = await ReportCases.Seed2024Async(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("publisher");
        var form = WorkspaceTests.CompleteForm();
        form["Table2[FeesWanYuan]"] = "1.25";
        form["Table2[Licensing]"] = "37";
        await client.SubmitAsync("/annual-reports/2024", form, "Command=insert:overview");
        await client.SubmitAsync("/annual-reports/2024", new Dictionary<string, string>(), "Command=publish");
        using var anonymous = app.CreateClient();
        var published = ReportJson.Deserialize(await anonymous.GetStringAsync(new Uri($"/api/agencies/{agency}/annual-reports/2024", UriKind.Relative)));

        var response = await client.GetAsync(new Uri($"/annual-reports/2024/export/{format}?version=1", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"示范县教育局2024年政府信息公开工作年度报告.{format}");
        var parsed = await ReportParser.ParseBytesAsync(await response.Content.ReadAsByteArrayAsync(), "report." + format);
        parsed.Report.Title.ShouldBe(published.Title);
        parsed.Report.Year.ShouldBe(2024);
        foreach (var cell in FormatCell.All(ReportFormat.Format2021))
        {
            cell.Get(parsed.Report).Value.ShouldBe(cell.Get(published).Value, cell.Path);
        }

        parsed.Report.Section(SectionKey.Overview)!.Text.ShouldStartWith("2024年，本机关共收到政府信息公开申请8件");
    }

    [Fact]
    public async Task Export_without_a_version_gives_the_current_draft_and_another_agencys_version_is_not_found()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        await ReportCases.Seed2024Async(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");
        (await client.GetAsync(new Uri("/annual-reports/2024/export/json", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing saved yet");
        await client.SubmitAsync("/annual-reports/2024", new Dictionary<string, string> { ["Table2[Penalty]"] = "5" }, "Command=save");

        var draft = ReportJson.Deserialize(await client.GetStringAsync(new Uri("/annual-reports/2024/export/json", UriKind.Relative)));

        draft.Table2[Table2Field.Penalty].Value.ShouldBe(5);
        draft.Table3[Table3Row.NewReceived, Table3Column.Total].Value.ShouldBe(8);
        (await client.GetAsync(new Uri("/annual-reports/2024/export/pdf", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var other = app.CreateBrowserClient();
        await other.LoginAsync("handler2");
        (await other.GetAsync(new Uri("/annual-reports/2024/export/json?version=1", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
