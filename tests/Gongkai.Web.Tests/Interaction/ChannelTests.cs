using System.Net;
using AngleSharp.Html.Parser;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Interaction;

/// <summary>公开渠道: registered with their person responsible, stale new-media accounts on 工作台, monthly counts, the catalogue's channel choice.</summary>
public class ChannelTests
{
    private static readonly HtmlParser Parser = new();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_publisher_registers_channels_a_stale_account_reaches_the_work_page_and_monthly_counts_are_entered_and_corrected(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        using var publisher = app.CreateBrowserClient();
        (await publisher.LoginAsync("publisher")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Only the portal column before anything is registered.
        var page = await publisher.GetPageAsync("/channels");
        page.QuerySelectorAll("table.channels tbody tr").Select(r => r.Id).ShouldBe(["channel-portal"]);
        page.QuerySelector("[data-stale-days]")!.TextContent.ShouldBe("14");

        // A bad form comes back with its messages and what was typed.
        var refused = await publisher.PostFormAsync("/channels",
            [new("Input.Kind", "WeChat"), new("Input.Name", " "), new("Input.Address", "微信号 sfxjy"), new("Input.Responsible", "王芳"), new("Input.LastUpdatedOn", "2024-13-01")],
            "/channels?handler=Save");
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var form = Parser.ParseDocument(await refused.BodyAsync());
        form.QuerySelectorAll("#channel-form + form .field-error").Select(e => e.TextContent).ShouldBe(["请填写渠道名称。", "最近更新日期“2024-13-01”不是有效日期；请写成 2024-03-05 这样的格式。"]);
        form.QuerySelector("#Input_Address")!.GetAttribute("value").ShouldBe("微信号 sfxjy");
        form.QuerySelector("#Input_LastUpdatedOn")!.GetAttribute("value").ShouldBe("2024-13-01");

        // Today is 2024-06-17: the WeChat account updated 14 days ago is current, the Weibo account 15 days ago is stale.
        await SaveAsync(publisher, "WeChat", "示范教育", "微信号 sfxjy", "王芳", "2024-06-03");
        await SaveAsync(publisher, "Weibo", "示范县教育局", "weibo.com/sfxjy", "赵强", "2024-06-02");
        await SaveAsync(publisher, "ServiceCentre", "县政务服务中心政务公开专区", "示范县人民路 8 号政务服务中心一楼", "孙丽", "");
        page = await publisher.GetPageAsync("/channels");
        page.QuerySelectorAll("table.channels tbody tr td.title").Select(t => t.TextContent).ShouldBe(
            ["政府网站【本机关政府信息公开栏目】", "政务微信【示范教育】", "政务微博【示范县教育局】", "政务公开专区【县政务服务中心政务公开专区】"]);
        page.QuerySelectorAll("[data-stale]").Select(s => s.TextContent).ShouldBe(["超期未更新（15 天未更新）"]);
        var work = await publisher.GetPageAsync("/work");
        work.QuerySelector("#stale-channels")!.TextContent.ShouldBe("政务新媒体未按时更新（1）");
        var section = work.QuerySelectorAll("section.inbox").Single(s => s.QuerySelector("h2")!.Id == "stale-channels");
        section.QuerySelectorAll("li a").Select(a => a.TextContent.Trim()).ShouldBe(["政务微博【示范县教育局】"]);

        // The handler sees the channels but changes nothing and has no such section.
        using var handler = app.CreateBrowserClient();
        (await handler.LoginAsync("handler")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await handler.GetPageAsync("/channels")).QuerySelector("#channel-form").ShouldBeNull();
        (await handler.GetPageAsync("/work")).QuerySelector("#stale-channels").ShouldBeNull();
        var denied = await handler.PostFormAsync("/channels", [new("Input.Kind", "App"), new("Input.Name", "x"), new("Input.Address", "x"), new("Input.Responsible", "x")], "/channels?handler=Save");
        denied.Headers.Location!.ToString().ShouldContain("/accounts/denied");
        (await ApplicantCases.QueryAsync(app, db => db.PublicationChannels.CountAsync())).ShouldBe(3);

        // A day later the WeChat account is stale too; entering the Weibo account's new date takes it off.
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await publisher.LoginAsync("publisher")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session of yesterday has expired");
        (await publisher.GetPageAsync("/work")).QuerySelector("#stale-channels")!.TextContent.ShouldBe("政务新媒体未按时更新（2）");
        var weibo = await ApplicantCases.QueryAsync(app, db => db.PublicationChannels.Where(c => c.Kind == ChannelKind.Weibo).Select(c => c.Id).SingleAsync());
        await SaveAsync(publisher, "Weibo", "示范县教育局", "weibo.com/sfxjy", "赵强", "2024-06-18", weibo);
        (await publisher.GetPageAsync("/work")).QuerySelector("#stale-channels")!.TextContent.ShouldBe("政务新媒体未按时更新（1）");

        // Monthly counts: a month not yet begun is refused; a second entry for the same month corrects the first.
        var wechat = await ApplicantCases.QueryAsync(app, db => db.PublicationChannels.Where(c => c.Kind == ChannelKind.WeChat).Select(c => c.Id).SingleAsync());
        var future = await publisher.PostFormAsync("/channels",
            [new("CountInput.ChannelId", wechat.ToString()), new("CountInput.Month", "2024-07"), new("CountInput.Count", "5"), new("CountInput.Source", "公众号后台导出")], "/channels?handler=Count");
        future.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var countForm = Parser.ParseDocument(await future.BodyAsync());
        countForm.QuerySelector("#count-form + form .field-error")!.TextContent.ShouldBe("请选择已经开始的月份。");
        countForm.QuerySelector("#CountInput_Source")!.GetAttribute("value").ShouldBe("公众号后台导出");
        foreach (var count in new[] { "31", "33" })
        {
            (await publisher.PostFormAsync("/channels",
                [new("CountInput.ChannelId", wechat.ToString()), new("CountInput.Month", "2024-05"), new("CountInput.Count", count), new("CountInput.Source", "公众号后台导出")], "/channels?handler=Count"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var counts = (await publisher.GetPageAsync("/channels?year=2024")).QuerySelectorAll("table.channel-counts tbody tr")
            .Select(r => string.Join("|", r.QuerySelectorAll("td").Take(4).Select(td => td.TextContent))).ToList();
        counts.ShouldBe(["政务微信【示范教育】|2024年5月|33|公众号后台导出"]);

        // Every change is in the audit log.
        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.EntityType == "PublicationChannel").Select(a => a.Action + " " + a.Summary).ToListAsync());
        audit.ShouldBe(
        [
            "channel.registered 登记公开渠道 政务微信【示范教育】（微信号 sfxjy，责任人 王芳，最近更新 2024-06-03）",
            "channel.registered 登记公开渠道 政务微博【示范县教育局】（weibo.com/sfxjy，责任人 赵强，最近更新 2024-06-02）",
            "channel.registered 登记公开渠道 政务公开专区【县政务服务中心政务公开专区】（示范县人民路 8 号政务服务中心一楼，责任人 孙丽，最近更新 未登记）",
            "channel.changed 修改公开渠道：政务微博【示范县教育局】（weibo.com/sfxjy，责任人 赵强，最近更新 2024-06-02） → 政务微博【示范县教育局】（weibo.com/sfxjy，责任人 赵强，最近更新 2024-06-18）",
            "channel.count.entered 登记政务微信【示范教育】2024年5月发布信息 31 条（来源：公众号后台导出）",
            "channel.count.entered 更正政务微信【示范教育】2024年5月发布信息 33 条（来源：公众号后台导出），原为 31 条",
        ], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_catalogue_draft_records_its_channels_keeps_the_choice_on_errors_and_refuses_another_agencys_channel(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var education = await ApplicantCases.AgencyIdAsync(app);
        var resources = await ApplicantCases.AgencyIdAsync(app, "示范县自然资源局");
        var (own, foreign) = await ApplicantCases.QueryAsync(app, async db =>
        {
            var mine = Channel(education, ChannelKind.WeChat, "示范教育");
            var theirs = Channel(resources, ChannelKind.Weibo, "示范县自然资源");
            db.PublicationChannels.AddRange(mine, theirs);
            await db.SaveChangesAsync();
            return (mine.Id, theirs.Id);
        });
        using var handler = app.CreateBrowserClient();
        (await handler.LoginAsync("handler")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var empty = await handler.GetPageAsync("/catalog-admin/draft");
        empty.QuerySelectorAll("#Input_ChannelIds label").Select(l => l.TextContent.Trim()).ShouldBe(["政府网站", "政务微信【示范教育】"]);
        empty.QuerySelector("#Input_ChannelIds input[disabled]")!.HasAttribute("checked").ShouldBeTrue();
        var topic = empty.QuerySelectorAll("#Input_TopicCategoryId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;

        // A form with a mistake keeps the channel ticked.
        var refused = await handler.PostFormAsync("/catalog-admin/draft", [new("Input.Title", ""), new("Input.Publisher", "示范县教育局"), new("Input.FormedOn", "2024-06-17"), new("Input.TopicCategoryId", topic), new("Input.ChannelIds", own.ToString())]);
        var page = Parser.ParseDocument(await refused.BodyAsync());
        page.QuerySelector("#Input_Title_error")!.TextContent.ShouldBe("请填写名称。");
        page.QuerySelector($"#Input_ChannelIds input[value='{own}']")!.HasAttribute("checked").ShouldBeTrue();

        // Another agency's channel is not the handler's to choose.
        var foreignPost = await handler.PostFormAsync("/catalog-admin/draft", [new("Input.Title", "关于秋季学期开学的通知"), new("Input.Publisher", "示范县教育局"), new("Input.FormedOn", "2024-06-17"), new("Input.TopicCategoryId", topic), new("Input.ChannelIds", foreign.ToString())]);
        Parser.ParseDocument(await foreignPost.BodyAsync()).QuerySelector("#Input_ChannelIds_error")!.TextContent.ShouldBe("请从本机关登记的公开渠道中选择。");

        var created = await handler.PostFormAsync("/catalog-admin/draft", [new("Input.Title", "关于秋季学期开学的通知"), new("Input.Publisher", "示范县教育局"), new("Input.FormedOn", "2024-06-17"), new("Input.TopicCategoryId", topic), new("Input.ChannelIds", own.ToString())]);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var item = Guid.Parse(created.Headers.Location!.ToString()["/catalog-admin/".Length..]);
        (await ApplicantCases.QueryAsync(app, db => db.CatalogItemChannels.Where(c => c.CatalogItemId == item).Select(c => c.ChannelId).ToListAsync())).ShouldBe([own]);

        // Editing the draft shows the choice and can clear it.
        (await handler.GetPageAsync($"/catalog-admin/draft/{item}")).QuerySelector($"#Input_ChannelIds input[value='{own}']")!.HasAttribute("checked").ShouldBeTrue();
        (await handler.PostFormAsync($"/catalog-admin/draft/{item}", [new("Input.Title", "关于秋季学期开学的通知"), new("Input.Publisher", "示范县教育局"), new("Input.FormedOn", "2024-06-17"), new("Input.TopicCategoryId", topic)]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplicantCases.QueryAsync(app, db => db.CatalogItemChannels.CountAsync(c => c.CatalogItemId == item))).ShouldBe(0);
    }

    internal static PublicationChannel Channel(Guid agency, ChannelKind kind, string name, DateOnly? lastUpdated = null) => new()
    {
        Id = Guid.NewGuid(),
        AgencyId = agency,
        Kind = kind,
        Name = name,
        Address = "https://example.gov.cn/" + kind,
        Responsible = "王芳",
        LastUpdatedOn = lastUpdated,
        OpenedOn = new DateOnly(2024, 1, 2),
    };

    private static async Task SaveAsync(HttpClient client, string kind, string name, string address, string responsible, string lastUpdated, Guid? edit = null)
    {
        var response = await client.PostFormAsync("/channels",
            [new("Edit", edit?.ToString() ?? ""), new("Input.Kind", kind), new("Input.Name", name), new("Input.Address", address), new("Input.Responsible", responsible), new("Input.LastUpdatedOn", lastUpdated)],
            "/channels?handler=Save");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.BodyAsync());
    }
}
