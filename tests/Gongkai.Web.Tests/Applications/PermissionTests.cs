using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>Who sees what, proven over HTTP: agency boundaries, supervisors' subtree, personal data, anonymous access.</summary>
public class PermissionTests
{
    [Fact]
    public async Task Another_agencys_case_is_not_found_on_the_page_in_the_api_and_for_actions()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var own = await app.CaseAsync(Desk.Education);
        var other = await app.CaseAsync(Desk.NaturalResources, q => q.Where(a => a.State == CaseState.InProgress));
        using var client = await app.SignedInAsync("handler");

        (await client.GetAsync(new Uri($"/applications/{own.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(new Uri($"/applications/{other.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(new Uri($"/api/applications/{other.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.ActAsync(other.Id, "withdraw", new { reason = "测试" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var page = await client.GetPageAsync($"/applications/{own.Id}");
        using var form = new FormUrlEncodedContent([new("ActionKey", "withdraw"), new("__RequestVerificationToken", page.AntiforgeryToken())]);
        (await client.PostAsync(new Uri($"/applications/{other.Id}", UriKind.Relative), form)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var db = app.Database.CreateContext();
        var queue = await (await client.GetAsync(new Uri("/api/applications", UriKind.Relative))).JsonAsync();
        queue.GetProperty("total").GetInt32().ShouldBe(await db.Applications.CountAsync(a => a.AgencyId == own.AgencyId), "the queue lists only the own agency's cases");
        (await db.Applications.Where(a => a.Id == other.Id).Select(a => a.State).SingleAsync()).ShouldBe(CaseState.InProgress, "nothing changed");
    }

    [Fact]
    public async Task A_supervisor_reads_the_region_subtree_but_never_personal_data_and_cannot_act()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var outside = await AddCaseInAnotherCountyAsync(app);
        var education = await app.CaseAsync(Desk.Education, q => q.Where(a => a.State == CaseState.InProgress && a.IdNumber != null && a.Phone != null));
        using var client = await app.SignedInAsync("supervisor");

        var list = await client.GetStringAsync(new Uri("/supervision/applications?status=open", UriKind.Relative));
        list.ShouldContain(Desk.Education);
        list.ShouldContain(Desk.NaturalResources);
        list.ShouldNotContain(outside.Number, customMessage: "a county outside the supervisor's region");
        var openNames = await OpenApplicantNamesAsync(app);
        openNames.ShouldNotBeEmpty();
        foreach (var name in openNames)
        {
            list.ShouldNotContain(name, customMessage: "applicant names are personal data");
        }

        var casePage = await client.GetAsync(new Uri($"/applications/{education.Id}", UriKind.Relative));
        casePage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await casePage.BodyAsync();
        body.ShouldContain("答复期限届满日");
        body.ShouldNotContain(education.IdNumber!);
        body.ShouldNotContain(education.Phone!);
        body.ShouldNotContain(education.Address!);
        body.ShouldNotContain(education.ReceiptCode);
        body.ShouldNotContain("action-offline-reply", customMessage: "no action forms for a supervisor");

        var api = await client.GetAsync(new Uri($"/api/applications/{education.Id}", UriKind.Relative));
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await api.JsonAsync();
        json.GetProperty("applicant").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await api.Content.ReadAsStringAsync()).ShouldNotContain(education.IdNumber!);

        var queue = await (await client.GetAsync(new Uri("/api/applications?status=open", UriKind.Relative))).JsonAsync();
        foreach (var item in queue.GetProperty("items").EnumerateArray())
        {
            item.GetProperty("applicantName").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        }

        (await client.GetAsync(new Uri($"/applications/{outside.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(new Uri($"/api/applications/{outside.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.ActAsync(education.Id, "withdraw", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.AuditCountAsync("applicant.viewed", userName: "supervisor")).ShouldBe(0, "no personal data was shown");
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page_and_the_api_answers_401()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var education = await app.CaseAsync(Desk.Education);
        using var client = app.CreateBrowserClient();

        foreach (var url in new[] { "/applications", $"/applications/{education.Id}", "/applications/register", "/supervision/applications", "/admin/audit" })
        {
            var page = await client.GetAsync(new Uri(url, UriKind.Relative));
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            page.Headers.Location!.PathAndQuery.ShouldStartWith("/accounts/login?ReturnUrl=", customMessage: url);
        }

        (await client.GetAsync(new Uri("/api/applications", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync(new Uri($"/api/applications/{education.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.ActAsync(education.Id, "withdraw", new { })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_view_of_personal_data_is_audited_and_the_queue_is_not()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var education = await app.CaseAsync(Desk.Education, q => q.Where(a => a.IdNumber != null));
        using var client = await app.SignedInAsync("handler");
        var id = education.Id.ToString();

        await client.GetStringAsync(new Uri("/applications", UriKind.Relative));
        (await app.AuditCountAsync("applicant.viewed", userName: "handler")).ShouldBe(0);

        (await client.GetStringAsync(new Uri($"/applications/{id}", UriKind.Relative))).ShouldContain(PersonalDataMask.IdentityNumber(education.IdNumber!));
        (await client.GetStringAsync(new Uri($"/applications/{id}", UriKind.Relative))).ShouldContain(PersonalDataMask.IdentityNumber(education.IdNumber!));
        var api = await (await client.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative))).JsonAsync();
        api.GetProperty("applicant").GetProperty("idNumber").GetString().ShouldBe(PersonalDataMask.IdentityNumber(education.IdNumber!));

        (await app.AuditCountAsync("applicant.viewed", id, "handler")).ShouldBe(3);
        await using var db = app.Database.CreateContext();
        var entry = await db.AuditLog.Where(e => e.Action == "applicant.viewed").OrderBy(e => e.AtUtc).FirstAsync();
        entry.EntityType.ShouldBe("Application");
        entry.AgencyId.ShouldBe(education.AgencyId);
        entry.Summary.ShouldBe($"查看申请 {education.Number} 的申请人个人信息");
    }

    [Fact]
    public async Task Staff_who_only_publish_read_cases_but_cannot_act()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var education = await app.CaseAsync(Desk.Education, q => q.Where(a => a.State == CaseState.InProgress));
        using var client = await app.SignedInAsync("publisher");

        var page = await client.GetStringAsync(new Uri($"/applications/{education.Id}", UriKind.Relative));
        page.ShouldContain(education.Number);
        page.ShouldNotContain("action-offline-reply");
        var response = await client.ActAsync(education.Id, "withdraw", new { });
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.JsonAsync()).GetProperty("detail").GetString().ShouldBe("只有承办机关的经办人和审核人可以办理申请；您可以查看，不能办理。");
        (await client.GetAsync(new Uri("/applications/register", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Only_handlers_and_reviewers_are_offered_the_link_to_register_an_application()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);

        foreach (var (user, offered) in new[] { ("handler", true), ("reviewer", true), ("publisher", false), ("admin", false) })
        {
            using var client = await app.SignedInAsync(user);
            foreach (var url in new[] { "/work", "/applications" })
            {
                var page = await client.GetPageAsync(url);
                page.QuerySelectorAll("main a[href='/applications/register']").Length.ShouldBe(offered ? 1 : 0, $"{user} on {url}");
            }

            var register = await client.GetAsync(new Uri("/applications/register", UriKind.Relative));
            register.StatusCode.ShouldBe(offered ? HttpStatusCode.OK : HttpStatusCode.Redirect, user);
        }
    }

    [Fact]
    public async Task Staff_who_only_publish_get_no_forms_for_letters_files_or_reviews_and_their_posts_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var education = await app.CaseAsync(Desk.Education, q => q.Where(a => a.State == CaseState.InProgress));
        using var client = await app.SignedInAsync("publisher");

        foreach (var (url, post) in new[]
        {
            ($"/applications/{education.Id}/letters", $"/applications/{education.Id}/letters"),
            ($"/applications/{education.Id}/attachments", $"/applications/{education.Id}/attachments?handler=Upload"),
            ($"/applications/{education.Id}/reviews", $"/applications/{education.Id}/reviews"),
        })
        {
            var page = await client.GetPageAsync(url);
            page.QuerySelector("#read-only")!.TextContent.ShouldStartWith("只有承办机关的经办人和审核人可以", customMessage: url);
            page.QuerySelectorAll("main form").Length.ShouldBe(0, url);
            var refused = await client.PostFormAsync(url, [new("Kind", "Receipt")], post);
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect, post);
            refused.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied", post);
        }

        await using var db = app.Database.CreateContext();
        (await db.Letters.CountAsync(l => l.ApplicationId == education.Id && l.Kind == "Receipt")).ShouldBe(0);
    }

    [Fact]
    public async Task The_history_names_an_applicant_by_role_for_readers_who_may_not_see_personal_data()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app, applicant: "赵六");
        await ApplicantCases.AppendAsync(
            app,
            application.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new CorrectionRequested(at, ApplicantCases.Handler, new DateOnly(2024, 7, 1), "请写明学段。"),
            at => new CorrectionReceived(at, new Actor("赵六", ActorRole.Applicant)));

        using var supervisor = await app.SignedInAsync("supervisor");
        var rows = (await supervisor.GetPageAsync($"/applications/{application.Id}")).QuerySelectorAll("#history tbody tr");
        var history = rows[^1].TextContent;
        history.ShouldContain("申请人");
        history.ShouldNotContain("赵六");
        var api = await (await supervisor.GetAsync(new Uri($"/api/applications/{application.Id}", UriKind.Relative))).JsonAsync();
        api.GetProperty("events").EnumerateArray().Last().GetProperty("actorName").GetString().ShouldBe("申请人");

        using var handler = await app.SignedInAsync("handler");
        var handlerRows = (await handler.GetPageAsync($"/applications/{application.Id}")).QuerySelectorAll("#history tbody tr");
        handlerRows[^1].TextContent.ShouldContain("赵六");
    }

    [Fact]
    public async Task A_refused_page_request_lands_on_the_denied_page_which_answers_403_and_explains()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await app.SignedInAsync("handler");

        var refused = await handler.GetAsync(new Uri("/admin/audit", UriKind.Relative));
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var denied = await handler.GetAsync(refused.Headers.Location);

        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await denied.BodyAsync());
        page.QuerySelector("main h1")!.TextContent.ShouldBe("没有权限");
        page.QuerySelector("main p")!.TextContent.ShouldBe("您的账号没有访问该页面的权限。如需开通，请联系本单位的平台管理员。");
    }

    [Fact]
    public async Task Only_administrators_read_the_audit_log_and_it_filters_by_action_and_user()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var education = await app.CaseAsync(Desk.Education, q => q.Where(a => a.State == CaseState.InProgress));
        using (var handler = await app.SignedInAsync("handler"))
        {
            await handler.GetStringAsync(new Uri($"/applications/{education.Id}", UriKind.Relative));
            var denied = await handler.GetAsync(new Uri("/admin/audit", UriKind.Relative));
            denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            denied.Headers.Location!.PathAndQuery.ShouldStartWith("/accounts/denied");
        }

        using var admin = await app.SignedInAsync("admin");
        var all = await admin.GetStringAsync(new Uri("/admin/audit", UriKind.Relative));
        all.ShouldContain($"查看申请 {education.Number} 的申请人个人信息");

        var filtered = await admin.GetPageAsync("/admin/audit?action=applicant.viewed&user=handler&from=2024-06-17&to=2024-06-17");
        var rows = filtered.QuerySelectorAll("table.audit tbody tr");
        rows.Length.ShouldBe(1);
        rows[0].TextContent.ShouldContain("查看申请人个人信息");
        (await admin.GetPageAsync("/admin/audit?action=applicant.viewed&from=2024-06-18")).QuerySelectorAll("table.audit tbody tr").Length.ShouldBe(0);
    }

    private static async Task<List<string>> OpenApplicantNamesAsync(GongkaiApp app)
    {
        await using var db = app.Database.CreateContext();
        return await db.Applications.Where(a => a.State == CaseState.InProgress).Select(a => a.ApplicantName).ToListAsync();
    }

    /// <summary>A county beside 示范县 (same city), with an agency and one open case the county supervisor must not see.</summary>
    private static async Task<ApplicationRecord> AddCaseInAnotherCountyAsync(GongkaiApp app)
    {
        Desk.Start(app);
        await using var db = app.Database.CreateContext();
        var city = await db.Regions.SingleAsync(r => r.Name == "新乡市");
        var county = new Region { Id = Guid.NewGuid(), ParentId = city.Id, Name = "另一县", Level = RegionLevel.County, Path = "" };
        county.Path = Region.ChildPath(city.Path, county.Id);
        var agency = new Agency { Id = Guid.NewGuid(), RegionId = county.Id, Name = "另一县教育局", Kind = AgencyKind.Department };
        var record = new ApplicationRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = agency.Id,
            Number = "2024-9001",
            ReceiptCode = "ZZZZ999999",
            ApplicantName = "另一县申请人",
            Description = "另一县的学区划分方案",
            Channel = ReceiptChannel.InPerson,
            ArrivedOn = new DateOnly(2024, 6, 3),
        };
        record.Refresh(record.ToCase(CaseRules.Default), CaseRules.Default, DateTime.UnixEpoch);
        db.AddRange(county, agency, record);
        await db.SaveChangesAsync();
        return record;
    }
}
