using System.Net;
using AngleSharp.Html.Parser;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Interaction;

/// <summary>留言答复期限 set by the region's administrator: validated, audited, and followed by the messages received afterwards.</summary>
public class ReplyPeriodTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_administrator_sets_the_period_and_a_message_received_before_national_day_is_due_after_the_holiday(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Friday 2024-09-27, 10:00 in China.
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2024, 9, 27, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        using var admin = app.CreateBrowserClient();
        (await admin.LoginAsync("admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/admin/message-period")).QuerySelector("[data-current-period]")!.TextContent.ShouldBe("5 个工作日");

        var refused = await admin.PostFormAsync("/admin/message-period", [new("WorkingDays", "61")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = new HtmlParser().ParseDocument(await refused.BodyAsync());
        page.QuerySelector("#WorkingDays-error")!.TextContent.ShouldBe("请填写 1 至 60 之间的整数（工作日）。");
        page.QuerySelector("#WorkingDays")!.GetAttribute("value").ShouldBe("61");
        (await admin.PostFormAsync("/admin/message-period", [new("WorkingDays", "三")])).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await admin.PostFormAsync("/admin/message-period", [new("WorkingDays", "3")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/admin/message-period")).QuerySelector("[data-current-period]")!.TextContent.ShouldBe("3 个工作日");

        // Three working days from Friday 09-27: Sunday 09-29 (调休 working day), Monday 09-30, then 10-08 after the holiday.
        var agency = await ApplicantCases.AgencyIdAsync(app);
        using var citizen = app.CreateBrowserClient();
        (await citizen.PostFormAsync("/messages/new",
            [new("AgencyId", agency.ToString()), new("Category", "Inquiry"), new("Title", "国庆期间学校开放安排"), new("Content", "请问国庆期间学校操场是否开放？"), new("Phone", "13912345678")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplicantCases.QueryAsync(app, db => db.Messages.Where(m => m.Title == "国庆期间学校开放安排").Select(m => m.DueOn).SingleAsync()))
            .ShouldBe(new DateOnly(2024, 10, 8));

        (await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action == "message.reply-period.set").Select(a => a.Summary).ToListAsync()))
            .ShouldBe(["示范县留言答复期限设为 3 个工作日（原为 5 个工作日，平台默认）"]);
    }
}
