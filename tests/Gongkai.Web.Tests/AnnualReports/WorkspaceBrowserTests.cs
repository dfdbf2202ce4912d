using Gongkai.AnnualReports;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Web.AnnualReports;
using Microsoft.Playwright;

namespace Gongkai.Tests.Web.AnnualReports;

[Collection(BrowserTests.Name)]
public class WorkspaceBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task A_publisher_writes_the_report_follows_the_findings_to_the_cells_and_publishes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        var page = await browser.OpenAsync(app);
        await ReportCases.Seed2024Async(app);
        await SignInAsync(page, "publisher");

        await page.GetByRole(AriaRole.Link, new() { Name = "年度报告" }).ClickAsync();
        await page.Locator("#report-years tr", new() { HasText = "2024 年度" }).GetByRole(AriaRole.Link, new() { Name = "开始编写" }).ClickAsync();
        await page.WaitForURLAsync("**/annual-reports/2024");
        (await page.Locator("td[data-path='table3.newReceived.total']").InnerTextAsync()).Trim().ShouldBe("8");
        (await page.Locator("#findings").InnerTextAsync()).ShouldContain("错误（10 项）");

        // Publishing asks first; declined, nothing is sent.
        var questions = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).First.ClickAsync();
        questions.ShouldBe(["确定发布2024年度报告吗？将先保存表单内容；发布后公众和监督人员即可看到这一版。"]);
        (await page.Locator("#report-status").InnerTextAsync()).ShouldContain("尚未保存");
        (await page.Locator("#publish-refusal").CountAsync()).ShouldBe(0);

        accept = true;
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).First.ClickAsync();
        var refusal = page.Locator("#publish-refusal");
        (await refusal.InnerTextAsync()).ShouldContain("还有 10 项错误，不能发布");
        await refusal.GetByRole(AriaRole.Link).First.ClickAsync();
        (await page.EvaluateAsync<string>("() => document.querySelector(':target').id")).ShouldBe("cell-table2.regulations.issued");

        foreach (var field in ReportContent.Table2Fields)
        {
            await page.GetByLabel(NationalFormat.Describe(field), new() { Exact = true }).FillAsync(field == Table2Field.Licensing ? "26" : "0");
        }

        await page.GetByLabel("表二「行政许可」本年处理决定数量 来源说明").FillAsync("行政审批股许可台账");
        await page.GetByLabel(NationalFormat.Section(SectionKey.Problems).Heading).FillAsync("一是主动公开内容不够全面；二是政策解读形式单一。下一步将完善公开目录，丰富解读形式。");
        await page.GetByLabel(NationalFormat.Section(SectionKey.Other).Heading).FillAsync("本年度未收取信息处理费。");
        await page.GetByRole(AriaRole.Button, new() { Name = "插入表格数字" }).First.ClickAsync();
        await page.WaitForURLAsync("**/annual-reports/2024#section-overview");

        (await page.GetByLabel(NationalFormat.Section(SectionKey.Overview).Heading).InputValueAsync())
            .ShouldBe("2024年，本机关共收到政府信息公开申请8件，上年结转1件，办结7件，结转下年度继续办理2件；发生政府信息公开行政复议2件、行政诉讼1件。");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("已保存为草稿第1版。");
        (await page.Locator("#findings").InnerTextAsync()).ShouldContain("未发现问题");

        await page.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).First.ClickAsync();

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith("已发布第1版。");
        (await page.Locator("#report-status").InnerTextAsync()).ShouldContain("已发布 第1版");
        (await page.Locator("#versions").InnerTextAsync()).ShouldContain("王芳（发布人），2025-01-10 10:00");
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
    }
}
