using System.Net;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Audit;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Admin;

/// <summary>
/// What an administrator below the top of the platform may not do: read other regions' audit log, or change what
/// every agency shares (the holiday calendar, the platform's default letters). The city's administrator may.
/// </summary>
public class PlatformScopeTests
{
    private const string CityAdminPassword = "Shi-Guanli-2026";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_county_administrator_reads_only_the_countys_log_and_cannot_change_the_calendar_or_the_platforms_letters(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        var county = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        await AddCityAdministratorAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            var city = await db.Agencies.SingleAsync(a => a.Name == "新乡市人民政府办公室");
            db.AuditLog.AddRange(
                Entry("county.test", "县教育局的操作", county),
                Entry("city.test", "市政府办公室的操作", city.Id),
                Entry("platform.test", "不属于任何机关的操作", null));
            await db.SaveChangesAsync();
        }

        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");
        var log = await admin.GetStringAsync(new Uri("/admin/audit", UriKind.Relative));
        log.ShouldContain("县教育局的操作");
        log.ShouldNotContain("市政府办公室的操作");
        log.ShouldNotContain("不属于任何机关的操作");
        log.ShouldNotContain("city.test", customMessage: "the filter lists offer only what the administrator may read");

        var calendar = await admin.GetPageAsync("/admin/calendar");
        calendar.QuerySelector("#calendar-upload").ShouldBeNull();
        calendar.QuerySelector("#calendar-readonly")!.TextContent.ShouldContain("由管理全平台的管理员导入");
        var import = await admin.PostFormAsync("/admin/calendar", [new("Csv", "year,date,kind,name,notice\n2027,2027-01-01,off,元旦,x\n")], "/admin/calendar?handler=preview");
        import.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        import.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied");

        (await admin.GetAsync(new Uri("/admin/letter-templates/Reply.Granted?scope=platform", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var templates = await admin.GetStringAsync(new Uri("/admin/letter-templates", UriKind.Relative));
        templates.ShouldNotContain("scope=platform");
        var save = await admin.PostFormAsync(
            "/admin/letter-templates/Reply.Granted?scope=agency",
            [new("Scope", "platform"), new("Title", "改过的答复书"), new("NumberPattern", "公复〔{年}〕{序号}号"), new("Body", "{申请人}：")],
            "/admin/letter-templates/Reply.Granted?handler=Save");
        save.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            (await db.LetterTemplates.SingleAsync(t => t.AgencyId == null && t.Kind == "Reply.Granted")).Title.ShouldBe("{机关名称}政府信息公开申请答复书");
        }

        using var cityAdmin = ReportCases.Client(app);
        await cityAdmin.LoginAsync("cityadmin", CityAdminPassword);
        var cityLog = await cityAdmin.GetStringAsync(new Uri("/admin/audit", UriKind.Relative));
        cityLog.ShouldContain("县教育局的操作");
        cityLog.ShouldContain("市政府办公室的操作");
        cityLog.ShouldContain("不属于任何机关的操作");
        (await cityAdmin.GetPageAsync("/admin/calendar")).QuerySelector("#calendar-upload").ShouldNotBeNull();
        (await cityAdmin.GetAsync(new Uri("/admin/letter-templates/Reply.Granted?scope=platform", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static AuditEntry Entry(string action, string summary, Guid? agency) => new()
    {
        Id = Guid.NewGuid(),
        AtUtc = new DateTime(2024, 6, 17, 1, 0, 0, DateTimeKind.Utc),
        UserName = "someone",
        AgencyId = agency,
        Action = action,
        EntityType = "Test",
        Summary = summary,
    };

    /// <summary>新乡市 (the demo county's parent region) gets an agency and an administrator: the top of the platform.</summary>
    private static async Task AddCityAdministratorAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var city = await db.Regions.SingleAsync(r => r.Name == "新乡市");
        var agency = new Agency { Id = Guid.NewGuid(), RegionId = city.Id, Name = "新乡市人民政府办公室", Kind = AgencyKind.Government };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = "cityadmin", DisplayName = "市管理员", AgencyId = agency.Id };
        (await users.CreateAsync(user, CityAdminPassword)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, Roles.Administrator)).Succeeded.ShouldBeTrue();
    }
}
