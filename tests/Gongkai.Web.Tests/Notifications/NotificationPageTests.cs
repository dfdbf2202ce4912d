using System.Net;
using System.Net.Http.Json;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Notifications;

/// <summary>The pages: templates for administrators, a member's own settings, the in-app list with its unread count.</summary>
public class NotificationPageTests
{
    [Fact]
    public async Task An_administrator_previews_refuses_an_unknown_placeholder_keeping_the_form_and_saves_the_wording_the_next_notification_uses()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        using var admin = app.CreateBrowserClient();
        await admin.LoginAsync("admin");
        const string page = "/admin/notification-templates?event=letter.submitted&channel=InApp";
        var form = await admin.GetPageAsync(page);
        form.QuerySelector("#Subject")!.GetAttribute("value").ShouldBe("{文书}待审批（申请 {申请编号}）");

        var refused = await admin.PostFormAsync(page, [new("event", "letter.submitted"), new("Channel", "InApp"), new("Subject", "请审批 {申请号}"), new("Body", "{经办人}提交了{文书}。")], page + "&handler=Save");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.BodyAsync());
        refusedPage.QuerySelector(".field-error")!.TextContent.ShouldBe("标题中有不认识的占位符：{申请号}。可用的占位符见下表。");
        refusedPage.QuerySelector("#Subject")!.GetAttribute("value").ShouldBe("请审批 {申请号}");
        refusedPage.QuerySelector("#Body")!.TextContent.ShouldBe("{经办人}提交了{文书}。");

        var preview = await admin.PostFormAsync(page, [new("event", "letter.submitted"), new("Channel", "InApp"), new("Subject", "请审批 {申请编号}"), new("Body", "{经办人}提交了{文书}。")], page + "&handler=Preview");
        var previewPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await preview.BodyAsync());
        previewPage.QuerySelector("#preview-subject")!.TextContent.ShouldBe("请审批 2024-0001");
        previewPage.QuerySelector("#preview-body")!.TextContent.ShouldBe("张明（经办人）提交了示范县教育局政府信息公开申请答复书。");

        var saved = await admin.PostFormAsync(page, [new("event", "letter.submitted"), new("Channel", "InApp"), new("Subject", "请审批 {申请编号}"), new("Body", "{经办人}提交了{文书}。")], page + "&handler=Save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var application = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(app, application.Id, at => new Registered(at, ApplicantCases.Handler));
        using var handler = await app.SignedInAsync("handler");
        var drafted = await handler.PostAsJsonAsync(new Uri($"/api/applications/{application.Id}/letters", UriKind.Relative), new { kind = "Reply.Granted" }, Desk.Json);
        var letter = (await drafted.JsonAsync()).GetProperty("id").GetGuid();
        (await handler.PostAsJsonAsync(new Uri($"/api/applications/{application.Id}/letters/{letter}/submit", UriKind.Relative), new { }, Desk.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var told = await ApplicantCases.QueryAsync(app, db => db.Notifications.AsNoTracking().Where(n => n.Event == "letter.submitted").Select(n => n.Subject + "|" + n.Body).SingleAsync());
        told.ShouldBe("请审批 2024-0001|张明（经办人）提交了示范县教育局政府信息公开申请答复书。");
    }

    [Fact]
    public async Task A_member_chooses_email_for_returned_letters_and_the_in_app_list_counts_and_marks_them_read()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        var chosen = new KeyValuePair<string, string>[] { new("Chosen", "letter.returned:InApp"), new("Chosen", "letter.returned:Email") };

        var refused = await handler.PostFormAsync("/notifications/settings", [.. chosen, new("Email", ""), new("Phone", "")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.BodyAsync());
        refusedPage.QuerySelector("#Email-error")!.TextContent.ShouldBe("选择了电子邮件通知，请填写电子邮箱。");
        refusedPage.QuerySelector("input[value='letter.returned:Email']")!.HasAttribute("checked").ShouldBeTrue("the form keeps the choice");
        refusedPage.QuerySelector("input[value='case.due-soon:InApp']")!.HasAttribute("checked").ShouldBeFalse();

        (await handler.PostFormAsync("/notifications/settings", [.. chosen, new("Email", "zhangming@example.gov.cn"), new("Phone", "")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var application = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(app, application.Id, at => new Registered(at, ApplicantCases.Handler));
        using var api = await app.SignedInAsync("handler");
        using var reviewer = await app.SignedInAsync("reviewer");
        var letter = (await (await api.PostAsJsonAsync(new Uri($"/api/applications/{application.Id}/letters", UriKind.Relative), new { kind = "Reply.Granted" }, Desk.Json)).JsonAsync()).GetProperty("id").GetGuid();
        var url = $"/api/applications/{application.Id}/letters/{letter}";
        (await api.PostAsJsonAsync(new Uri(url + "/submit", UriKind.Relative), new { }, Desk.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reviewer.PostAsJsonAsync(new Uri(url + "/return", UriKind.Relative), new { reason = "请补充依据。" }, Desk.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await ApplicantCases.QueryAsync(app, db => db.Notifications.AsNoTracking().Where(n => n.Event == "letter.returned").OrderBy(n => n.Channel).Select(n => new { n.Channel, n.Address }).ToListAsync());
        rows.Select(r => $"{r.Channel} {r.Address}").ShouldBe(["InApp ", "Email zhangming@example.gov.cn"]);
        (await ApplicantCases.QueryAsync(app, db => db.Notifications.AsNoTracking().CountAsync(n => n.Event == "application.received"))).ShouldBe(0, "the handler turned off new applications");

        var list = await handler.GetPageAsync("/notifications");
        list.QuerySelector("#nav-unread")!.TextContent.ShouldBe("，未读1");
        list.QuerySelector("#unread-count")!.TextContent.ShouldBe("1");
        var id = list.QuerySelector("li[data-notification]")!.GetAttribute("data-notification")!;
        list.QuerySelector("li[data-notification] strong")!.TextContent.ShouldBe("示范县教育局政府信息公开申请答复书被退回（申请 2024-0001）");

        var opened = await handler.PostFormAsync("/notifications", [new("id", id), new("open", "true")], "/notifications?handler=Read");
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.OriginalString.ShouldBe($"/applications/{application.Id}");
        var after = await handler.GetPageAsync("/notifications");
        after.QuerySelector("#nav-unread").ShouldBeNull();
        after.QuerySelector("#unread-count")!.TextContent.ShouldBe("0");
    }
}
