using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.Playwright;

namespace Gongkai.Tests.Web.Supervision;

[Collection(BrowserTests.Name)]
public class SupervisionBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task The_supervisors_dashboard_shows_who_has_not_submitted_and_opens_a_submitted_report()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        var page = await browser.OpenAsync(app);
        await ReportCases.Seed2024Async(app);
        await SupervisionTests.PublishEducationAsync(app);
        app.Clock.Now = new DateTimeOffset(2025, 2, 20, 2, 0, 0, TimeSpan.Zero);

        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync("supervisor");
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
        await page.GetByRole(AriaRole.Link, new() { Name = "监督检查" }).ClickAsync();

        var missing = page.GetByRole(AriaRole.Alert);
        (await missing.Locator("h2").InnerTextAsync()).ShouldBe("未提交（5 个）");
        (await missing.InnerTextAsync()).ShouldContain("示范县自然资源局（示范县）期限 2025-01-31 已逾期 20 天未发布");
        (await page.Locator("#agency-reports .status-missing").CountAsync()).ShouldBe(5);

        await page.GetByLabel("显示").SelectOptionAsync(new SelectOptionValue { Label = "只看未提交" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await page.WaitForURLAsync("**/supervision?year=2024&show=missing");
        (await page.Locator("#agency-reports tbody tr").CountAsync()).ShouldBe(5);

        await page.GetByLabel("显示").SelectOptionAsync(new SelectOptionValue { Label = "全部机关" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "查看报告" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("示范县教育局2024年政府信息公开工作年度报告");
        (await page.Locator("td[data-path='table3.carriedForward.total']").InnerTextAsync()).Trim().ShouldBe("2");
    }
}
