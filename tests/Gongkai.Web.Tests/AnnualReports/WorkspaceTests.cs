using System.Net;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Web.AnnualReports;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.AnnualReports;

public class WorkspaceTests
{
    private static readonly DateTimeOffset January2025 = new(2025, 1, 10, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Table 二 filled with zeros, sections 五 and 六 written: what a publishable draft needs besides the generated text.</summary>
    public static Dictionary<string, string> CompleteForm()
    {
        var fields = ReportContent.Table2Fields.ToDictionary(f => $"Table2[{f}]", _ => "0");
        fields["Sources[Licensing]"] = "行政审批股许可台账";
        fields["Sections[problems]"] = "一是主动公开内容不够全面；二是政策解读形式单一。下一步将完善公开目录，丰富解读形式。";
        fields["Sections[other]"] = "本年度未收取信息处理费。";
        return fields;
    }

    [Fact]
    public async Task Inserting_table_figures_saves_the_standard_text_and_it_raises_no_text_table_mismatch()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        await ReportCases.Seed2024Async(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        var response = await client.SubmitAsync("/annual-reports/2024", new Dictionary<string, string>
        {
            ["Sections[overview]"] = "本机关认真贯彻落实政府信息公开条例。",
        }, "Command=insert:overview");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/annual-reports/2024#section-overview");
        var page = await client.GetPageAsync("/annual-reports/2024");
        page.QuerySelector("#section-overview")!.TextContent.ShouldBe(
            "2024年，本机关共收到政府信息公开申请8件，上年结转1件，办结7件，结转下年度继续办理2件；发生政府信息公开行政复议2件、行政诉讼1件。\n本机关认真贯彻落实政府信息公开条例。");
        page.QuerySelector("#report-status")!.TextContent.ShouldContain("草稿 第1版");
        page.QuerySelector("#findings [data-rule='TEXT-TABLE-MISMATCH']").ShouldBeNull();
        var blank = page.QuerySelector("#findings .rule-badge[data-rule='CELL-BLANK']")!;
        (blank.TextContent, blank.GetAttribute("title")).ShouldBe(("应填数字处为空或占位符", "CELL-BLANK"));
        page.QuerySelector("#findings")!.TextContent.ShouldNotContain("CELL-BLANK");
    }

    [Fact]
    public async Task The_tables_show_the_cases_and_each_cell_links_to_the_cases_it_counts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        await ReportCases.Seed2024Async(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        var page = await client.GetPageAsync("/annual-reports/2024");

        var cell = page.QuerySelector("td[data-path='table3.newReceived.naturalPerson']")!;
        cell.TextContent.Trim().ShouldBe("3");
        cell.QuerySelector("a")!.GetAttribute("href").ShouldBe("/applications?reportYear=2024&row=newReceived&applicantType=NaturalPerson");
        page.QuerySelector("td[data-path='table3.withheld.thirdPartyRights.commercial'] a")!.GetAttribute("href")
            .ShouldBe("/applications?reportYear=2024&outcome=WithheldThirdPartyRights&applicantType=Commercial");
        page.QuerySelector("td[data-path='table3.carriedForward.total'] a")!.GetAttribute("href")
            .ShouldBe("/applications?reportYear=2024&row=carriedForward");
        page.QuerySelector("td[data-path='table4.reconsideration.pending'] a")!.GetAttribute("href")
            .ShouldBe("/applications?reportYear=2024&review=Reconsideration&reviewResult=Pending");
        page.QuerySelector("td[data-path='table4.litigationDirect.total']")!.TextContent.Trim().ShouldBe("1");
        page.QuerySelectorAll("td[data-path^='table3.']").Length.ShouldBe(175);
        page.QuerySelectorAll("td[data-path^='table4.']").Length.ShouldBe(15);
        page.QuerySelectorAll("input[name^='Table2[']").Length.ShouldBe(10);
    }

    [Fact]
    public async Task Publishing_is_refused_while_errors_remain_naming_them_then_allowed_and_later_edits_make_a_new_version()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        var agency = await ReportCases.Seed2024Async(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("publisher");

        var refused = await client.SubmitAsync("/annual-reports/2024", new Dictionary<string, string>(), "Command=publish");

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusal = await refused.PageAsync();
        var alert = refusal.QuerySelector("#publish-refusal")!.TextContent;
        alert.ShouldContain("草稿第1版已保存，但未发布：还有 10 项错误，不能发布。");
        alert.ShouldContain("应填数字处为空或占位符");
        alert.ShouldNotContain("CELL-BLANK");
        refusal.QuerySelectorAll("#publish-refusal .rule-badge").Select(b => b.GetAttribute("title")).ShouldContain("CELL-BLANK");
        alert.ShouldContain("表二「行政许可」本年处理决定数量为空");
        refusal.QuerySelector("#publish-refusal a[href='#cell-table2.licensing']").ShouldNotBeNull();

        var form = CompleteForm();
        form["Table2[Licensing]"] = "/";
        var stillRefused = await client.SubmitAsync("/annual-reports/2024", form, "Command=publish");
        var stillAlert = (await stillRefused.PageAsync()).QuerySelector("#publish-refusal")!.TextContent;
        stillAlert.ShouldContain("还有 1 项错误");
        stillAlert.ShouldContain("表二「行政许可」本年处理决定数量");

        var published = await client.SubmitAsync("/annual-reports/2024", CompleteForm(), "Command=publish");
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetPageAsync("/annual-reports/2024");
        page.QuerySelector("#report-status")!.TextContent.ShouldContain("已发布 第1版");
        page.QuerySelector("#sources-licensing, #src-Licensing")!.GetAttribute("value").ShouldBe("行政审批股许可台账");

        var edited = await client.SubmitAsync("/annual-reports/2024", new Dictionary<string, string> { ["Table2[Licensing]"] = "12" }, "Command=save");
        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await client.GetPageAsync("/annual-reports/2024");
        page.QuerySelector("#report-status")!.TextContent.ShouldContain("草稿 第2版");
        page.QuerySelectorAll("#versions tbody tr").Select(r => r.TextContent).ShouldSatisfyAllConditions(
            rows => rows.Count().ShouldBe(2),
            rows => rows.First().ShouldContain("草稿"),
            rows => rows.Last().ShouldContain("已发布"));

        using var anonymous = app.CreateClient();
        var json = await anonymous.GetStringAsync(new Uri($"/api/agencies/{agency}/annual-reports/2024", UriKind.Relative));
        ReportJson.Deserialize(json).Table2[Table2Field.Licensing].Value.ShouldBe(0, "the public sees the published version, not the draft");
    }

    [Fact]
    public async Task A_report_cannot_be_published_before_its_year_is_over_and_only_a_publisher_may_publish()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2024, 12, 30, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        using var publisher = app.CreateBrowserClient();
        await publisher.LoginAsync("publisher");

        var form = await publisher.GetPageAsync("/annual-reports/2024");
        var buttons = form.QuerySelectorAll("button[value=publish]");
        buttons.Length.ShouldBe(2);
        foreach (var button in buttons)
        {
            button.HasAttribute("disabled").ShouldBeTrue();
            form.GetElementById(button.GetAttribute("aria-describedby")!)!.TextContent
                .ShouldBe("2024年度尚未结束（统计期为2024年1月1日至12月31日），年度结束后才能发布本年度报告。");
        }

        var early = await publisher.SubmitAsync(form, "/annual-reports/2024", CompleteForm(), "Command=publish");

        (await early.BodyAsync()).ShouldContain("2024年度尚未结束（统计期为2024年1月1日至12月31日），年度结束后才能发布本年度报告。");

        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        var page = await handler.GetPageAsync("/annual-reports/2024");
        page.QuerySelector("button[value=publish]").ShouldBeNull();
        var forbidden = await handler.SubmitAsync(page, "/annual-reports/2024", CompleteForm(), "Command=publish");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        forbidden.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied");
    }

    [Fact]
    public async Task A_save_over_a_newer_save_is_refused_and_keeps_what_was_typed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        using var first = app.CreateBrowserClient();
        await first.LoginAsync("handler");
        using var second = app.CreateBrowserClient();
        await second.LoginAsync("reviewer");
        var stale = await second.GetPageAsync("/annual-reports/2024");

        (await first.SubmitAsync("/annual-reports/2024", new Dictionary<string, string> { ["Sections[problems]"] = "张明写的问题。" }, "Command=save"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await second.SubmitAsync(stale, "/annual-reports/2024", new Dictionary<string, string> { ["Sections[problems]"] = "李华写的问题。" }, "Command=save");

        conflict.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await conflict.PageAsync();
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("此报告已被张明（经办人）于 2025-01-10 10:00 保存为草稿 第1版。您的修改尚未保存");
        page.QuerySelector("#section-problems")!.TextContent.ShouldBe("李华写的问题。");

        (await second.SubmitAsync(page, "/annual-reports/2024", new Dictionary<string, string>(), "Command=save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await first.GetPageAsync("/annual-reports/2024")).QuerySelector("#section-problems")!.TextContent.ShouldBe("李华写的问题。");
    }

    [Fact]
    public async Task A_registered_table2_source_prefills_a_new_draft_and_its_suggestions_can_be_adopted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var baseApp = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        await using var app = baseApp.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddScoped<ITable2Source>(_ => new FixedSource(
                new Table2Suggestion(Table2Field.NormativeDocumentsIssued, 4, "规范性文件目录：2024年制发4件"),
                new Table2Suggestion(Table2Field.NormativeDocumentsRepealed, 1, "规范性文件目录：2024年废止1件")))));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync("handler");

        var page = await client.GetPageAsync("/annual-reports/2024");

        page.QuerySelector("#t2-NormativeDocumentsIssued")!.GetAttribute("value").ShouldBe("4");
        page.QuerySelector("#src-NormativeDocumentsIssued")!.GetAttribute("value").ShouldBe("规范性文件目录：2024年制发4件");
        page.QuerySelector("#cell-table2\\.normativeDocuments\\.repealed")!.TextContent.ShouldContain("建议 1（规范性文件目录：2024年废止1件）");

        await client.SubmitAsync(page, "/annual-reports/2024", new Dictionary<string, string>
        {
            ["Table2[NormativeDocumentsRepealed]"] = "3",
            ["Sources[NormativeDocumentsRepealed]"] = "手工",
        }, "Command=save");
        (await client.GetPageAsync("/annual-reports/2024")).QuerySelector("#t2-NormativeDocumentsRepealed")!.GetAttribute("value").ShouldBe("3", "staff decide: a suggestion never overwrites a saved figure");

        await client.SubmitAsync("/annual-reports/2024", new Dictionary<string, string>(), "Command=adopt:NormativeDocumentsRepealed");
        var adopted = await client.GetPageAsync("/annual-reports/2024");
        adopted.QuerySelector("#t2-NormativeDocumentsRepealed")!.GetAttribute("value").ShouldBe("1");
        adopted.QuerySelector("#src-NormativeDocumentsRepealed")!.GetAttribute("value").ShouldBe("规范性文件目录：2024年废止1件");
    }

    [Fact]
    public async Task A_case_recorded_after_publishing_shows_as_changed_and_breaks_next_years_carry_over()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        var agency = await ReportCases.Seed2024Async(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("publisher");
        (await client.SubmitAsync("/annual-reports/2024", CompleteForm(), "Command=publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // 新收 and 结转下年度, 自然人 and 总计: four cells change.
        await ReportCases.ApplicationAsync(app, agency, Gongkai.Applications.ApplicantType.NaturalPerson, ReportCases.D(2024, 12, 30));
        app.Clock.Now = new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);
        await client.LoginAsync("publisher");

        (await client.GetPageAsync("/annual-reports/2024")).QuerySelector(".warning")!.TextContent
            .ShouldContain("表三、表四中有 4 个单元格与已发布版本不同");
        var next = await client.GetPageAsync("/annual-reports/2025");
        var findings = next.QuerySelector("#findings")!.TextContent;
        next.QuerySelector("#findings .rule-badge[data-rule='XYEAR-CARRY']").ShouldNotBeNull();
        findings.ShouldContain("表三「二、上年结转政府信息公开申请数量」自然人为 2，与上一年度（2024 年）报告表三「四、结转下年度继续办理」自然人 1 不一致");
    }

    [Fact]
    public async Task A_new_draft_starts_from_last_years_published_stock_of_documents_in_force()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false);
        await ReportCases.Seed2024Async(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("publisher");
        var form = CompleteForm();
        form["Table2[RegulationsInForce]"] = "5";
        form["Table2[NormativeDocumentsInForce]"] = "12";
        (await client.SubmitAsync("/annual-reports/2024", form, "Command=publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        app.Clock.Now = new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);
        await client.LoginAsync("publisher");

        var page = await client.GetPageAsync("/annual-reports/2025");

        page.QuerySelector("#t2-RegulationsInForce")!.GetAttribute("value").ShouldBe("5");
        page.QuerySelector("#t2-NormativeDocumentsInForce")!.GetAttribute("value").ShouldBe("12");
        page.QuerySelector("#src-NormativeDocumentsInForce")!.GetAttribute("value").ShouldBe("2024年度报告的现行有效件数（请按本年制发、废止件数调整）");
        page.QuerySelector("#t2-NormativeDocumentsIssued")!.GetAttribute("value").ShouldBe("");
        page.QuerySelector("#cell-table2\\.normativeDocuments\\.inForce")!.TextContent.ShouldContain("上年度现行有效 12 件");
    }

    private sealed class FixedSource(params Table2Suggestion[] suggestions) : ITable2Source
    {
        public Task<IReadOnlyList<Table2Suggestion>> SuggestAsync(Guid agencyId, int year, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Table2Suggestion>>(suggestions);
    }
}
