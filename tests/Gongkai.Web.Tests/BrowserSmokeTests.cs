using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.Playwright;

namespace Gongkai.Tests.Platform;

[Collection(BrowserTests.Name)]
public class BrowserSmokeTests(Browser browser) : BrowserTest
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

    [Fact]
    public async Task Kestrel_sends_the_security_headers_and_no_server_header_and_the_browser_reports_a_policy_violation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);

        var response = await page.GotoAsync("/");

        var headers = await response!.AllHeadersAsync();
        headers["content-security-policy"].ShouldBe(Gongkai.Web.Infrastructure.SecurityHeaders.ContentSecurityPolicy);
        headers["x-content-type-options"].ShouldBe("nosniff");
        headers.ShouldNotContainKey("server");

        // An inline event handler, as a page with an injected onclick="…" would have: Chromium refuses it, and the
        // browser tests see the refusal.
        await page.RunAndWaitForConsoleMessageAsync(
            () => page.EvaluateAsync("document.body.insertAdjacentHTML('beforeend', '<img alt=\"\" src=\"/favicon-missing.png\" onerror=\"document.title = 1\">')"),
            new() { Predicate = message => message.Text.Contains("Content Security Policy", StringComparison.Ordinal) });
        (await page.TitleAsync()).ShouldNotBe("1");
        lock (browser.Violations)
        {
            browser.Violations.ShouldHaveSingleItem().ShouldContain("inline event handler violates the following Content Security Policy directive 'script-src 'self''");
            browser.Violations.Clear();
        }
    }
}
