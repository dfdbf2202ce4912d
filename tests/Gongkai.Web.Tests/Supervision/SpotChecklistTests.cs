using System.Net;
using Gongkai.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// The region's spot-check checklist as versioned data: refused edits with reasons and the form kept, a new version
/// that checks drawn afterwards take while a running check keeps its list, and each level editing only its own.
/// </summary>
public class SpotChecklistTests
{
    private static readonly string[] Revised =
    [
        "标题、文号与正文一致", "信息公开的链接能正常访问", "在信息形成或者变更之日起 20 个工作日内公开", "附件能正常打开",
        "未公开个人隐私（身份证号、电话、住址等）", "已标注有效性（有效、失效、废止）",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_administrator_revises_the_checklist_a_running_check_keeps_its_list_and_a_new_check_takes_the_new_version(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        using var admin = app.CreateBrowserClient();
        await admin.LoginAsync("admin");
        var running = await DrawAsync(supervisor, education, "7");
        const string url = "/supervision/spot-checks/checklist";

        var page = await admin.GetPageAsync(url);
        page.QuerySelector("#in-force")!.TextContent.ShouldBe("平台默认检查项（尚未修订）");
        page.QuerySelectorAll("#current-checklist li").Select(li => li.TextContent).ShouldBe(SpotChecklist.Default.Select(q => q.Text));
        page.QuerySelectorAll("#checklist-form input[name$='.Text']").Length.ShouldBe(9, "six questions and three blank rows");
        page.QuerySelector("#back-link")!.TextContent.ShouldBe("返回系统管理");

        // Refused: an emptied question, a bad position, a duplicate; everything typed comes back.
        var refused = await admin.SubmitAsync(page, url, new Dictionary<string, string>
        {
            ["Rows[0].Text"] = "", ["Rows[1].Order"] = "abc", ["Rows[6].Text"] = "附件能正常打开", ["Note"] = "第一次修订",
        }, formSelector: "#checklist-form");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = await refused.PageAsync();
        refusedPage.QuerySelectorAll("#checklist-problems li").Select(li => li.TextContent).ShouldBe(
            ["第 1 行的检查项不能为空；不再使用请勾选“停用”。", "第 2 行的顺序应为 1 到 99 的整数。", "检查项“附件能正常打开”重复。"]);
        (refusedPage.QuerySelector("#text-0")!.GetAttribute("value") ?? "").ShouldBe("", "the emptied question stays empty");
        refusedPage.QuerySelector("#order-1")!.GetAttribute("value").ShouldBe("abc");
        refusedPage.QuerySelector("#text-6")!.GetAttribute("value").ShouldBe("附件能正常打开");
        refusedPage.QuerySelector("#note")!.TextContent.ShouldBe("第一次修订");
        (await (await admin.SubmitAsync(url, new Dictionary<string, string>(), formSelector: "#checklist-form")).PageAsync())
            .QuerySelectorAll("#checklist-problems li").Select(li => li.TextContent).ShouldBe(["检查项没有变化，不需要保存新版本。"]);
        var retireAll = Enumerable.Range(0, 6).ToDictionary(i => $"Rows[{i}].Retire", _ => "true");
        (await (await admin.SubmitAsync(url, retireAll, formSelector: "#checklist-form")).PageAsync())
            .QuerySelectorAll("#checklist-problems li").Select(li => li.TextContent).ShouldBe(["至少保留一个检查项。"]);
        (await ApplicantCases.QueryAsync(app, db => db.SpotChecklists.CountAsync())).ShouldBe(0);

        // Reworded, retired, added and moved to second place: version 1.
        var saved = await admin.SubmitAsync(page, url, new Dictionary<string, string>
        {
            ["Rows[0].Text"] = "标题、文号与正文一致", ["Rows[4].Retire"] = "true", ["Rows[6].Text"] = "信息公开的链接能正常访问",
            ["Rows[0].Order"] = "1", ["Rows[6].Order"] = "2", ["Rows[1].Order"] = "3", ["Rows[2].Order"] = "4", ["Rows[3].Order"] = "5", ["Rows[5].Order"] = "6",
            ["Note"] = "增加链接检查",
        }, formSelector: "#checklist-form");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await admin.GetPageAsync(url);
        page.QuerySelector("#in-force")!.TextContent.ShouldStartWith("第 1 版（刘洋（管理员） 于 ");
        page.QuerySelectorAll("#current-checklist li").Select(li => li.TextContent).ShouldBe(Revised);
        page.QuerySelector("#version-1 .muted")!.TextContent.ShouldEndWith("增加链接检查");

        // The same stale page cannot save a second version over the first.
        var stale = await admin.SubmitAsync(refusedPage, url, new Dictionary<string, string> { ["Rows[0].Text"] = "标题正确" }, formSelector: "#checklist-form");
        (await stale.PageAsync()).QuerySelectorAll("#checklist-problems li")[0].TextContent.ShouldBe("有人同时保存了新版本，请刷新后重试。");

        // The running check keeps the default list, and a problem under the retired question is still recorded.
        var runningPage = await supervisor.GetPageAsync(running);
        runningPage.QuerySelector("#checklist-source")!.TextContent.ShouldBe("检查项（平台默认检查项，6 项）");
        runningPage.QuerySelectorAll("#checklist li").Select(li => li.TextContent).ShouldBe(SpotChecklist.Default.Select(q => q.Text));
        (await supervisor.SubmitAsync(runningPage, running, new Dictionary<string, string>
        {
            ["Answers[interpretation].Failed"] = "true", ["Answers[interpretation].Note"] = "未关联解读。",
        }, formSelector: "#check-1")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await supervisor.GetPageAsync(running)).QuerySelector("#item-1 .problem")!.TextContent.Split('\n')[0].Trim()
            .ShouldBe("不符合“政策文件已关联解读”：未关联解读。");

        // A check drawn now asks version 1's questions; a problem under the reworded question keeps its key.
        var next = await DrawAsync(supervisor, education, "8");
        var nextPage = await supervisor.GetPageAsync(next);
        nextPage.QuerySelector("#checklist-source")!.TextContent.ShouldBe("检查项（示范县第 1 版，6 项）");
        nextPage.QuerySelectorAll("#checklist li").Select(li => li.TextContent).ShouldBe(Revised);
        nextPage.QuerySelector("#failed-1-title + label")!.TextContent.ShouldBe("不符合：标题、文号与正文一致");
        nextPage.QuerySelector("#failed-1-interpretation").ShouldBeNull();

        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action == "spot-check.checklist-saved").Select(a => a.Summary).ToListAsync());
        audit.ShouldBe(["示范县抽查检查项第 1 版：" + string.Join("、", Revised.Select((q, i) => $"{i + 1}. {q}")) + "；停用：政策文件已关联解读"]);
        Gongkai.Web.Audit.AuditLabels.Action("spot-check.checklist-saved").ShouldBe("修订抽查检查项（新版本）");

        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        (await handler.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_city_list_serves_its_counties_until_one_makes_its_own_and_a_county_cannot_edit_the_city_list(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        var (_, otherCounty) = await AssessmentTests.LevelsAsync(app);
        var (county, city) = await ApplicantCases.QueryAsync(app, async db => (
            await db.Regions.Where(r => r.Name == "示范县").Select(r => r.Id).SingleAsync(),
            await db.Regions.Where(r => r.Name == "新乡市").Select(r => r.Id).SingleAsync()));
        using var citySupervisor = app.CreateBrowserClient();
        await citySupervisor.LoginAsync("city-supervisor");
        using var countySupervisor = app.CreateBrowserClient();
        await countySupervisor.LoginAsync("supervisor");
        using var countyAdmin = app.CreateBrowserClient();
        await countyAdmin.LoginAsync("admin");

        // The county cannot open or post the city's list.
        (await countyAdmin.GetAsync(new Uri($"/supervision/spot-checks/checklist?region={city}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ownPage = await countyAdmin.GetPageAsync("/supervision/spot-checks/checklist");
        (await countyAdmin.PostFormAsync("/supervision/spot-checks/checklist", new Dictionary<string, string> { ["Rows[0].Key"] = "title", ["Rows[0].Text"] = "县改市的检查项" },
            $"/supervision/spot-checks/checklist?region={city}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ownPage.QuerySelector("#region").ShouldBeNull("a county has no region below it to choose");

        // The city retires 有效性: both counties check with the city's version 1.
        var cityUrl = $"/supervision/spot-checks/checklist?region={city}";
        (await citySupervisor.SubmitAsync(cityUrl, new Dictionary<string, string> { ["Rows[5].Retire"] = "true" }, formSelector: "#checklist-form"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await citySupervisor.GetPageAsync("/supervision/spot-checks/checklist")).QuerySelectorAll("#region option").Select(o => o.TextContent)
            .ShouldBe(["新乡市", "示范县", "另一县"]);
        var countyPage = await countyAdmin.GetPageAsync("/supervision/spot-checks/checklist");
        countyPage.QuerySelector("#in-force")!.TextContent.ShouldBe("沿用新乡市第 1 版（示范县尚未修订）");
        countyPage.QuerySelectorAll("#current-checklist li").Length.ShouldBe(5);

        // The county makes its own from the city's; the other county still follows the city.
        (await countyAdmin.SubmitAsync("/supervision/spot-checks/checklist", new Dictionary<string, string> { ["Rows[7].Text"] = "公开时间与落款时间一致" }, formSelector: "#checklist-form"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        countyPage = await countyAdmin.GetPageAsync("/supervision/spot-checks/checklist");
        countyPage.QuerySelector("#in-force")!.TextContent.ShouldStartWith("第 1 版（刘洋（管理员） 于 ");
        countyPage.QuerySelectorAll("#current-checklist li")[^1].TextContent.ShouldBe("公开时间与落款时间一致");
        countyPage.QuerySelectorAll("#current-checklist li").Length.ShouldBe(6);
        (await citySupervisor.GetPageAsync($"/supervision/spot-checks/checklist?region={otherCounty}")).QuerySelector("#in-force")!.TextContent
            .ShouldBe("沿用新乡市第 1 版（另一县尚未修订）");
        (await citySupervisor.GetPageAsync(cityUrl)).QuerySelectorAll("#current-checklist li").Length.ShouldBe(5, "the county's edit did not touch the city's list");
        (await ApplicantCases.QueryAsync(app, db => db.SpotChecklists.OrderBy(c => c.RegionId == county).Select(c => c.RegionId == city ? "city" : c.RegionId == county ? "county" : "other").ToListAsync()))
            .ShouldBe(["city", "county"]);
    }

    private static async Task<string> DrawAsync(HttpClient supervisor, Guid agency, string seed)
    {
        var drawn = await supervisor.SubmitAsync("/supervision/spot-checks",
            new Dictionary<string, string> { ["Agency"] = agency.ToString(), ["Size"] = "2", ["Seed"] = seed }, formSelector: "#draw-form");
        drawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return drawn.Headers.Location!.ToString();
    }
}
