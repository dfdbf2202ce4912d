using System.Net;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;

namespace Gongkai.Tests.Web.Supervision;

public class RectificationFromFindingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rectification_raised_from_a_report_finding_is_rechecked_when_the_agency_publishes_a_corrected_version(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        var education = await ReportCases.Seed2024Async(app);
        using (var publisher = ReportCases.Client(app))
        {
            await publisher.LoginAsync("publisher");
            var form = WorkspaceTests.CompleteForm();
            form["Sections[other]"] = "无。";
            await publisher.SubmitAsync("/annual-reports/2024", form, "Command=insert:overview");
            (await publisher.SubmitAsync("/annual-reports/2024", new Dictionary<string, string>(), "Command=publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        app.Clock.Now = new DateTimeOffset(2025, 2, 20, 2, 0, 0, TimeSpan.Zero);
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        var report = await supervisor.GetPageAsync($"/supervision/reports/{education}/2024");
        var raiseLink = report.QuerySelectorAll("#raise-links a").ShouldHaveSingleItem();
        raiseLink.TextContent.ShouldBe("就 SEC6-FEE（第六部分未说明信息处理费）提出整改");
        var href = raiseLink.GetAttribute("href")!;
        var form2 = await supervisor.GetPageAsync(href);
        form2.QuerySelector("#title")!.GetAttribute("value").ShouldBe("2024 年度报告：第六部分未说明信息处理费");
        form2.QuerySelector("#detail")!.TextContent.ShouldContain("没有说明信息处理费的收取情况");
        var raised = await supervisor.SubmitAsync(form2, href, new Dictionary<string, string>(), formSelector: "#raise-form");
        raised.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = raised.Headers.Location!.ToString();
        (await supervisor.GetPageAsync(url)).QuerySelector("#recheck")!.TextContent.ShouldBe("已复查：最新的第 1 版仍有 1 处 SEC6-FEE 问题。");

        using (var publisher = ReportCases.Client(app))
        {
            await publisher.LoginAsync("publisher");
            (await publisher.GetPageAsync("/work")).QuerySelector("#agency-rectifications-section")!.TextContent.ShouldContain("第六部分未说明信息处理费");
            await publisher.SubmitAsync("/annual-reports/2024", new Dictionary<string, string> { ["Sections[other]"] = "本年度未收取信息处理费。" }, "Command=save");
            (await publisher.SubmitAsync("/annual-reports/2024", new Dictionary<string, string>(), "Command=publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await publisher.SubmitAsync(url, new Dictionary<string, string> { ["Text"] = "已发布第 2 版，第六部分写明未收取信息处理费。" }, formSelector: "#answer-form"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var rechecked = await supervisor.GetPageAsync(url);
        rechecked.QuerySelector("#recheck")!.TextContent.ShouldBe("已复查：最新的第 2 版已无 SEC6-FEE 问题。");
        (await supervisor.SubmitAsync(rechecked, url, new Dictionary<string, string>(), formSelector: "#accept-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await supervisor.GetPageAsync(url)).QuerySelector("#state")!.TextContent.ShouldBe("已办结");
    }
}
