using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;

namespace Gongkai.Tests.Work;

public class WorkNavigationTests
{
    [Fact]
    public async Task Every_signed_in_account_finds_the_work_page_in_the_navigation_and_visitors_do_not()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);

        foreach (var user in new[] { "handler", "publisher", "supervisor", "admin" })
        {
            using var client = await app.SignedInAsync(user);
            var work = await client.GetPageAsync("/work");
            var link = work.QuerySelector("nav.main-nav a[href='/work']")!;
            link.FirstElementChild!.TextContent.ShouldBe("工作台", user);
            link.TextContent.ShouldNotContain("@", customMessage: user);
            link.GetAttribute("aria-current").ShouldBe("page", user);
            var home = await client.GetPageAsync("/");
            home.QuerySelector("nav.main-nav a[href='/work']")!.HasAttribute("aria-current").ShouldBeFalse(user);
        }

        using var visitor = app.CreateBrowserClient();
        (await visitor.GetPageAsync("/")).QuerySelector("nav.main-nav a[href='/work']").ShouldBeNull();
    }
}
