using System.Net;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Interaction;

/// <summary>Issue 14's 留言 flow in a real browser: message, reply through review, masked on the portal, rated.</summary>
[Collection(BrowserTests.Name)]
public class MessageBrowserTests(Browser browser) : BrowserTest
{
    private const string Question = "请问今年城区小学什么时候报名？我的身份证号410724198001011234，电话13912345678。";

    private const string Reply = "您好！今年城区小学报名时间为7月1日至7月5日，报名地点为各小学招生办公室。";

    [Fact]
    public async Task A_citizen_leaves_a_message_staff_reply_through_review_the_reply_is_published_masked_and_the_citizen_rates_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        var citizen = await browser.OpenAsync(app);

        // The citizen writes; a form without an agency comes back with what was typed.
        await citizen.GotoAsync("/interaction");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "留言", Exact = true }).ClickAsync();
        await citizen.GetByRole(AriaRole.Link, new() { Name = "我要留言" }).ClickAsync();
        await citizen.GetByLabel("标题").FillAsync("城区小学招生报名时间");
        await citizen.GetByLabel("留言内容").FillAsync(Question);
        await citizen.GetByLabel("联系电话").FillAsync("139 1234 5678");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交留言" }).ClickAsync();
        (await citizen.Locator("#AgencyId-error").InnerTextAsync()).ShouldBe("请选择留言的机关。");
        (await citizen.GetByLabel("留言内容").InputValueAsync()).ShouldBe(Question);
        await citizen.GetByLabel("留言机关").SelectOptionAsync(new SelectOptionValue { Label = "示范县教育局" });
        await citizen.GetByLabel("姓名（可不填）").FillAsync("张三");
        await citizen.GetByLabel("同意隐去个人信息后公开留言和答复").CheckAsync();
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交留言" }).ClickAsync();
        var code = await citizen.Locator("[data-receipt-code]").InnerTextAsync();
        code.Length.ShouldBe(10);
        // Received Monday 2024-06-17: five working days end on Monday 06-24.
        (await citizen.Locator(".receipt dd").Nth(1).InnerTextAsync()).ShouldBe("2024-06-24 前");

        // The handler finds it on 工作台 and submits a reply.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var handler = await browser.OpenAsync(app);
        await SignInAsync(handler, "handler");
        var entry = handler.Locator("section.inbox").Filter(new() { Has = handler.Locator("#messages-to-answer") }).GetByRole(AriaRole.Link, new() { Name = "城区小学招生报名时间" });
        await entry.ClickAsync();
        var url = handler.Url;
        (await handler.Locator("[data-message-state]").InnerTextAsync()).ShouldBe("待答复");
        await handler.GetByLabel("答复内容").FillAsync("请到学校咨询。");
        await handler.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        (await handler.Locator("main [role=status]").InnerTextAsync()).ShouldBe("已提交审批。");
        (await handler.Locator("[data-message-state]").InnerTextAsync()).ShouldBe("答复待审批");

        // The reviewer returns it, which needs a reason.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var reviewer = await browser.OpenAsync(app);
        await SignInAsync(reviewer, "reviewer");
        await reviewer.Locator("section.inbox").Filter(new() { Has = reviewer.Locator("#message-replies-to-approve") }).GetByRole(AriaRole.Link, new() { Name = "城区小学招生报名时间" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        (await reviewer.Locator("#reply [role=alert]").InnerTextAsync()).ShouldBe("请填写退回理由，经办人据此修改答复。");
        await reviewer.GetByLabel("退回理由").FillAsync("请写明报名时间和地点。");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        (await reviewer.Locator("main [role=status]").InnerTextAsync()).ShouldBe("已退回修改。");

        // The handler reads the reason, fixes the reply and submits again; the reviewer approves; the handler issues and publishes.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await handler.GotoAsync(url);
        (await handler.Locator("#reply .alert").InnerTextAsync()).ShouldBe("退回理由（李华（审核人））：请写明报名时间和地点。");
        (await handler.GetByLabel("答复内容").InputValueAsync()).ShouldBe("请到学校咨询。");
        await handler.GetByLabel("答复内容").FillAsync(Reply);
        await handler.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await handler.Locator("main [role=status]").WaitForAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await reviewer.GotoAsync(url);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "审批同意" }).ClickAsync();
        (await reviewer.Locator("main [role=status]").InnerTextAsync()).ShouldBe("已审批同意。");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await handler.GotoAsync(url);
        await handler.GetByRole(AriaRole.Button, new() { Name = "签发答复" }).ClickAsync();
        (await handler.Locator("main [role=status]").InnerTextAsync()).ShouldBe("已签发答复，留言人可凭查询码查看。");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await handler.GetByRole(AriaRole.Button, new() { Name = "在门户网站公开" }).ClickAsync();
        (await handler.Locator("main [role=status]").InnerTextAsync()).ShouldBe("已在门户网站公开。");

        // On the portal, question and answer are public with the identity and phone numbers masked and no name.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await citizen.GotoAsync("/messages");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "城区小学招生报名时间" }).ClickAsync();
        (await citizen.Locator("[data-question]").InnerTextAsync()).ShouldBe("请问今年城区小学什么时候报名？我的身份证号410***********1234，电话139****5678。");
        (await citizen.Locator("[data-reply]").InnerTextAsync()).ShouldBe(Reply);
        (await citizen.Locator("main").InnerTextAsync()).ShouldNotContain("张三");

        app.Clock.Advance(TimeSpan.FromMinutes(1));

        // The citizen reads the reply with code and phone and rates it: the two lowest levels need a reason.
        await citizen.GotoAsync("/messages/status");
        await citizen.GetByLabel("查询码").FillAsync(code.ToLowerInvariant());
        await citizen.GetByLabel("联系电话").FillAsync("13912345678");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        (await citizen.Locator("[data-message-state]").InnerTextAsync()).ShouldBe("已答复");
        (await citizen.Locator("[data-reply]").InnerTextAsync()).ShouldBe(Reply);
        (await citizen.Locator("ol.history").InnerTextAsync()).ShouldNotContain("退回", Case.Sensitive, "the sign-off is internal");
        await citizen.GetByLabel("不满意", new() { Exact = true }).CheckAsync();
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        (await citizen.Locator("#rating [role=alert]").InnerTextAsync()).ShouldBe("选择“不满意”时请写明理由。");
        (await citizen.GetByLabel("不满意", new() { Exact = true }).IsCheckedAsync()).ShouldBeTrue("the choice is kept");
        await citizen.GetByLabel("理由（选择“不满意”或“非常不满意”时必填）").FillAsync("没有说明需要准备的材料。");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        (await citizen.Locator("[data-rating]").InnerTextAsync()).ShouldBe("您的评价：不满意（没有说明需要准备的材料。）");

        await handler.GotoAsync(url);
        (await handler.Locator("[data-rating]").InnerTextAsync()).ShouldBe("不满意：没有说明需要准备的材料。");
        var id = url[(url.LastIndexOf('/') + 1)..];
        // Steps a minute apart; in one request a draft is saved and submitted at the same instant ("drafted" sorts first).
        var audit = await WithDbAsync(app, db => db.AuditLog.Where(e => e.EntityId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Action).Select(e => e.Action).ToListAsync());
        audit.ShouldBe(["message.received", "message.reply.drafted", "message.reply.submitted", "message.reply.returned", "message.reply.submitted",
            "message.reply.approved", "message.replied", "message.published", "message.rated"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_transfer_keeps_both_agencies_in_the_history_and_the_figures_count_what_each_agency_answers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        using var education = app.CreateBrowserClient();
        (await education.LoginAsync("handler")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The demo's messages on 工作台: six to answer for the handler (new, overdue, draft, returned, approved, transferred in).
        var work = await education.GetPageAsync("/work");
        work.QuerySelector("#messages-to-answer")!.TextContent.ShouldBe("待答复的留言（6）");
        using var reviewer = app.CreateBrowserClient();
        (await reviewer.LoginAsync("reviewer")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await reviewer.GetPageAsync("/work")).QuerySelector("#message-replies-to-approve")!.TextContent.ShouldBe("待审批的留言答复（1）");

        var message = await WithDbAsync(app, db => db.Messages.Where(m => m.Title == "小学入学需要准备哪些材料").Select(m => m.Id).SingleAsync());
        var resources = await AgencyIdAsync(app, "示范县自然资源局");
        var page = $"/interaction/messages/{message}";
        // The city sets 3 working days for its agencies; the county sets none, so the 自然资源局 takes the city's.
        await WithDbAsync(app, async db =>
        {
            var city = await db.Regions.Where(r => r.Name == "新乡市").Select(r => r.Id).SingleAsync();
            db.MessageReplyPeriods.Add(new Gongkai.Data.Interaction.MessageReplyPeriod { RegionId = city, WorkingDays = 3 });
            return await db.SaveChangesAsync();
        });
        var refused = await education.PostFormAsync(page, [new("TransferTo", resources.ToString())], page + "?handler=Transfer");
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.BodyAsync()).ShouldContain("请填写转办理由（不超过 500 字）。");
        (await education.PostFormAsync(page, [new("TransferTo", resources.ToString()), new("TransferReason", "入学材料的户籍证明由自然资源局出具")], page + "?handler=Transfer"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await education.GetAsync(new Uri(page, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "it is the other agency's now");

        using var naturalResources = app.CreateBrowserClient();
        (await naturalResources.LoginAsync("handler2")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Received on Sunday 2024-06-16 (due Friday 06-21), transferred on Monday 06-17.
        var history = (await naturalResources.GetPageAsync(page)).QuerySelectorAll("ol.history li").Select(l => l.TextContent[(l.TextContent.IndexOf('·') + 2)..]).ToList();
        history.ShouldBe([
            "示范县教育局 · 留言人：收到咨询留言，答复期限 2024-06-21",
            "示范县教育局 · 张明（经办人）：转办至示范县自然资源局：入学材料的户籍证明由自然资源局出具",
            "示范县自然资源局 · 张明（经办人）：由示范县教育局转来，答复期限 2024-06-20",
        ]);

        // The 教育局's figures for 2024 after the transfer: 8 received; 2 replied, 1 on time, (3 + 7) / 2 working days; 满意 and 不满意.
        var figures = await education.GetPageAsync("/interaction/messages");
        figures.QuerySelectorAll("table.message-years tbody tr").Select(r => string.Join('|', r.Children.Select(c => c.TextContent.Trim())))
            .ShouldBe(["2024|8|2|1|5.0|2|50.0%|3.0"]);
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
    }
}
