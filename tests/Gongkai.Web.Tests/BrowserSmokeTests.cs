using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.Playwright;

namespace Gongkai.Tests.Platform;

[Collection(BrowserTests.Name)]
public class BrowserSmokeTests(Browser browser)
{
    [Fact]
    public async Task Staff_sign_in_through_the_login_form_in_a_real_browser()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);

        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync("handler");
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await page.WaitForURLAsync("**/work");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("工作台");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("示范县教育局");
    }
}
