using System.Net;
using AngleSharp.Html.Parser;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;

namespace Gongkai.Tests.Accounts;

/// <summary>A page or a session that has gone stale is explained in Chinese, not answered with a bare status.</summary>
public class ExpiryTests
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task A_form_posted_with_a_stale_antiforgery_token_gets_400_and_a_page_saying_it_expired()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();
        await client.GetPageAsync("/accounts/login");
        using var form = new FormUrlEncodedContent([new("UserName", "handler"), new("Password", "Gongkai-2026"), new("__RequestVerificationToken", "stale")]);

        var response = await client.PostAsync(new Uri("/accounts/login", UriKind.Relative), form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = Parser.ParseDocument(await response.BodyAsync());
        page.QuerySelector("main h1")!.TextContent.ShouldBe("页面已过期");
        page.QuerySelector("main p")!.TextContent.ShouldBe("页面已过期（长时间未操作或已重新登录）。请返回上一页，刷新后重新填写并提交；刷新前可先复制已填写的内容。");
    }

    [Fact]
    public async Task A_session_that_expired_sends_the_user_to_the_login_page_which_says_so()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var stranger = app.CreateBrowserClient();
        var anonymous = await stranger.GetAsync(new Uri("/work", UriKind.Relative));
        anonymous.Headers.Location!.PathAndQuery.ShouldBe("/accounts/login?ReturnUrl=%2Fwork");
        (await stranger.GetPageAsync(anonymous.Headers.Location.PathAndQuery)).QuerySelector("#session-expired").ShouldBeNull();

        using var handler = await app.SignedInAsync("handler");
        (await handler.GetAsync(new Uri("/work", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(9));
        var expired = await handler.GetAsync(new Uri("/applications", UriKind.Relative));

        expired.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        expired.Headers.Location!.PathAndQuery.ShouldBe("/accounts/login?ReturnUrl=%2Fapplications&expired=true");
        var login = await handler.GetPageAsync(expired.Headers.Location.PathAndQuery);
        login.QuerySelector("#session-expired")!.TextContent.ShouldBe("登录已过期，请重新登录。");
        login.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value").ShouldBe("/applications");
        var again = await handler.PostFormAsync(expired.Headers.Location.PathAndQuery, [new("UserName", "handler"), new("Password", "Gongkai-2026"), new("ReturnUrl", "/applications")]);
        again.Headers.Location!.ToString().ShouldBe("/applications");
    }
}
