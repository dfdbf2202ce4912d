using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.Playwright;

namespace Gongkai.Tests.Portal;

/// <summary>
/// Issue 5's journey in one real browser: a member of the public searches with a two-character query, opens an
/// item, applies to the agency that published it, and later comes back with the code and phone to read the status.
/// </summary>
[Collection(BrowserTests.Name)]
public class PublicJourneyBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task Search_open_an_item_apply_and_come_back_with_the_code_and_phone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        var page = await browser.OpenAsync(app);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox).First.FillAsync("拆迁");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=*");
        var first = page.Locator("ol.results h3 a").First;
        (await first.Locator("mark").First.InnerTextAsync()).ShouldBe("拆迁");
        var title = await first.InnerTextAsync();
        await first.ClickAsync();
        await page.WaitForURLAsync("**/catalog/*");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe(title);
        var publisher = await page.Locator("table.item-meta th:text-is('发布机构') + td").InnerTextAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = $"向{publisher}提出政府信息公开申请" }).ClickAsync();
        await page.WaitForURLAsync("**/apply?agency=*");
        (await page.GetByLabel("向哪个机关申请").Locator("option:checked").InnerTextAsync()).ShouldBe(publisher);
        await page.GetByLabel("自然人（公民个人）").CheckAsync();
        await page.GetByLabel("姓名或名称").FillAsync("李红");
        await page.GetByLabel("证件类型").SelectOptionAsync(new SelectOptionValue { Label = "居民身份证" });
        await page.GetByLabel("证件号码").FillAsync("11010519491231002X");
        await page.GetByLabel("联系电话").FillAsync("13800138000");
        await page.GetByLabel("所需信息的描述").FillAsync($"《{title}》所涉项目的补偿安置方案");
        await page.GetByLabel("电子文档").CheckAsync();
        await page.GetByLabel("在线下载（本平台）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await page.WaitForURLAsync("**/apply/receipt");
        var code = await page.Locator("[data-receipt-code]").InnerTextAsync();

        var later = await browser.OpenAsync(app);
        await later.GotoAsync("/status");
        await later.GetByLabel("查询码").FillAsync(code);
        await later.GetByLabel("联系电话").FillAsync("13800138000");
        await later.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await later.WaitForURLAsync("**/status/case");

        (await later.Locator("[data-stage]").InnerTextAsync()).ShouldBe("已收到、尚未登记");
        (await later.Locator("main").InnerTextAsync()).ShouldContain(publisher);
        (await later.Locator("ol.timeline").InnerTextAsync()).ShouldContain("收到申请（互联网渠道）");
    }
}
