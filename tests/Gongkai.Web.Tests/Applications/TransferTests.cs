using System.Net;
using System.Net.Http.Json;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>
/// 条例第三十六条第（五）项: the reply names the competent agency and its contact, and with the applicant's consent the
/// case is forwarded as a new application at that agency, both cases linked and in both histories.
/// </summary>
public class TransferTests
{
    private const string Contact = "地址：示范县人民路 1 号，电话：0373-5000003";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_transferred_application_links_both_cases(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var source = await SubmitAsync(app, agreesToForward: true);
        source.ForwardConsent.ShouldBe(true);
        using var handler = await app.SignedInAsync("handler");
        using var reviewer = await app.SignedInAsync("reviewer");
        var resources = await app.AgencyIdAsync(Desk.NaturalResources);

        var letter = await IssueNotThisAgencyAsync(app, handler, reviewer, source.Id, resources);
        letter.Body.ShouldContain(
            "经审查，您申请获取的政府信息不属于本机关负责公开。理由如下：学区划分方案由自然资源部门会同编制。"
            + $"负责公开该政府信息的行政机关为示范县自然资源局，联系方式：{Contact}。"
            + "根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定，特此告知。");
        letter.CompetentAgencyId.ShouldBe(resources);
        (await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == source.Id))).Outcome.ShouldBe(Outcome.UnableNotHeld);

        var page = await handler.GetPageAsync($"/applications/{source.Id}");
        page.QuerySelector("#applicant-forward-consent")!.TextContent.ShouldBe("同意转送");
        page.QuerySelector("#forward-button")!.TextContent.ShouldBe("转送至示范县自然资源局");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var forwarded = await handler.PostFormAsync($"/applications/{source.Id}", [], $"/applications/{source.Id}?handler=forward");
        forwarded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await handler.GetPageAsync($"/applications/{source.Id}")).QuerySelector("main > p.notice[role=status]")!.TextContent
            .ShouldBe("已转送，该机关的申请编号为 2024-0001，已通知该机关的经办人。");

        var created = await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking().SingleAsync(a => a.AgencyId == resources));
        created.Number.ShouldBe("2024-0001");
        (created.ApplicantName, created.IdNumber, created.Phone, created.Email, created.Description).ShouldBe(
            (source.ApplicantName, source.IdNumber, source.Phone, source.Email, source.Description), "copied, not re-typed");
        (created.Notify, created.ForwardConsent, created.Channel, created.SubmittedOnline).ShouldBe((ApplicantNotice.Email, (bool?)true, ReceiptChannel.Online, true));
        (created.ArrivedOn, created.ConfirmedOn, created.ReceivedOn, created.DueOn).ShouldBe(
            (new DateOnly(2024, 6, 17), (DateOnly?)new DateOnly(2024, 6, 17), new DateOnly(2024, 6, 17), (DateOnly?)new DateOnly(2024, 7, 15)),
            "the 自然资源局 counts an online application from the day it arrives");
        var link = await ApplicantCases.QueryAsync(app, db => db.ApplicationLinks.AsNoTracking().SingleAsync());
        (link.EarlierId, link.LaterId, link.Kind, link.CreatedByName).ShouldBe((source.Id, created.Id, ApplicationLinkKind.Transfer, "张明（经办人）"));

        HistoryRow(await handler.GetPageAsync($"/applications/{source.Id}"), "转送")
            .ShouldBe("2024-06-17|转送|张明（经办人）|经申请人同意，转送示范县自然资源局办理（该机关申请编号 2024-0001；条例第三十六条第（五）项）");
        using var receiving = await app.SignedInAsync("handler2");
        HistoryRow(await receiving.GetPageAsync($"/applications/{created.Id}"), "转来")
            .ShouldBe("2024-06-17|转来|张明（经办人）|由示范县教育局转送（原申请编号 2024-0001；条例第三十六条第（五）项），作为向本机关提出的申请办理");
        (await receiving.GetAsync(new Uri($"/applications/{source.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the other agency's case stays its own");

        (await app.AuditCountAsync("application.forwarded", source.Id.ToString(), "handler")).ShouldBe(1);
        (await app.AuditCountAsync("application.received-forwarded", created.Id.ToString(), "handler")).ShouldBe(1);
        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.AsNoTracking().Where(e => e.Action.StartsWith("application.")).Select(e => new { e.Action, e.AgencyId, e.Summary }).ToListAsync());
        audit.Single(e => e.Action == "application.forwarded").ShouldBe(new { Action = "application.forwarded", AgencyId = (Guid?)source.AgencyId, Summary = "2024-0001：经申请人同意转送示范县自然资源局（该机关申请编号 2024-0001）" });
        audit.Single(e => e.Action == "application.received-forwarded").ShouldBe(new { Action = "application.received-forwarded", AgencyId = (Guid?)resources, Summary = "2024-0001：收到示范县教育局转送的申请（原申请编号 2024-0001）" });
        Gongkai.Web.Audit.AuditLabels.Action("application.forwarded").ShouldBe("转送申请");
        Gongkai.Web.Audit.AuditLabels.Action("application.received-forwarded").ShouldBe("收到转送的申请");

        var told = await ApplicantCases.QueryAsync(app, db => (
            from n in db.Notifications.AsNoTracking()
            where n.AgencyId == resources
            join u in db.Users on n.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new { n.Event, n.Channel, To = u != null ? u.UserName : n.Address, n.Subject }).ToListAsync());
        told.Select(n => $"{n.Event} {n.Channel} {n.To} {n.Subject}").Order(StringComparer.Ordinal).ShouldBe(
        [
            "applicant.receipt Email liu@example.com 您的政府信息公开申请已收到",
            "application.received InApp handler2 新的在线申请 2024-0001",
        ]);

        var again = await handler.PostFormAsync($"/applications/{source.Id}", [], $"/applications/{source.Id}?handler=forward");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await handler.GetPageAsync($"/applications/{source.Id}")).QuerySelector("main > p.notice[role=status]")!.TextContent
            .ShouldBe("本申请已经转送示范县自然资源局（申请编号 2024-0001），不能再次转送。");
        (await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync(a => a.AgencyId == resources))).ShouldBe(1);
        (await ApplicantCases.QueryAsync(app, db => db.ApplicationLinks.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task The_reply_is_issued_and_the_case_forwarded_in_one_step()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var source = await SubmitAsync(app, agreesToForward: true);
        await ApplicantCases.AppendAsync(app, source.Id, at => new Registered(at, ApplicantCases.Handler));
        using var handler = await app.SignedInAsync("handler");
        using var reviewer = await app.SignedInAsync("reviewer");
        var letterId = await DraftAsync(handler, source.Id);
        var url = $"/applications/{source.Id}/letters/{letterId}";
        (await handler.PostFormAsync(url, EditFields(await LetterAsync(app, letterId), (await app.AgencyIdAsync(Desk.NaturalResources)).ToString(), "", ""), url + "?handler=Save"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = $"/api/applications/{source.Id}/letters/{letterId}";
        (await handler.PostAsJsonAsync(new Uri(api + "/submit", UriKind.Relative), new { }, Desk.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reviewer.PostAsJsonAsync(new Uri(api + "/approve", UriKind.Relative), new { }, Desk.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await handler.GetPageAsync(url)).QuerySelector("#issue-form input[name=ForwardOnIssue]")!.ParentElement!.TextContent.Trim()
            .ShouldBe("签发后将本申请转送至示范县自然资源局（须申请人已同意转送）");

        var issued = await handler.PostFormAsync(url, [new("Delivery", "Electronic"), new("ForwardOnIssue", "true")], url + "?handler=Issue");

        issued.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await handler.GetPageAsync(url)).QuerySelector("main > p.notice[role=status]")!.TextContent
            .ShouldBe("已签发，文号 示教公复〔2024〕1号。本申请已按此答复书答复。已转送示范县自然资源局，该机关的申请编号为 2024-0001。");
        (await ApplicantCases.QueryAsync(app, db => db.ApplicationLinks.AsNoTracking().Select(l => new { l.EarlierId, l.Kind }).SingleAsync()))
            .ShouldBe(new { EarlierId = source.Id, Kind = ApplicationLinkKind.Transfer });
        (await handler.GetPageAsync($"/applications/{source.Id}")).QuerySelector("#forward-refusal")!.TextContent
            .ShouldBe("本申请已经转送示范县自然资源局（申请编号 2024-0001），不能再次转送。");
    }

    [Fact]
    public async Task Forwarding_is_refused_without_consent_and_to_the_same_agency()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var source = await SubmitAsync(app, agreesToForward: false);
        source.ForwardConsent.ShouldBe(false);
        using var handler = await app.SignedInAsync("handler");
        using var reviewer = await app.SignedInAsync("reviewer");
        await IssueNotThisAgencyAsync(app, handler, reviewer, source.Id, await app.AgencyIdAsync(Desk.NaturalResources));

        const string NoConsent = "申请人没有同意转送，不能转送；答复书已告知申请人负责公开的机关及其联系方式，可由申请人向该机关另行申请。";
        var page = await handler.GetPageAsync($"/applications/{source.Id}");
        page.QuerySelector("#forward-button").ShouldBeNull();
        page.QuerySelector("#forward-refusal")!.TextContent.ShouldBe(NoConsent);
        var refused = await handler.PostFormAsync($"/applications/{source.Id}", [], $"/applications/{source.Id}?handler=forward");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await handler.GetPageAsync($"/applications/{source.Id}")).QuerySelector("main > p.notice[role=status]")!.TextContent.ShouldBe(NoConsent);

        // A letter naming the agency itself (the page does not offer it; an old or hand-made row might).
        await using (var db = database.CreateContext())
        {
            await db.Applications.Where(a => a.Id == source.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ForwardConsent, true));
            await db.Letters.ExecuteUpdateAsync(u => u.SetProperty(l => l.CompetentAgencyId, source.AgencyId));
        }

        await handler.PostFormAsync($"/applications/{source.Id}", [], $"/applications/{source.Id}?handler=forward");
        (await handler.GetPageAsync($"/applications/{source.Id}")).QuerySelector("main > p.notice[role=status]")!.TextContent
            .ShouldBe("答复书告知的负责公开机关是本机关，不能转送给本机关。");
        (await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync())).ShouldBe(1);
        (await app.AuditCountAsync("application.forwarded")).ShouldBe(0);

        using var publisher = await app.SignedInAsync("publisher");
        var forbidden = await publisher.PostFormAsync("/work", [], $"/applications/{source.Id}?handler=forward");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        forbidden.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied", customMessage: "only those who handle cases forward them");
    }

    [Fact]
    public async Task The_letter_page_keeps_what_was_typed_when_the_competent_agency_has_no_contact()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var source = await SubmitAsync(app, agreesToForward: true);
        await ApplicantCases.AppendAsync(app, source.Id, at => new Registered(at, ApplicantCases.Handler));
        using var handler = await app.SignedInAsync("handler");
        var letterId = await DraftAsync(handler, source.Id);
        var url = $"/applications/{source.Id}/letters/{letterId}";
        var letter = await LetterAsync(app, letterId);

        var response = await handler.PostFormAsync(url, EditFields(letter, "", "省档案馆", " "), url + "?handler=Save");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#competent-agency .field-error")!.TextContent.ShouldBe("请填写该机关的联系方式（地址、电话），条例第三十六条第（五）项要求告知申请人。");
        page.QuerySelector("#CompetentAgencyName")!.GetAttribute("value").ShouldBe("省档案馆");
        page.QuerySelector("#Reason")!.TextContent.ShouldBe("学区划分方案由自然资源部门会同编制。");
        (await LetterAsync(app, letterId)).CompetentAgencyName.ShouldBeNull("nothing saved");
    }

    /// <summary>An online application to the 教育局 through the API, the applicant agreeing to e-mail notices.</summary>
    private static async Task<ApplicationRecord> SubmitAsync(GongkaiApp app, bool agreesToForward)
    {
        var agencyId = await app.AgencyIdAsync(Desk.Education);
        using var citizen = app.CreateClient();
        var submitted = await citizen.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), new
        {
            agencyId,
            applicantType = "NaturalPerson",
            applicantName = "刘晓明",
            idDocumentType = "ResidentIdCard",
            idNumber = "11010519491231002X",
            phone = "13800138000",
            email = "liu@example.com",
            description = "2024年城区义务教育学区划分方案的土地规划图",
            requestedForm = "Electronic",
            deliveryPreference = "Email",
            notify = "Email",
            agreesToForward,
        }, Desk.Json);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        return await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking().SingleAsync());
    }

    /// <summary>Registers the case, drafts the 不属于本机关负责公开 reply on the letter page naming <paramref name="competent"/>, and takes it through the sign-off.</summary>
    private static async Task<LetterRecord> IssueNotThisAgencyAsync(GongkaiApp app, HttpClient handler, HttpClient reviewer, Guid applicationId, Guid competent)
    {
        await ApplicantCases.AppendAsync(app, applicationId, at => new Registered(at, ApplicantCases.Handler));
        var letterId = await DraftAsync(handler, applicationId);
        var url = $"/applications/{applicationId}/letters/{letterId}";
        var saved = await handler.PostFormAsync(url, EditFields(await LetterAsync(app, letterId), competent.ToString(), "", ""), url + "?handler=Save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var api = $"/api/applications/{applicationId}/letters/{letterId}";
        foreach (var (client, step, body) in new (HttpClient, string, object)[] { (handler, "submit", new { }), (reviewer, "approve", new { }), (handler, "issue", new { delivery = "Electronic" }) })
        {
            var response = await client.PostAsJsonAsync(new Uri($"{api}/{step}", UriKind.Relative), body, Desk.Json);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{step}: {await response.Content.ReadAsStringAsync()}");
        }

        return await LetterAsync(app, letterId);
    }

    private static async Task<Guid> DraftAsync(HttpClient handler, Guid applicationId)
    {
        var drafted = await handler.PostAsJsonAsync(new Uri($"/api/applications/{applicationId}/letters", UriKind.Relative), new { kind = "Reply.NotThisAgency" }, Desk.Json);
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        return (await drafted.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static KeyValuePair<string, string>[] EditFields(LetterRecord letter, string agencyId, string name, string contact) =>
    [
        new("Title", letter.Title), new("Number", ""), new("Recipient", letter.Recipient), new("Body", letter.Body),
        new("Reason", "学区划分方案由自然资源部门会同编制。"),
        new("CompetentAgencyId", agencyId), new("CompetentAgencyName", name), new("CompetentAgencyContact", contact),
    ];

    private static Task<LetterRecord> LetterAsync(GongkaiApp app, Guid letterId) =>
        ApplicantCases.QueryAsync(app, db => db.Letters.AsNoTracking().SingleAsync(l => l.Id == letterId));

    /// <summary>The history row of <paramref name="label"/>: date|事项|经办|说明.</summary>
    private static string HistoryRow(AngleSharp.Html.Dom.IHtmlDocument page, string label) =>
        page.QuerySelectorAll("#history tbody tr")
            .Select(row => string.Join('|', row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())))
            .Single(row => row.Split('|')[1] == label);
}
