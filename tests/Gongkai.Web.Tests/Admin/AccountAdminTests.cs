using System.Net;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Admin;

public class AccountAdminTests
{
    private const string Initial = "Shichang-2026";

    [Fact]
    public async Task An_administrator_creates_an_account_under_the_password_rules_and_it_signs_in_with_its_roles()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        var market = await ReportCases.AgencyIdAsync(app, "示范县市场监督管理局");
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");
        var form = new Dictionary<string, string>
        {
            ["UserName"] = "market1",
            ["DisplayName"] = "孙丽",
            ["AgencyId"] = market.ToString(),
            ["Password"] = "short1",
            ["ConfirmPassword"] = "short1",
        };

        var refused = await admin.SubmitAsync("/admin/users/new", form, "SelectedRoles=Handler", formSelector: "#user-form");

        var page = await refused.PageAsync();
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("密码至少需要 10 个字符。");
        page.QuerySelector("#UserName")!.GetAttribute("value").ShouldBe("market1");
        page.QuerySelector("#AgencyId option[selected]")!.TextContent.ShouldStartWith("示范县市场监督管理局");

        form["Password"] = form["ConfirmPassword"] = Initial;
        var created = await admin.SubmitAsync("/admin/users/new", form, "SelectedRoles=Handler", formSelector: "#user-form");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await admin.GetPageAsync("/admin/users");
        var row = list.QuerySelectorAll("#accounts tbody tr").Single(r => r.TextContent.Contains("market1", StringComparison.Ordinal));
        row.TextContent.ShouldContain("孙丽");
        row.TextContent.ShouldContain("示范县市场监督管理局");
        row.TextContent.ShouldContain("经办人");

        using var newcomer = ReportCases.Client(app);
        var login = await newcomer.LoginAsync("market1", Initial);
        login.Headers.Location!.ToString().ShouldBe("/work");
        (await newcomer.GetStringAsync(new Uri("/work", UriKind.Relative))).ShouldContain("示范县市场监督管理局");

        var duplicate = await admin.SubmitAsync("/admin/users/new", form, "SelectedRoles=Handler", formSelector: "#user-form");
        (await duplicate.PageAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("用户名“market1”已被使用。");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Locking_resetting_and_ending_sessions_take_effect_at_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        var handler = await UserIdAsync(app, "handler");
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");
        using var worker = ReportCases.Client(app);
        await worker.LoginAsync("handler");
        (await worker.GetAsync(new Uri("/work", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var detail = $"/admin/users/{handler}";

        (await admin.GetPageAsync(detail)).QuerySelector("#account-facts")!.TextContent.ShouldContain("1 个");
        await admin.SubmitAsync(detail, new Dictionary<string, string>(), formSelector: "form[action$='handler=endsessions']");
        var signedOut = await worker.GetAsync(new Uri("/work", UriKind.Relative));
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.AbsolutePath.ShouldBe("/accounts/login");

        await admin.SubmitAsync(detail, new Dictionary<string, string>(), formSelector: "form[action$='handler=lock']");
        (await (await worker.LoginAsync("handler")).BodyAsync()).ShouldContain("该账号已被管理员锁定，不能登录。请联系系统管理员解锁。");
        (await admin.GetPageAsync("/admin/users")).QuerySelectorAll("#accounts tbody tr")
            .Single(r => r.TextContent.Contains("张明", StringComparison.Ordinal)).TextContent.ShouldContain("已锁定");

        await admin.SubmitAsync(detail, new Dictionary<string, string>(), formSelector: "form[action$='handler=unlock']");
        (await worker.LoginAsync("handler")).Headers.Location!.ToString().ShouldBe("/work");

        var mismatch = await admin.SubmitAsync(detail, new Dictionary<string, string> { ["NewPassword"] = "Neu-Passwort-1", ["ConfirmPassword"] = "other" }, formSelector: "#reset-form");
        (await mismatch.PageAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("两次输入的密码不一致。");
        await admin.SubmitAsync(detail, new Dictionary<string, string> { ["NewPassword"] = "Neu-Passwort-1", ["ConfirmPassword"] = "Neu-Passwort-1" }, formSelector: "#reset-form");
        (await worker.GetAsync(new Uri("/work", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a new password ends the old sessions");
        (await (await worker.LoginAsync("handler")).BodyAsync()).ShouldContain("用户名或密码不正确。");
        (await worker.LoginAsync("handler", "Neu-Passwort-1")).Headers.Location!.ToString().ShouldBe("/work");

        await using var scope = app.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<GongkaiDbContext>().AuditLog
            .Where(a => a.EntityId == handler.ToString()).Select(a => a.Action).ToListAsync();
        actions.ShouldBe(["user.sessions-ended", "user.locked", "user.unlocked", "user.password-reset"], ignoreOrder: true, "the test clock stands still, so the order is not recorded");
    }

    [Fact]
    public async Task Roles_change_on_the_next_sign_in_and_an_administrator_cannot_lock_out_themselves()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        var reviewer = await UserIdAsync(app, "reviewer");
        var self = await UserIdAsync(app, "admin");
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        await admin.SubmitAsync($"/admin/users/{reviewer}", new Dictionary<string, string>(), "SelectedRoles=Publisher", formSelector: "#user-form");
        (await admin.GetPageAsync("/admin/users")).QuerySelectorAll("#accounts tbody tr")
            .Single(r => r.TextContent.Contains("李华", StringComparison.Ordinal)).TextContent.ShouldContain("审核人、发布人");

        var page = await admin.GetPageAsync($"/admin/users/{self}");
        page.QuerySelector("form[action$='handler=lock']").ShouldBeNull();
        var locked = await admin.SubmitAsync(page, $"/admin/users/{self}", new Dictionary<string, string>(), formSelector: "form[action$='handler=endsessions']");
        locked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var demoted = await admin.LoginAsync("admin");
        var roles = await admin.SubmitAsync($"/admin/users/{self}", new Dictionary<string, string> { ["SelectedRoles"] = Roles.Handler }, formSelector: "#user-form");
        (await roles.PageAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("不能取消自己的管理员角色");
        demoted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Accounts_outside_the_administrators_region_are_not_found()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        Guid outsider;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            var city = await db.Regions.SingleAsync(r => r.Name == "新乡市");
            var agency = new Agency { Id = Guid.NewGuid(), RegionId = city.Id, Name = "新乡市教育局", Kind = AgencyKind.Department };
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
            var user = new User { UserName = "city1", DisplayName = "市局人员", AgencyId = agency.Id };
            (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().CreateAsync(user, Initial)).Succeeded.ShouldBeTrue();
            outsider = user.Id;
        }

        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        (await admin.GetAsync(new Uri($"/admin/users/{outsider}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative))).ShouldNotContain("city1");
    }

    private static async Task<Guid> UserIdAsync(GongkaiApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GongkaiDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
