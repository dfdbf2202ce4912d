using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Portal;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gongkai.Tests.Platform;

/// <summary>
/// Staff work on phones too (a reviewer approving a letter away from the desk, a supervisor in a meeting): each role's
/// main pages at 390 px fit the width as the public pages do — the menu one row that scrolls inside itself, wide tables
/// inside their own box, and the page itself never wider than the screen.
/// </summary>
[Collection(BrowserTests.Name)]
public class StaffPhoneWidthBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task Each_roles_main_pages_fit_a_390_px_phone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var pages = new List<IPage>();
        for (var i = 0; i < 4; i++)
        {
            pages.Add(await browser.OpenAsync(app));
        }

        var someCase = await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking()
            .Where(a => a.AgencyId == db.Users.Single(u => u.UserName == "handler").AgencyId).OrderBy(a => a.Number).Select(a => a.Id).FirstAsync());
        var walks = new (string User, string[] Urls)[]
        {
            ("handler", ["/work", "/applications", $"/applications/{someCase}", "/catalog-admin", "/annual-reports", "/notifications", "/interaction/messages", "/channels"]),
            ("reviewer", ["/work", "/reviews"]),
            ("supervisor", ["/work", "/supervision", "/supervision/regions", "/supervision/assessment", "/supervision/rectifications", "/supervision/spot-checks", "/supervision/spot-checks/checklist", "/supervision/schemes"]),
            ("admin", ["/admin", "/admin/users", "/admin/audit", "/admin/calendar"]),
        };

        var problems = new List<string>();
        foreach (var ((user, urls), page) in walks.Zip(pages))
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("/accounts/login");
            await page.GetByLabel("用户名").FillAsync(user);
            await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.WaitForURLAsync("**/work");
            foreach (var url in urls)
            {
                var response = await page.GotoAsync(url);
                response!.Status.ShouldBe(200, $"{user} {url}");
                problems.AddRange((await PhoneWidthBrowserTests.FitProblemsAsync(page)).Select(p => $"{user} {url}: {p}"));
            }
        }

        problems.ShouldBeEmpty(string.Join('\n', problems));
    }
}
