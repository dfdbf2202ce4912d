using System.Net;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>A region publishes a closed period's 考核通报 to the portal, and takes it down; both audited.</summary>
public class BulletinPublishTests
{
    private static readonly DateTimeOffset April2025 = new(2025, 4, 10, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_closed_periods_bulletin_is_published_to_the_portal_as_it_reads_then_and_unpublished_both_audited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var late = await AssessmentTests.CaseAsync(app, education, new DateOnly(2025, 1, 2), new DateOnly(2025, 2, 10), new DateOnly(2025, 2, 12));
        await AssessmentTests.CaseAsync(app, education, new DateOnly(2025, 1, 2), new DateOnly(2025, 2, 10), new DateOnly(2025, 2, 1));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        using var visitor = app.CreateClient();
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", AssessmentTests.SchemeForm("2025Q1"), formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        const string url = "/supervision/assessment/bulletin?period=2025Q1";

        (await supervisor.GetPageAsync(url)).QuerySelector("#publish").ShouldBeNull("an open period's 通报 is not published");
        var early = await supervisor.PostFormAsync(url, [], url + "&handler=publish");
        (await early.PageAsync()).QuerySelector("#publish-message")!.TextContent.ShouldBe("只有定稿的考核结果才能在门户发布。");
        (await supervisor.SubmitAsync("/supervision/assessment?period=2025Q1", new Dictionary<string, string>(), formSelector: "#close-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Parse(visitor, "/bulletins")).QuerySelector("#no-bulletins")!.TextContent.ShouldBe("尚未发布考核通报。");

        (await supervisor.SubmitAsync(url, new Dictionary<string, string>(), formSelector: "#publish-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await ApplicantCases.QueryAsync(app, db => db.Applications.Where(a => a.Id == late).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, new DateOnly(2025, 3, 1))));
        var list = await Parse(visitor, "/bulletins");
        var link = list.QuerySelectorAll("#bulletins a").ShouldHaveSingleItem();
        link.TextContent.ShouldBe("示范县2025年第一季度政府信息公开工作考核通报");
        var published = await Parse(visitor, link.GetAttribute("href")!);
        published.QuerySelector("#bulletin h1")!.TextContent.ShouldBe("示范县2025年第一季度政府信息公开工作考核通报");
        published.QuerySelectorAll("#bulletin-ranking tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))).Take(2)
            .ShouldBe(["1|示范县教育局|30|—", "—|示范县自然资源局|不适用|—"]);
        published.QuerySelectorAll("#bulletin-problems li").Select(li => li.TextContent).ShouldBe(
            ["“按时答复率”有 1 个单位失分：示范县教育局。", "“逾期件数”有 1 个单位失分：示范县教育局。"]);
        var region = await ApplicantCases.QueryAsync(app, db => db.Regions.Where(r => r.Name == "示范县").Select(r => r.Id).SingleAsync());
        (await Parse(visitor, $"/bulletins?region={region}")).QuerySelectorAll("#bulletins a").Length.ShouldBe(1);
        (await visitor.GetAsync(new Uri($"/bulletins?region={Guid.NewGuid()}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await supervisor.GetPageAsync(url);
        page.QuerySelector("#publish")!.TextContent.ShouldContain("在门户发布（陈静（监督人））");
        var twice = await supervisor.PostFormAsync(url, [], url + "&handler=publish");
        (await twice.PageAsync()).QuerySelector("#publish-message")!.TextContent.ShouldBe("该考核通报已经在门户发布。");

        (await supervisor.SubmitAsync(url, new Dictionary<string, string>(), formSelector: "#unpublish-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Parse(visitor, "/bulletins")).QuerySelector("#no-bulletins").ShouldNotBeNull();
        (await visitor.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "taken down");
        (await visitor.GetAsync(new Uri($"/bulletins?id={Guid.NewGuid()}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action.StartsWith("assessment.bulletin")).OrderBy(a => a.AtUtc).Select(a => a.Action + "|" + a.Summary).ToListAsync());
        audit.ShouldBe(
        [
            "assessment.bulletin-published|在门户发布示范县2025年第一季度政府信息公开工作考核通报",
            "assessment.bulletin-unpublished|从门户撤下示范县2025年第一季度政府信息公开工作考核通报",
        ]);
        Gongkai.Web.Audit.AuditLabels.Action("assessment.bulletin-published").ShouldBe("考核通报在门户发布");
        Gongkai.Web.Audit.AuditLabels.Action("assessment.bulletin-unpublished").ShouldBe("考核通报从门户撤下");
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> Parse(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.PageAsync();
    }
}
