using System.Net;
using AngleSharp.Html.Parser;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Infrastructure;

namespace Gongkai.Tests.Platform;

/// <summary>Requests anyone can make that used to answer 500: each gets a 4xx with a Chinese explanation, or is ignored.</summary>
public class HostileRequestTests
{
    private static readonly HtmlParser Parser = new();

    [Theory]
    [InlineData("/preferences/text-size")]
    [InlineData("/status")]
    [InlineData("/status?handler=Leave")]
    [InlineData("/accounts/login")]
    [InlineData("/apply")]
    public async Task A_form_posted_without_an_antiforgery_token_gets_400_and_the_page_saying_it_expired(string url)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();
        using var form = new FormUrlEncodedContent([new("size", "large"), new("returnUrl", "/catalog"), new("Code", "ABC")]);

        var response = await client.PostAsync(new Uri(url, UriKind.Relative), form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = Parser.ParseDocument(await response.BodyAsync());
        page.QuerySelector("main h1")!.TextContent.ShouldBe("页面已过期");
        (response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith("gk-text=", StringComparison.Ordinal), "a refused form changes nothing");
    }

    [Fact]
    public async Task A_form_posted_with_a_token_of_another_session_gets_400_and_the_page_saying_it_expired()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var other = app.CreateBrowserClient();
        var token = (await other.GetPageAsync("/")).AntiforgeryToken();
        using var client = app.CreateBrowserClient();
        await client.GetPageAsync("/");
        using var form = new FormUrlEncodedContent([new("size", "large"), new("__RequestVerificationToken", token)]);

        var response = await client.PostAsync(new Uri("/preferences/text-size", UriKind.Relative), form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Parser.ParseDocument(await response.BodyAsync()).QuerySelector("main h1")!.TextContent.ShouldBe("页面已过期");
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\nSet-Cookie: a=b")]
    [InlineData(" /catalog")]
    [InlineData("evil.example")]
    [InlineData("")]
    public async Task An_unsafe_return_url_is_ignored(string returnUrl)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var textSize = await client.PostFormAsync("/", [new("size", "large"), new("returnUrl", returnUrl)], "/preferences/text-size");
        var login = await client.PostFormAsync("/accounts/login", [new("UserName", "handler"), new("Password", Gongkai.Web.Demo.DemoData.Password), new("ReturnUrl", returnUrl)]);

        textSize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        textSize.Headers.Location!.OriginalString.ShouldBe("/");
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe("/work");
    }

    [Fact]
    public async Task A_local_return_url_is_followed_with_chinese_percent_encoded()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var response = await client.PostFormAsync("/", [new("size", "large"), new("returnUrl", "/search?q=学校")], "/preferences/text-size");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/search?q=%E5%AD%A6%E6%A0%A1");
    }

    [Theory]
    [InlineData("/catalog", "/catalog")]
    [InlineData("/search?q=a&page=2", "/search?q=a&page=2")]
    [InlineData("/%5Cevil.example", "/%5Cevil.example")]
    [InlineData("/学校", "/%E5%AD%A6%E6%A0%A1")]
    [InlineData("/a\\b", "/work")]
    [InlineData("/a\u0000", "/work")]
    [InlineData("~/catalog", "/work")]
    [InlineData(null, "/work")]
    public void Local_urls_are_kept_and_everything_else_falls_back(string? url, string expected) =>
        LocalUrl.OrDefault(url, "/work").ShouldBe(expected);

    [Fact]
    public void A_url_with_a_lone_surrogate_falls_back() => LocalUrl.OrDefault("/a" + '\ud800', "/work").ShouldBe("/work");

    [Fact]
    public async Task Another_agencys_catalogue_item_is_not_found_for_every_handler_of_its_page()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        Desk.Start(app);
        var education = await app.AgencyIdAsync(Desk.Education);
        var item = await ApplicantCases.QueryAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.CatalogItems.Where(i => i.AgencyId == education)));
        using var client = await app.SignedInAsync("handler2");
        var token = (await client.GetPageAsync("/catalog-admin")).AntiforgeryToken();

        foreach (var handler in new[] { "", "?handler=Submit", "?handler=Publish", "?handler=Withdraw", "?handler=NoSuchHandler" })
        {
            using var form = new FormUrlEncodedContent([new("Reason", "测试"), new("__RequestVerificationToken", token)]);
            var response = await client.PostAsync(new Uri($"/catalog-admin/{item.Id}{handler}", UriKind.Relative), form);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);
        }

        (await client.GetAsync(new Uri($"/catalog-admin/{item.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_post_to_a_page_that_only_reads_is_refused_with_405_and_an_explanation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = await app.SignedInAsync("handler");

        var response = await client.PostFormAsync("/work", [], "/annual-reports");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        Parser.ParseDocument(await response.BodyAsync()).QuerySelector("main h1")!.TextContent.ShouldBe("不支持该操作");
    }

    [Theory]
    [InlineData("/error")]
    [InlineData("/error/500")]
    [InlineData("/error/200")]
    [InlineData("/error/2147483647")]
    public async Task The_error_page_typed_by_hand_is_not_found(string url)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Parser.ParseDocument(await response.BodyAsync()).QuerySelector("main h1")!.TextContent.ShouldBe("找不到该页面");
    }

    [Theory]
    [InlineData("/api/catalog/table2?year=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/catalog/table2?year=2147483647", HttpStatusCode.BadRequest)]
    [InlineData("/api/catalog/table2?year=abc", HttpStatusCode.BadRequest)]
    [InlineData("/catalog?year=-1", HttpStatusCode.OK)]
    [InlineData("/catalog?page=99999999999", HttpStatusCode.OK)]
    [InlineData("/admin/audit?filter.From=0001-01-01&filter.To=9999-12-31", HttpStatusCode.OK)]
    [InlineData("/supervision/reports/00000000-0000-0000-0000-000000000000/-1", HttpStatusCode.NotFound)]
    [InlineData("/applications/not-a-guid", HttpStatusCode.NotFound)]
    public async Task Out_of_range_numbers_and_dates_get_an_answer_not_a_500(string url, HttpStatusCode expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        await ApplicantCases.GrantRoleAsync(app, "admin", Gongkai.Data.Accounts.Roles.Supervisor);
        using var client = await app.SignedInAsync("admin");

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.ShouldBe(expected);
    }

    [Theory]
    [InlineData(5000, 1)]
    [InlineData(1, 5 * 1024 * 1024)]
    public async Task A_form_over_the_form_limits_gets_400_not_500(int fields, int valueLength)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();
        var token = (await client.GetPageAsync("/accounts/login")).AntiforgeryToken();
        var form = Enumerable.Range(0, fields).Select(i => new KeyValuePair<string, string>("f" + i, new string('x', valueLength)))
            .Append(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(form);

        var response = await client.PostAsync(new Uri("/accounts/login", UriKind.Relative), content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_the_request_limit_gets_413_from_the_real_server()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["Storage:MaxUploadBytes"] = "1000";
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = app.ServerAddress };
        var token = (await client.GetPageAsync("/apply")).AntiforgeryToken();
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Description", new string('x', 3 * 1024 * 1024))]);

        var response = await client.PostAsync(new Uri("/apply", UriKind.Relative), content);

        var body = Parser.ParseDocument(await response.BodyAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        body.QuerySelector("main h1")!.TextContent.ShouldBe("上传的内容太大");
    }
}
