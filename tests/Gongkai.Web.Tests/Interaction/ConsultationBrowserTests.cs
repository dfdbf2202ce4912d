using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Interaction;

/// <summary>Issue 14's 意见征集 flow in a real browser: open, comment, moderate, close, publish the feedback.</summary>
[Collection(BrowserTests.Name)]
public class ConsultationBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task A_consultation_opens_receives_comments_closes_and_publishes_its_feedback()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        var staff = await browser.OpenAsync(app);
        var agency = await AgencyIdAsync(app, "示范县教育局");
        var final = await WithDbAsync(app, db => db.CatalogItems.Where(i => i.AgencyId == agency && i.SearchKey != null).OrderBy(i => i.SearchKey).Select(i => new { i.Id, i.IndexNumber, i.Title }).FirstAsync());

        // Staff open it: a 规章 needs 30 日, so 20 is refused with the law's words and the form keeps what was typed.
        await SignInAsync(staff, "handler");
        await staff.GotoAsync("/interaction/consultations/new");
        await staff.GetByLabel("草案名称").FillAsync("示范县校外培训机构管理办法（征求意见稿）");
        await staff.GetByLabel("草案类别").SelectOptionAsync(new SelectOptionValue { Label = "规章（不少于 30 日）" });
        await staff.GetByLabel("起草说明").FillAsync("规范校外培训机构的设立和管理。");
        await staff.GetByLabel("草案全文").FillAsync("第一条 为规范校外培训机构管理，制定本办法。\n第二条 本办法适用于本县行政区域内的校外培训机构。");
        await staff.GetByLabel("征求意见期限").FillAsync("20");
        await staff.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        (await staff.Locator("#PeriodDays-error").InnerTextAsync()).ShouldBe("规章征求意见的期限一般不少于 30 日（《规章制定程序条例》第十六条）。");
        (await staff.GetByLabel("草案名称").InputValueAsync()).ShouldBe("示范县校外培训机构管理办法（征求意见稿）");
        await staff.GetByLabel("征求意见期限").FillAsync("30");
        await staff.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await staff.WaitForURLAsync("**/interaction/consultations/*-*");
        (await staff.Locator("main [role=status]").InnerTextAsync()).ShouldBe("已发布意见征集，征求意见至 2024-07-17。");
        var url = staff.Url;
        var id = url[(url.LastIndexOf('/') + 1)..];

        // Two citizens comment; nothing is shown before moderation.
        var citizen = await browser.OpenAsync(app);
        await citizen.GotoAsync("/interaction");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "意见征集" }).ClickAsync();
        await citizen.GetByRole(AriaRole.Link, new() { Name = "示范县校外培训机构管理办法（征求意见稿）" }).ClickAsync();
        (await citizen.Locator("[data-stage]").InnerTextAsync()).ShouldBe("征求意见中");
        await citizen.GetByLabel("意见内容").FillAsync("建议明确培训收费的退费规则。");
        await citizen.GetByLabel("署名（可不填）").FillAsync("赵先生");
        await citizen.GetByLabel("联系方式（可不填，仅供工作人员联系）").FillAsync("13900139000");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交意见" }).ClickAsync();
        (await citizen.Locator("#comment-form [role=status]").InnerTextAsync()).ShouldBe("您的意见已提交，经审核后公开。感谢您的参与。");
        await citizen.GetByLabel("意见内容").FillAsync("加我微信了解优惠课程");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交意见" }).ClickAsync();
        await citizen.Locator("#comment-form [role=status]").WaitForAsync();
        (await citizen.Locator("ol.comments").CountAsync()).ShouldBe(0);

        // Staff publish the first and reject the second, which needs a reason.
        await staff.ReloadAsync();
        var first = staff.Locator("ol.staff-comments > li").Filter(new() { HasText = "退费规则" });
        (await first.Locator(".meta").First.InnerTextAsync()).ShouldContain("联系方式：13900139000");
        await first.GetByRole(AriaRole.Button, new() { Name = "公开", Exact = true }).ClickAsync();
        await staff.Locator("main [role=status]").WaitForAsync();
        var second = staff.Locator("ol.staff-comments > li").Filter(new() { HasText = "微信" });
        await second.GetByRole(AriaRole.Button, new() { Name = "不予公开" }).ClickAsync();
        (await staff.Locator("ol.staff-comments > li").Filter(new() { HasText = "微信" }).Locator("[role=alert]").InnerTextAsync()).ShouldBe("不予公开的意见须写明理由。");
        second = staff.Locator("ol.staff-comments > li").Filter(new() { HasText = "微信" });
        await second.GetByLabel("不予公开的理由").FillAsync("广告信息");
        await second.GetByRole(AriaRole.Button, new() { Name = "不予公开" }).ClickAsync();
        await staff.WaitForURLAsync(url);
        (await staff.Locator("ol.staff-comments > li[data-status=Rejected]").InnerTextAsync()).ShouldContain("不予公开理由：广告信息");

        await citizen.GotoAsync($"/consultations/{id}");
        (await citizen.Locator("ol.comments > li").AllInnerTextsAsync()).ShouldHaveSingleItem().ShouldContain("建议明确培训收费的退费规则。");
        (await citizen.Locator("main").InnerTextAsync()).ShouldNotContain("13900139000");

        // The feedback waits for the end of the period.
        (await staff.Locator("#publish-heading").CountAsync()).ShouldBe(0);
        app.Clock.Advance(TimeSpan.FromDays(31));
        await citizen.ReloadAsync();
        (await citizen.Locator("[data-stage]").InnerTextAsync()).ShouldBe("已结束，待反馈");
        (await citizen.Locator("#comment-form").CountAsync()).ShouldBe(0);

        // A month later the staff member signs in again (the session has ended).
        await SignInAsync(staff, "handler");
        await staff.GotoAsync(url);
        await staff.GetByLabel("采纳情况说明").FillAsync("共收到意见 2 条，公开 1 条，采纳情况如下。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "发布反馈" }).ClickAsync();
        (await staff.Locator("main [role=alert]").First.InnerTextAsync()).ShouldBe("还有 1 条已公开的意见未填写采纳情况。");
        first = staff.Locator("ol.staff-comments > li").Filter(new() { HasText = "退费规则" });
        await first.GetByLabel("采纳情况", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "部分采纳" });
        await first.GetByRole(AriaRole.Button, new() { Name = "保存采纳情况" }).ClickAsync();
        (await staff.Locator("ol.staff-comments > li").Filter(new() { HasText = "退费规则" }).Locator("[role=alert]").InnerTextAsync()).ShouldBe("部分采纳的意见须说明理由。");
        first = staff.Locator("ol.staff-comments > li").Filter(new() { HasText = "退费规则" });
        (await first.GetByLabel("采纳情况", new() { Exact = true }).Locator("option:checked").InnerTextAsync()).ShouldBe("部分采纳", "the choice is kept");
        await first.GetByLabel("采纳情况理由").FillAsync("退费规则由省级合同示范文本规定，本办法作衔接性规定。");
        await first.GetByRole(AriaRole.Button, new() { Name = "保存采纳情况" }).ClickAsync();
        await staff.WaitForURLAsync(url);
        await staff.GetByLabel("采纳情况说明").FillAsync("共收到意见 2 条，公开 1 条，采纳情况如下。");
        await staff.GetByLabel("正式文件在公开目录中的索引号（可不填）").FillAsync(final.IndexNumber!);
        await staff.GetByRole(AriaRole.Button, new() { Name = "发布反馈" }).ClickAsync();
        await staff.WaitForURLAsync(url);
        (await staff.Locator("[data-stage]").InnerTextAsync()).ShouldBe("已反馈");

        // The public reads the feedback, grouped, from the consultation and from the final document's page.
        await citizen.GotoAsync($"/catalog/{final.Id}");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "示范县校外培训机构管理办法（征求意见稿）：意见采纳情况反馈" }).ClickAsync();
        await citizen.WaitForURLAsync($"**/consultations/{id}#feedback");
        var feedback = citizen.Locator("#feedback");
        (await feedback.Locator("h3").AllInnerTextsAsync()).ShouldBe(["部分采纳（1 条）"]);
        (await feedback.InnerTextAsync()).ShouldContain("理由：退费规则由省级合同示范文本规定，本办法作衔接性规定。");
        (await feedback.Locator(".meta").InnerTextAsync()).ShouldBe("2024年7月18日 发布 · 共收到意见 2 条，公开 1 条");
        (await feedback.GetByRole(AriaRole.Link).InnerTextAsync()).ShouldBe(final.Title);

        var audit = await WithDbAsync(app, db => db.AuditLog.Where(e => e.EntityId == id).OrderBy(e => e.AtUtc).Select(e => e.Action).ToListAsync());
        audit.ShouldBe(["consultation.opened", "consultation.comment.received", "consultation.comment.received", "consultation.comment.published",
            "consultation.comment.rejected", "consultation.comment.adoption", "consultation.feedback.published"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Counts_per_year_and_another_agencys_consultation_is_not_found(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        using var client = app.CreateBrowserClient();
        (await client.LoginAsync("handler2")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var demo = await WithDbAsync(app, db => db.Consultations.Select(c => c.Id).ToListAsync());
        demo.Count.ShouldBe(2);
        foreach (var consultation in demo)
        {
            (await client.GetAsync(new Uri($"/interaction/consultations/{consultation}", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        }

        using var education = app.CreateBrowserClient();
        (await education.LoginAsync("handler")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var page = await education.GetPageAsync("/interaction/consultations");
        // Demo: one consultation opened 75 days before 2024-06-17 (2024-04-03) with 4 comments (3 published) and its feedback,
        // and one opened 5 days before with 3 comments (2 published).
        page.QuerySelectorAll("table.consultation-years tbody tr").Select(r => string.Join('|', r.Children.Select(c => c.TextContent.Trim())))
            .ShouldBe(["2024|2|7|5|1"]);

        // The public list: the open one first, each with its published comments.
        using var anyone = app.CreateClient();
        var list = await anyone.GetPageAsync("/consultations");
        list.QuerySelectorAll("table.consultations tbody tr").Select(r => r.QuerySelector("td.title")!.TextContent.Trim() + "|" + r.QuerySelector("[data-label=状态]")!.TextContent.Trim() + "|" + r.QuerySelector("[data-label=已公开意见]")!.TextContent.Trim())
            .ShouldBe(["示范县学前教育资助实施办法（征求意见稿）|征求意见中|2 条", "示范县中小学课后服务实施方案（征求意见稿）|已反馈|3 条"]);
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
