using System.Net;
using AngleSharp.Html.Parser;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Accounts;

/// <summary>
/// Failed sign-ins slow the guesser, not the staff member: waits per account and client address that double, a
/// wait per address for password spraying, a lock only for an attack from many addresses, and an administrator's unlock.
/// The app's clock is moved by hand; nothing sleeps.
/// </summary>
public class SignInThrottleTests
{
    private const string Wrong = "wrong-password-1";

    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task An_attacker_at_one_address_cannot_keep_the_real_user_at_another_address_out()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var attacker = From(app, "203.0.113.5");

        for (var i = 0; i < 30; i++)
        {
            await attacker.LoginAsync("reviewer", Wrong);
        }

        // Even the right password is not tried from the attacker's address while it waits.
        (await ErrorAsync(await attacker.LoginAsync("reviewer"))).ShouldBe("登录失败次数较多，为保护账号，请于 2024-06-17 10:00:05（北京时间）之后再试。");
        using var user = From(app, "198.51.100.7");
        var response = await user.LoginAsync("reviewer");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/work");
        (await FailuresAsync(app)).ShouldBe(3, "attempts refused while waiting are not counted (nor checked)");
    }

    [Fact]
    public async Task Each_further_failure_from_the_same_address_doubles_the_wait_and_the_page_says_until_when()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = From(app, "203.0.113.5");

        for (var i = 0; i < 3; i++)
        {
            (await ErrorAsync(await client.LoginAsync("handler", Wrong))).ShouldBe("用户名或密码不正确。");
        }

        var expected = new[] { "10:00:05", "10:00:15", "10:00:35", "10:01:15" };
        for (var i = 0; i < expected.Length; i++)
        {
            (await ErrorAsync(await client.LoginAsync("handler"))).ShouldBe($"登录失败次数较多，为保护账号，请于 2024-06-17 {expected[i]}（北京时间）之后再试。");
            app.Clock.Advance(TimeSpan.FromSeconds(5 << i));
            (await ErrorAsync(await client.LoginAsync("handler", Wrong))).ShouldBe("用户名或密码不正确。");
        }

        app.Clock.Advance(TimeSpan.FromSeconds(79));
        (await ErrorAsync(await client.LoginAsync("handler"))).ShouldBe("登录失败次数较多，为保护账号，请于 2024-06-17 10:02:35（北京时间）之后再试。");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var signedIn = await client.LoginAsync("handler");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the wait is over");
        (await FailuresAsync(app)).ShouldBe(0, "signing in clears the failures of this account from this address");
    }

    [Fact]
    public async Task The_wait_stops_at_fifteen_minutes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = From(app, "203.0.113.5");

        for (var i = 0; i < 12; i++)
        {
            await client.LoginAsync("handler", Wrong);
            app.Clock.Advance(TimeSpan.FromMinutes(15));
        }

        app.Clock.Advance(TimeSpan.FromMinutes(-15));
        (await ErrorAsync(await client.LoginAsync("handler"))).ShouldBe("登录失败次数较多，为保护账号，请于 2024-06-17 13:00:00（北京时间）之后再试。");
    }

    [Fact]
    public async Task Guessing_many_accounts_from_one_address_slows_that_address_only()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var sprayer = From(app, "203.0.113.5");

        for (var i = 0; i < 20; i++)
        {
            (await ErrorAsync(await sprayer.LoginAsync($"staff{i}", Wrong))).ShouldBe("用户名或密码不正确。");
        }

        (await ErrorAsync(await sprayer.LoginAsync("publisher"))).ShouldBe("登录失败次数较多，为保护账号，请于 2024-06-17 10:00:05（北京时间）之后再试。");
        using var colleague = From(app, "198.51.100.7");
        (await colleague.LoginAsync("publisher")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_attack_from_many_addresses_locks_the_account_until_a_time_the_page_gives_and_the_lock_is_audited()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var bots = Enumerable.Range(1, 10).Select(i => From(app, $"203.0.113.{i}")).ToList();

        // Ten addresses, five guesses each, each address waiting its turn: 50 failures from 10 addresses.
        var lastError = "";
        for (var round = 0; round < 5; round++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(round < 3 ? 0 : 5 << (round - 3)));
            foreach (var bot in bots)
            {
                lastError = await ErrorAsync(await bot.LoginAsync("reviewer", Wrong));
            }
        }

        lastError.ShouldBe("该账号因多次登录失败已被锁定，2024-06-17 11:00:15（北京时间）自动解锁；需要提前解锁请联系系统管理员。");
        using var user = From(app, "198.51.100.7");
        (await ErrorAsync(await user.LoginAsync("reviewer"))).ShouldBe(lastError, "the real user is told too, and until when");
        (await AuditAsync(app, "user.locked")).ShouldBe(["（公众） 203.0.113.10 自动锁定账号 reviewer 至 2024-06-17 11:00:15：24 小时内来自 10 个地址的 50 次登录失败"]);

        // The lock ends on time; an attack that goes on locks the account again at its next failure.
        app.Clock.Advance(TimeSpan.FromMinutes(60));
        (await ErrorAsync(await bots[0].LoginAsync("reviewer", Wrong))).ShouldBe("该账号因多次登录失败已被锁定，2024-06-17 12:00:15（北京时间）自动解锁；需要提前解锁请联系系统管理员。");
        (await AuditAsync(app, "user.locked")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_administrator_sees_the_lock_and_the_failures_and_unlocks_the_account_with_an_audit_entry()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["SignInThrottle:LockFailures"] = "4";
        app.Settings["SignInThrottle:LockAddresses"] = "4";
        for (var i = 1; i <= 4; i++)
        {
            using var bot = From(app, $"203.0.113.{i}");
            await bot.LoginAsync("handler", Wrong);
        }

        var handlerId = await ApplicantCases.QueryAsync(app, db => db.Users.Where(u => u.UserName == "handler").Select(u => u.Id).SingleAsync());
        using var admin = From(app, "198.51.100.1");
        (await admin.LoginAsync("admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await admin.GetPageAsync($"/admin/users/{handlerId}");
        page.QuerySelector("#account-facts .badge")!.TextContent.ShouldBe("已锁定至 2024-06-17 11:00:00");
        page.QuerySelector("#failed-sign-ins")!.TextContent.ShouldBe("（24 小时内登录失败 4 次，来自 4 个地址）");
        (await admin.GetPageAsync("/admin/users")).QuerySelector("#accounts")!.TextContent.ShouldContain("已锁定至 2024-06-17 11:00:00");

        var unlock = await admin.PostFormAsync($"/admin/users/{handlerId}", [], $"/admin/users/{handlerId}?handler=unlock");

        unlock.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AuditAsync(app, "user.unlocked")).ShouldBe(["admin 198.51.100.1 解锁账号 handler，清除 4 次登录失败记录"]);
        page = await admin.GetPageAsync($"/admin/users/{handlerId}");
        page.QuerySelector("#account-facts .badge")!.TextContent.ShouldBe("正常");
        page.QuerySelector("#failed-sign-ins").ShouldBeNull();
        using var user = From(app, "198.51.100.7");
        (await user.LoginAsync("handler")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_account_locked_by_an_administrator_is_told_so_whatever_the_password()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var handlerId = await ApplicantCases.QueryAsync(app, db => db.Users.Where(u => u.UserName == "handler").Select(u => u.Id).SingleAsync());
        using var admin = From(app, "198.51.100.1");
        await admin.LoginAsync("admin");
        (await admin.PostFormAsync($"/admin/users/{handlerId}", [], $"/admin/users/{handlerId}?handler=lock")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var user = From(app, "198.51.100.7");

        (await ErrorAsync(await user.LoginAsync("handler"))).ShouldBe("该账号已被管理员锁定，不能登录。请联系系统管理员解锁。");
        (await ErrorAsync(await user.LoginAsync("handler", Wrong))).ShouldBe("该账号已被管理员锁定，不能登录。请联系系统管理员解锁。");
        (await admin.GetPageAsync($"/admin/users/{handlerId}")).QuerySelector("#account-facts .badge")!.TextContent.ShouldBe("已锁定");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_app_nodes_count_the_same_failures(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new GongkaiApp(database);
        Desk.Start(first);
        await using var second = new GongkaiApp(database, clock: first.Clock);
        using var onFirst = From(first, "203.0.113.5");
        using var onSecond = From(second, "203.0.113.5");

        for (var i = 0; i < 3; i++)
        {
            await (i % 2 == 0 ? onFirst : onSecond).LoginAsync("handler", Wrong);
        }

        (await ErrorAsync(await onSecond.LoginAsync("handler"))).ShouldBe("登录失败次数较多，为保护账号，请于 2024-06-17 10:00:05（北京时间）之后再试。");
        (await ErrorAsync(await onFirst.LoginAsync("handler"))).ShouldBe("登录失败次数较多，为保护账号，请于 2024-06-17 10:00:05（北京时间）之后再试。");
    }

    /// <summary>A browser at a client address.</summary>
    [Fact]
    public async Task Two_nodes_on_one_database_count_the_failures_of_one_address_together()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var first = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        await using var second = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        using var onFirst = From(first, "203.0.113.5");
        using var onSecond = From(second, "203.0.113.5");

        foreach (var client in new[] { onFirst, onSecond, onFirst })
        {
            (await ErrorAsync(await client.LoginAsync("handler", Wrong))).ShouldBe("用户名或密码不正确。");
        }

        (await ErrorAsync(await onSecond.LoginAsync("handler"))).ShouldBe("登录失败次数较多，为保护账号，请于 2024-06-17 10:00:05（北京时间）之后再试。",
            "2 failures on one node and 1 on the other make the 3 free failures of both");
    }

    private static HttpClient From(GongkaiApp app, string address)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Add(GongkaiApp.ClientAddressHeader, address);
        return client;
    }

    /// <summary>The error the login page shows (the response is the page itself, not a redirect).</summary>
    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "the login page again, with its error");
        return Parser.ParseDocument(await response.BodyAsync()).QuerySelector("form .error")!.TextContent;
    }

    private static Task<int> FailuresAsync(GongkaiApp app) => ApplicantCases.QueryAsync(app, db => db.SignInFailures.CountAsync());

    private static Task<List<string>> AuditAsync(GongkaiApp app, string action) => ApplicantCases.QueryAsync(app, db =>
        db.AuditLog.Where(e => e.Action == action).OrderBy(e => e.AtUtc).Select(e => e.UserName + " " + e.IpAddress + " " + e.Summary).ToListAsync());
}
