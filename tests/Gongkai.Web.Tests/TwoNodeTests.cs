using System.Net;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Platform;

/// <summary>Two app nodes serving one PostgreSQL database, as behind a load balancer.</summary>
public class TwoNodeTests
{
    [Fact]
    public async Task Nodes_starting_together_on_an_empty_database_set_it_up_once_and_share_one_key_ring()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var first = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        await using var second = new GongkaiApp(database, demoCases: false, demoCatalog: false);

        // Both migrate, seed and load their keys at the same moment, then both render a form (which needs a key).
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));
        var pages = await Task.WhenAll(
            Task.Run(() => first.CreateClient().GetAsync(new Uri("/accounts/login", UriKind.Relative))),
            Task.Run(() => second.CreateClient().GetAsync(new Uri("/accounts/login", UriKind.Relative))));

        pages.Select(p => p.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK]);
        await using var db = database.CreateContext();
        (await db.DataProtectionKeys.CountAsync()).ShouldBe(1, "one key ring, made by whichever node came first");
        (await db.Agencies.CountAsync()).ShouldBe(6, "the demo region is loaded once");
        (await db.Users.CountAsync(u => u.UserName == "handler")).ShouldBe(1);
        (await db.LetterTemplates.CountAsync()).ShouldBe(await db.LetterTemplates.Select(t => new { t.AgencyId, t.Kind }).Distinct().CountAsync());
        (await db.CatalogCategories.CountAsync()).ShouldBe(await db.CatalogCategories.Select(c => new { c.AgencyId, c.Scheme, c.Group, c.Name }).Distinct().CountAsync());
        await SignInOnOneAndActOnTheOtherAsync(first, second);
        await SignInOnOneAndActOnTheOtherAsync(second, first);
    }

    [Fact]
    public async Task Nodes_starting_together_on_a_database_without_keys_make_one_key_ring()
    {
        // The database is ready (as after `gongkai db migrate` and an earlier start) but holds no key yet.
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using (var earlier = new GongkaiApp(database, demoCases: false, demoCatalog: false))
        {
            _ = earlier.Services;
        }

        await using (var db = database.CreateContext())
        {
            await db.DataProtectionKeys.ExecuteDeleteAsync();
        }

        await using var first = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        await using var second = new GongkaiApp(database, demoCases: false, demoCatalog: false);

        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        await using (var db = database.CreateContext())
        {
            (await db.DataProtectionKeys.CountAsync()).ShouldBe(1);
        }

        await SignInOnOneAndActOnTheOtherAsync(first, second);
        await SignInOnOneAndActOnTheOtherAsync(second, first);
    }

    /// <summary>
    /// A handler signs in on <paramref name="signIn"/>, reads the registration form there, and posts it (with the
    /// session cookie and antiforgery token of that node) to <paramref name="act"/>, which registers the application.
    /// </summary>
    private static async Task SignInOnOneAndActOnTheOtherAsync(GongkaiApp signIn, GongkaiApp act)
    {
        var browser = new CookieJar();
        using var one = signIn.CreateDefaultClient(browser.Handler());
        using var other = act.CreateDefaultClient(browser.Handler());
        (await one.LoginAsync("handler")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var form = await one.GetPageAsync("/applications/register");
        var applicant = "跨节点" + Guid.NewGuid().ToString("N")[..6];

        using var fields = new FormUrlEncodedContent(
        [
            new("Input.Channel", "InPerson"), new("Input.ArrivedOn", "2024-06-17"), new("Input.ApplicantType", "NaturalPerson"),
            new("Input.ApplicantName", applicant), new("Input.IdDocumentType", "ResidentIdCard"), new("Input.Phone", "13800138000"),
            new("Input.Description", "县第三中学食堂承包经营招标文件"), new("RegisterNow", "false"),
            new("__RequestVerificationToken", form.AntiforgeryToken()),
        ]);
        var registered = await other.PostAsync(new Uri("/applications/register", UriKind.Relative), fields);

        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect, await registered.BodyAsync());
        (await one.GetStringAsync(registered.Headers.Location)).ShouldContain(applicant, customMessage: "the node where the handler signed in shows what the other stored");
    }
}
