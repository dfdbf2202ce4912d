using System.Text.RegularExpressions;
using Gongkai.AnnualReports;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// Issue 13's "done when" in a real browser: scheme → scores and drill-down → rectification from a report finding →
/// the agency publishes a corrected version → the re-check clears → closed → listed in the 通报; and a spot check whose
/// problem becomes a rectification.
/// </summary>
/// <remarks>
/// Every click waits for its condition before anything is read — the next page's address, or for a form that comes
/// back to the same address, the new text — because the page before the click may already have the element read
/// after it (the report's state) and reading at once would read the old page. The workspace's publish button asks with <c>window.confirm</c>, which Playwright dismisses (nothing is
/// posted) unless the test accepts it.
/// </remarks>
[Collection(BrowserTests.Name)]
public partial class SupervisionFlowBrowserTests(Browser browser) : BrowserTest
{
    private static readonly Regex RectificationPage = RectificationAddress();
    private static readonly Regex SpotCheckPage = SpotCheckAddress();

    [Fact]
    public async Task A_supervisor_assesses_raises_a_rectification_from_a_finding_the_agency_corrects_it_and_the_bulletin_lists_it_closed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        var agencyPage = await browser.OpenAsync(app);
        await ReportCases.Seed2024Async(app);
        const string Title = "2024 年度报告：第六部分未说明信息处理费";

        // The publisher's draft leaves part six without the fee sentence (SEC6-FEE); she publishes it in the browser.
        using (var draft = ReportCases.Client(app))
        {
            await draft.LoginAsync("publisher");
            var form = WorkspaceTests.CompleteForm();
            form["Sections[other]"] = "无。";
            await draft.SubmitAsync("/annual-reports/2024", form, "Command=insert:overview");
        }

        await SignInAsync(agencyPage, "publisher");
        AcceptConfirmations(agencyPage);
        await agencyPage.GotoAsync("/annual-reports/2024");
        await ClickUntilAsync(agencyPage.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).First, "#report-status", "已发布 第1版");

        // Forty days on, the supervisor makes the quarterly scheme: the defaults, a manual line instead of spot checks.
        app.Clock.Now = new DateTimeOffset(2025, 2, 20, 2, 0, 0, TimeSpan.Zero);
        var page = await browser.OpenAsync(app);
        await SignInAsync(page, "supervisor");
        await page.GetByRole(AriaRole.Link, new() { Name = "监督检查" }).ClickAsync();
        await page.WaitForURLAsync("**/supervision");
        await page.GetByRole(AriaRole.Link, new() { Name = "考核", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/supervision/assessment");
        (await page.Locator("#no-scheme").InnerTextAsync()).ShouldContain("尚未制定适用于2025年第一季度的季度考核方案");
        await page.Locator("#no-scheme").GetByRole(AriaRole.Link, new() { Name = "制定考核方案" }).ClickAsync();
        await page.WaitForURLAsync("**/supervision/schemes?kind=Quarter*");
        await page.GetByLabel("抽查问题率", new() { Exact = true }).UncheckAsync();
        await page.Locator("#include-12").CheckAsync();
        await page.GetByLabel("人工评分项").First.FillAsync("政务公开专栏建设");
        await page.GetByLabel("自哪一考核期起施行").SelectOptionAsync(new SelectOptionValue { Label = "2025年第一季度" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        (await page.Locator("#version-1 h3").InnerTextAsync()).ShouldBe("第 1 版：自2025年第一季度起施行");

        await page.GetByRole(AriaRole.Link, new() { Name = "返回考核" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/supervision/assessment?region=*");
        var education = page.Locator("#ranking tbody tr", new() { HasText = "示范县教育局" });
        (await page.Locator("#scheme-in-force").InnerTextAsync()).ShouldContain("第 1 版（自2025年第一季度起施行）");
        (await education.Locator(".rank").InnerTextAsync()).ShouldBe("1");
        // 51 of the 65 applicable points: on time 100% 20, overdue 2 cases 6, extension 5, correction 5, review corrected
        // 100% 0, report on time 10, report errors 0 (SEC6-FEE is a warning) 5; catalogue, rectification and manual 不适用.
        (await education.Locator(".total").InnerTextAsync()).ShouldBe("78.46");
        (await education.Locator(".line-1 a").InnerTextAsync()).ShouldBe("6");
        (await education.Locator(".line-1 .muted").InnerTextAsync()).ShouldBe("2 件");
        (await education.Locator(".line-5 a").InnerTextAsync()).ShouldBe("不适用");

        // The drill-down: the overdue line lists the two cases; the report line opens the report, whose finding raises
        // the rectification.
        await education.Locator(".line-1 a").ClickAsync();
        await page.WaitForURLAsync("**/supervision/assessment/**");
        (await page.Locator("#line-1 h2").InnerTextAsync()).ShouldBe("逾期件数：2 件 → 6 分（满分 10）");
        (await page.Locator("#line-1 .definition").InnerTextAsync()).ShouldStartWith("口径（第 1 版）：答复期限在考核期内");
        (await page.Locator("#line-1 tbody tr.counted-row").CountAsync()).ShouldBe(2);
        var errors = page.Locator("#line-7");
        (await errors.Locator("h2").InnerTextAsync()).ShouldBe("年度报告错误数：0 件 → 5 分（满分 5）");
        await errors.GetByRole(AriaRole.Link, new() { Name = "查看 2024 年度报告及检查结果" }).ClickAsync();
        await page.WaitForURLAsync("**/supervision/reports/**");
        await page.Locator("#raise-links a").ClickAsync();
        await page.WaitForURLAsync("**/supervision/rectifications/new?**");
        (await page.Locator("#title").InputValueAsync()).ShouldBe(Title);
        await page.GetByRole(AriaRole.Button, new() { Name = "提出整改" }).ClickAsync();
        await page.WaitForURLAsync(RectificationPage);
        (await page.Locator("#recheck").InnerTextAsync()).ShouldBe("已复查：最新的第 1 版仍有 1 处 SEC6-FEE 问题。");
        (await page.Locator("#state").InnerTextAsync()).ShouldBe("待整改");
        var rectification = page.Url;

        // The agency sees it on its 工作台, publishes version 2 with the sentence, and answers.
        agencyPage = await browser.OpenAsync(app);
        await SignInAsync(agencyPage, "publisher");
        AcceptConfirmations(agencyPage);
        var work = agencyPage.Locator("#agency-rectifications-section");
        (await work.InnerTextAsync()).ShouldContain(Title);
        await agencyPage.GotoAsync("/annual-reports/2024");
        await agencyPage.GetByLabel(NationalFormat.Section(SectionKey.Other).Heading).FillAsync("本年度未收取信息处理费。");
        await ClickUntilAsync(agencyPage.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).First, "#report-status", "已发布 第2版");
        await agencyPage.GotoAsync("/work");
        await work.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await agencyPage.WaitForURLAsync(RectificationPage);
        (await agencyPage.Locator("#recheck").InnerTextAsync()).ShouldBe("已复查：最新的第 2 版已无 SEC6-FEE 问题。");
        await agencyPage.Locator("#answer-text").FillAsync("已发布第 2 版，第六部分写明未收取信息处理费。");
        await ClickUntilAsync(agencyPage.GetByRole(AriaRole.Button, new() { Name = "提交整改答复" }), "#state", "待验收");

        // The supervisor finds it cleared, closes it, and the score and the 通报 follow.
        await page.GotoAsync(rectification);
        (await page.Locator("#recheck").InnerTextAsync()).ShouldBe("已复查：最新的第 2 版已无 SEC6-FEE 问题。");
        (await page.Locator("#answer").InnerTextAsync()).ShouldBe("已发布第 2 版，第六部分写明未收取信息处理费。");
        await ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "验收通过，办结" }), "#state", "已办结");
        (await page.Locator("#history li").CountAsync()).ShouldBe(3);

        await page.GotoAsync("/supervision/assessment?period=2025Q1");
        await page.GetByRole(AriaRole.Link, new() { Name = "考核通报" }).ClickAsync();
        await page.WaitForURLAsync("**/supervision/assessment/bulletin?**");
        var listed = page.Locator("#bulletin-rectifications tbody tr");
        (await listed.CountAsync()).ShouldBe(1);
        // Due 15 working days (the form's default) after Thursday 20 February: Thursday 13 March.
        (await listed.Locator("td").AllInnerTextsAsync()).ShouldBe(["示范县教育局", Title, "2025-03-13", "已办结（2025-02-20 办结）"]);
    }

    [Fact]
    public async Task A_spot_check_finds_a_problem_with_a_screenshot_and_it_becomes_the_agencys_rectification()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        var page = await browser.OpenAsync(app);
        await SignInAsync(page, "supervisor");
        await page.GetByRole(AriaRole.Link, new() { Name = "监督检查" }).ClickAsync();
        await page.WaitForURLAsync("**/supervision");
        await page.GetByRole(AriaRole.Link, new() { Name = "抽查", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/supervision/spot-checks");
        await page.GetByLabel("被抽查机关").SelectOptionAsync(new SelectOptionValue { Label = "示范县教育局（示范县）" });
        await page.GetByLabel("抽查数量（条）").FillAsync("2");
        await page.GetByLabel("随机种子").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "抽取样本" }).ClickAsync();
        await page.WaitForURLAsync(SpotCheckPage);
        (await page.Locator("#seed").InnerTextAsync()).ShouldBe("7");
        (await page.Locator(".spot-check-item").CountAsync()).ShouldBe(2);
        var title = await page.Locator("#item-1 h2 a").InnerTextAsync();
        var spotCheck = page.Url;

        var first = page.Locator("#check-1");
        await first.GetByLabel("不符合：标题、文号与原文一致").CheckAsync();
        await page.Locator("#note-1-title").FillAsync("标题少了“年度”二字。");
        await page.Locator("#file-1-title").SetInputFilesAsync(new FilePayload { Name = "截图说明.txt", MimeType = "text/plain", Buffer = "门户网站标题为“2024年工作要点”。"u8.ToArray() });
        await first.GetByRole(AriaRole.Button, new() { Name = "记录检查结果" }).ClickAsync();
        var problem = page.Locator("#item-1 .problem");
        (await problem.InnerTextAsync()).ShouldStartWith("不符合“标题、文号与原文一致”：标题少了“年度”二字。");
        (await page.Locator("#progress").InnerTextAsync()).ShouldBe("已检查 1 条，发现问题 1 个");

        await problem.GetByRole(AriaRole.Link, new() { Name = "提出整改" }).ClickAsync();
        await page.WaitForURLAsync("**/supervision/rectifications/new?**");
        (await page.Locator("#title").InputValueAsync()).ShouldBe("抽查问题：" + title);
        await page.GetByRole(AriaRole.Button, new() { Name = "提出整改" }).ClickAsync();
        await page.WaitForURLAsync(RectificationPage);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("抽查问题：" + title);
        (await page.Locator("#rectification-summary").InnerTextAsync()).ShouldContain("来源\n抽查问题\n");
        (await page.Locator("#state").InnerTextAsync()).ShouldBe("待整改");

        await page.GotoAsync(spotCheck);
        (await problem.GetByRole(AriaRole.Link).AllInnerTextsAsync()).ShouldBe(["证明材料", "查看整改"]);

        var agencyPage = await browser.OpenAsync(app);
        await SignInAsync(agencyPage, "publisher");
        (await agencyPage.Locator("#agency-rectifications-section").InnerTextAsync()).ShouldContain("抽查问题：" + title);
    }

    [Fact]
    public async Task The_region_overview_draws_its_trends_under_the_strict_policy_with_the_same_numbers_in_tables()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);
        var received = await ApplicantCases.QueryAsync(app, db => db.Applications
            .Where(a => a.ReceivedOn >= new DateOnly(2023, 7, 1) && a.ReceivedOn <= new DateOnly(2024, 6, 17)).Select(a => a.ReceivedOn).ToListAsync());
        var months = Enumerable.Range(0, 12).Select(i => new DateOnly(2023, 7, 1).AddMonths(i)).ToList();
        await SignInAsync(page, "supervisor");

        await page.GotoAsync("/supervision");

        var figures = page.Locator("figure[data-chart]");
        (await figures.Locator("figcaption").AllInnerTextsAsync()).ShouldBe(
            ["依申请公开：每月收到和办结件数", "每月按时办结率和逾期办结件数", "近 12 个月办理结果构成（件）", "每月发布主动公开信息条数"]);
        for (var i = 0; i < 4; i++)
        {
            await figures.Nth(i).Locator(".chart canvas").First.WaitForAsync();
        }

        var table = page.Locator("#chart-applications table");
        (await table.Locator("thead th").AllInnerTextsAsync()).Skip(1).ShouldBe(months.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
        (await table.Locator("tbody tr").First.Locator("td").AllInnerTextsAsync())
            .ShouldBe(months.Select(m => received.Count(r => r.Year == m.Year && r.Month == m.Month).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        received.Count.ShouldBeGreaterThan(0, "the demo region has applications in the year shown");
    }

    private static void AcceptConfirmations(IPage page) => page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

    /// <summary>
    /// Posts a form that comes back to the same address, and waits until the new page shows <paramref name="text"/> in
    /// <paramref name="selector"/> (the page before the post has the same element with other text).
    /// </summary>
    private static async Task ClickUntilAsync(ILocator button, string selector, string text)
    {
        await button.ClickAsync();
        await button.Page.Locator(selector, new() { HasText = text }).WaitForAsync();
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
    }

    [GeneratedRegex("/supervision/rectifications/[0-9a-f-]{36}$")]
    private static partial Regex RectificationAddress();

    [GeneratedRegex("/supervision/spot-checks/[0-9a-f-]{36}$")]
    private static partial Regex SpotCheckAddress();
}
