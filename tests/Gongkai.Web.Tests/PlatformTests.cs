using System.Net;
using System.Net.Http.Json;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;

namespace Gongkai.Tests.Platform;

public class PlatformTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_reports_the_provider_and_that_every_migration_is_applied(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var health = await response.Content.ReadFromJsonAsync<Gongkai.Web.Health.HealthEndpoints.HealthReport>();
        health!.Status.ShouldBe("ok");
        health.Provider.ShouldBe(provider);
        health.AppliedMigrations.ShouldContain("20261122000001_Initial");
        health.PendingMigrations.ShouldBeEmpty();
    }

    [Fact]
    public async Task OpenApi_document_describes_the_json_endpoints()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        document.ShouldContain("\"/health\"");
        document.ShouldContain("Gongkai 公开 API");
    }

    [Fact]
    public async Task A_demo_account_signs_in_and_a_wrong_password_is_refused_in_chinese()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var wrong = await client.LoginAsync("handler", "wrong-password-1");
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await wrong.BodyAsync();
        body.ShouldContain("用户名或密码不正确。");
        body.ShouldContain("value=\"handler\"", customMessage: "the form keeps what was typed");

        var right = await client.LoginAsync("handler");
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.ToString().ShouldBe("/work");
        (await client.GetStringAsync(new Uri("/work", UriKind.Relative))).ShouldContain("示范县教育局");
    }

    [Fact]
    public async Task Pages_for_staff_send_anonymous_visitors_to_the_login_page_and_apis_answer_401()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var page = await client.GetAsync(new Uri("/work", UriKind.Relative));

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.PathAndQuery.ShouldStartWith("/accounts/login?ReturnUrl=%2Fwork");
    }

    [Fact]
    public async Task Two_app_nodes_on_one_postgresql_database_behave_as_one()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var first = new GongkaiApp(database);
        await using var second = new GongkaiApp(database);
        var browser = new CookieJar();
        using var onFirst = first.CreateDefaultClient(browser.Handler());
        using var onSecond = second.CreateDefaultClient(browser.Handler());

        (await onFirst.LoginAsync("handler")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The session made on the first node is honoured by the second.
        var work = await onSecond.GetAsync(new Uri("/work", UriKind.Relative));
        work.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await work.BodyAsync()).ShouldContain("张明（经办人）");

        // A form rendered by the first node is accepted by the second (same antiforgery keys), and signing out
        // there ends the session on both.
        var page = await onFirst.GetPageAsync("/accounts/logout");
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", page.AntiforgeryToken())]);
        var logout = await onSecond.PostAsync(new Uri("/accounts/logout", UriKind.Relative), form);
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        logout.Headers.Location!.ToString().ShouldBe("/");

        var after = await onFirst.GetAsync(new Uri("/work", UriKind.Relative));
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session was removed from the shared database");
    }
}
