using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Supervision;

public class AssessmentTests
{
    private static readonly DateTimeOffset April2025 = new(2025, 4, 10, 2, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_quarterly_scheme_scores_every_agency_from_live_data_each_number_opens_what_it_counts_and_a_closed_period_stays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        // 教育局: four cases due on 10 February; one answered on the 12th. 自然资源局: two answered early.
        var e1 = await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 10));
        var late = await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 12));
        await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        await CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        (await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1")).QuerySelector("#no-scheme").ShouldNotBeNull();
        var saved = await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", SchemeForm("2025Q1"), formSelector: "#scheme-form");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1");

        page.QuerySelector("#scheme-in-force")!.TextContent.ShouldContain("第 1 版（自2025年第一季度起施行）");
        var rows = page.QuerySelectorAll("#ranking tbody tr").ToList();
        rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()).ShouldBe(
            ["示范县自然资源局", "示范县教育局", "示范县住房和城乡建设局", "示范县人力资源和社会保障局", "示范县市场监督管理局"],
            "ranked first, the office itself is not assessed, agencies with nothing to count come last");
        rows.Select(r => r.QuerySelector(".rank")!.TextContent.Trim()).ShouldBe(["1", "2", "—", "—", "—"]);
        rows.Select(r => r.QuerySelector(".total")!.TextContent.Trim()).ShouldBe(["100", "60", "不适用", "不适用", "不适用"]);
        rows[1].QuerySelector(".line-0")!.TextContent.ShouldContain("30", customMessage: "75% on time: half way from 50% to 100% of 60 points");
        rows[1].QuerySelector(".line-0")!.TextContent.ShouldContain("75%");
        rows[1].QuerySelector(".line-1")!.TextContent.ShouldContain("30", customMessage: "one overdue case of the four that cost all 40 points");
        var link = rows[1].QuerySelector(".line-0 a")!.GetAttribute("href")!;
        link.ShouldStartWith($"/supervision/assessment/{education}?period=2025Q1&region=");
        link.ShouldEndWith("#line-0");

        var detail = await supervisor.GetPageAsync(link.Split('#')[0]);
        var onTime = detail.QuerySelector("#line-0")!;
        onTime.TextContent.ShouldContain("口径（第 1 版）");
        onTime.TextContent.ShouldContain("办结日不晚于答复期限的件数 ÷ 办结件数");
        onTime.QuerySelectorAll("tbody tr").Length.ShouldBe(4);
        onTime.QuerySelectorAll("tbody tr.counted-row").Length.ShouldBe(3);
        var overdue = detail.QuerySelector("#line-1")!;
        var overdueRow = overdue.QuerySelectorAll("tbody tr.counted-row").ShouldHaveSingleItem();
        overdueRow.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/applications/{late}");
        overdueRow.TextContent.ShouldContain("2025-02-12");
        var raiseFromCase = await supervisor.GetPageAsync(overdueRow.QuerySelector("a.raise-overdue")!.GetAttribute("href")!);
        raiseFromCase.QuerySelector("#source option[selected]")!.TextContent.ShouldBe("逾期未答复");
        raiseFromCase.QuerySelector("#title")!.GetAttribute("value")!.ShouldStartWith("逾期未答复：");
        raiseFromCase.QuerySelector("#agency option[selected]")!.TextContent.ShouldBe("示范县教育局（示范县）");
        detail.QuerySelectorAll("a.raise-indicator").Length.ShouldBe(2, "both lines lost points");

        // The quarter is over: the supervisor closes it, and later corrections do not change the published ranking.
        var closed = await supervisor.SubmitAsync(page, "/supervision/assessment?period=2025Q1", new Dictionary<string, string>(), formSelector: "#close-form");
        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await ConcludeAsync(app, late, D(2025, 2, 10));
        var after = await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1");
        after.QuerySelector("#scheme-in-force")!.TextContent.ShouldContain("由 陈静（监督人） 定稿");
        after.QuerySelectorAll("#ranking tbody tr")[1].QuerySelector(".total")!.TextContent.Trim().ShouldBe("60");
        after.QuerySelector("#close-form").ShouldBeNull("a closed period is not closed twice");
        var bulletin = await supervisor.GetPageAsync("/supervision/assessment/bulletin?period=2025Q1");
        bulletin.QuerySelectorAll("#bulletin-ranking tbody tr").Length.ShouldBe(5);
        bulletin.QuerySelectorAll("#bulletin-problems li").Select(li => li.TextContent).ShouldBe(
            ["“按时答复率”有 1 个单位失分：示范县教育局。", "“逾期件数”有 1 个单位失分：示范县教育局。"]);
        bulletin.QuerySelector("#bulletin")!.TextContent.ShouldContain("考核结果已定稿。");

        // A new version cannot reach back into the closed quarter; from the next one it can.
        var refused = await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", SchemeForm("2025Q1"), formSelector: "#scheme-form");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = await refused.PageAsync();
        refusedPage.QuerySelector("#scheme-problems")!.TextContent.ShouldContain("2025年第一季度的考核结果已经确定，新版本只能从之后的考核期起施行。");
        refusedPage.QuerySelector("input[name='Lines[0].Weight']")!.GetAttribute("value").ShouldBe("60", "what was typed comes back");
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", SchemeForm("2025Q2"), formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var schemes = await supervisor.GetPageAsync("/supervision/schemes?kind=Quarter");
        schemes.QuerySelectorAll(".scheme-version h3").Select(h => h.TextContent).ShouldBe(["第 2 版：自2025年第二季度起施行", "第 1 版：自2025年第一季度起施行"]);

        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action.StartsWith("assessment.")).Select(a => a.Action).ToListAsync());
        audit.Order(StringComparer.Ordinal).ShouldBe(["assessment.closed", "assessment.scheme-created", "assessment.scheme-created"]);
        Gongkai.Web.Audit.AuditLabels.Action("assessment.closed").ShouldBe("考核结果定稿");
        _ = e1;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_level_of_province_city_and_county_reads_its_own_subtree_only(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var (otherCountyAgency, _) = await LevelsAsync(app);
        using var county = app.CreateBrowserClient();
        await county.LoginAsync("supervisor");
        using var city = app.CreateBrowserClient();
        await city.LoginAsync("city-supervisor");
        using var province = app.CreateBrowserClient();
        await province.LoginAsync("province-supervisor");

        static async Task<List<string>> Regions(HttpClient client) =>
            [.. (await client.GetPageAsync("/supervision/assessment")).QuerySelectorAll("#region option").Select(o => o.TextContent)];
        static async Task<List<string>> Agencies(HttpClient client) =>
            [.. (await client.GetPageAsync("/supervision/rectifications/new")).QuerySelectorAll("#agency option").Skip(1).Select(o => o.TextContent)];

        (await county.GetPageAsync("/supervision/assessment")).QuerySelector("#region").ShouldBeNull("a county has no region below it to choose");
        (await Regions(city)).ShouldBe(["新乡市", "示范县", "另一县"]);
        (await Regions(province)).ShouldBe(["河南省", "新乡市", "示范县", "另一县"]);
        (await Agencies(county)).Count.ShouldBe(5);
        (await Agencies(county)).ShouldNotContain(a => a.StartsWith("另一县", StringComparison.Ordinal));
        (await Agencies(city)).ShouldBe(
        [
            "示范县人民政府办公室（示范县）", "示范县教育局（示范县）", "示范县自然资源局（示范县）", "示范县住房和城乡建设局（示范县）",
            "示范县人力资源和社会保障局（示范县）", "示范县市场监督管理局（示范县）", "另一县教育局（另一县）",
        ], "the city's own office is not in the list; both counties' agencies are");
        (await Agencies(province)).Count.ShouldBe(8, "the city's office, both counties' agencies");

        // A rectification the city raised to the other county is the city's and the province's, not the county's.
        var raised = await city.SubmitAsync("/supervision/rectifications/new", new Dictionary<string, string>
        {
            ["Input.AgencyId"] = otherCountyAgency.ToString(),
            ["Input.Title"] = "主动公开目录更新不及时",
            ["Input.Detail"] = "请在期限内补充公开。",
        }, formSelector: "#raise-form");
        raised.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = raised.Headers.Location!.ToString();
        (await city.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await province.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await county.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await county.GetPageAsync("/supervision/rectifications")).QuerySelector("#rectifications").ShouldBeNull();
        (await city.GetAsync(new Uri($"/supervision/assessment/{otherCountyAgency}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await county.GetAsync(new Uri($"/supervision/assessment/{otherCountyAgency}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The scheme form with on-time replies (60 points, full at 100%, nothing at 50%) and overdue cases (40, full at 0, nothing at 4) only.</summary>
    internal static Dictionary<string, string> SchemeForm(string effectiveFrom)
    {
        var form = new Dictionary<string, string>
        {
            ["Lines[0].Weight"] = "60", ["Lines[0].FullAt"] = "100", ["Lines[0].ZeroAt"] = "50",
            ["Lines[1].Weight"] = "40", ["Lines[1].FullAt"] = "0", ["Lines[1].ZeroAt"] = "4",
            ["Lines[0].Include"] = "true", ["Lines[1].Include"] = "true",
            ["EffectiveFrom"] = effectiveFrom,
        };
        for (var i = 2; i < 12; i++)
        {
            form[$"Lines[{i}].Include"] = "false";
        }

        return form;
    }

    /// <summary>A case received, registered and answered through the engine, with the due date the test states.</summary>
    internal static async Task<Guid> CaseAsync(GongkaiApp app, Guid agency, DateOnly received, DateOnly due, DateOnly? concluded)
    {
        var id = await ReportCases.ApplicationAsync(app, agency, ApplicantType.NaturalPerson, received, concluded is null ? null : Outcome.Granted, concluded);
        await ApplicantCases.QueryAsync(app, db => db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, due)));
        return id;
    }

    private static Task<int> ConcludeAsync(GongkaiApp app, Guid id, DateOnly concluded) =>
        ApplicantCases.QueryAsync(app, db => db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ConcludedOn, concluded)));

    /// <summary>
    /// A province office and a city office with a supervisor each, and a second county with one agency: the three levels
    /// above the demo county's departments. Returns the other county's agency and region.
    /// </summary>
    internal static async Task<(Guid Agency, Guid Region)> LevelsAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var provinceRegion = await db.Regions.SingleAsync(r => r.Name == "河南省");
        var cityRegion = await db.Regions.SingleAsync(r => r.Name == "新乡市");
        // Version 7 ids from the real clock sort after the demo's (made at the test clock's time): the other county comes second.
        var other = new Region { Id = Guid.CreateVersion7(), ParentId = cityRegion.Id, Name = "另一县", Level = RegionLevel.County, Code = "410800", Path = "" };
        other.Path = Region.ChildPath(cityRegion.Path, other.Id);
        var otherAgency = new Agency { Id = Guid.NewGuid(), RegionId = other.Id, Name = "另一县教育局", Kind = AgencyKind.Department };
        var cityOffice = new Agency { Id = Guid.NewGuid(), RegionId = cityRegion.Id, Name = "新乡市人民政府办公室", Kind = AgencyKind.Government };
        var provinceOffice = new Agency { Id = Guid.NewGuid(), RegionId = provinceRegion.Id, Name = "河南省人民政府办公厅", Kind = AgencyKind.Government };
        db.AddRange(other, otherAgency, cityOffice, provinceOffice);
        await db.SaveChangesAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        foreach (var (name, agency) in new[] { ("city-supervisor", cityOffice.Id), ("province-supervisor", provinceOffice.Id) })
        {
            var user = new User { UserName = name, DisplayName = name, AgencyId = agency };
            (await users.CreateAsync(user, Gongkai.Web.Demo.DemoData.Password)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, Roles.Supervisor)).Succeeded.ShouldBeTrue();
        }

        return (otherAgency.Id, other.Id);
    }
}
