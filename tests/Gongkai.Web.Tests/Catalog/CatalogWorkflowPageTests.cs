using System.Net;
using System.Net.Http.Json;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongkai.Tests.Catalog.CatalogSteps;

namespace Gongkai.Tests.Catalog;

public class CatalogWorkflowPageTests
{
    [Fact]
    public async Task A_draft_is_reviewed_approved_and_published_with_an_index_number_and_becomes_searchable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");
        using var reviewer = await SignedInAsync(app, "reviewer");
        using var publisher = await SignedInAsync(app, "publisher");
        var agency = await AgencyIdAsync(app, "示范县教育局");
        var lastSerial = await WithDbAsync(app, db => db.NumberCounters.Where(s => s.AgencyId == agency && s.Series == Gongkai.Data.Numbering.NumberSeries.IndexNumbers(2024)).Select(s => s.Last).SingleAsync());

        var id = await DraftAsync(handler, "关于做好2024年暑期学生防溺水工作的通知", "各中小学：\n暑假将至，请做好防溺水安全教育。");
        await ActAsync(handler, id, "Submit").DoneAsync();
        (await AlertAsync(await ActAsync(handler, id, "Review&pass=true"))).ShouldBe("只有审核人可以保密审查通过。");
        await ActAsync(reviewer, id, "Review&pass=true", ("Opinion", "不涉密，同意公开。")).DoneAsync();
        (await AlertAsync(await ActAsync(publisher, id, "Publish"))).ShouldBe("该信息当前为“待审批”，不能发布。");
        await ActAsync(reviewer, id, "Approve&approve=true", ("Opinion", "同意发布。")).DoneAsync();
        await ActAsync(publisher, id, "Publish").DoneAsync();

        var item = await WithDbAsync(app, db => db.CatalogItems.SingleAsync(i => i.Id == id));
        item.Status.ShouldBe(CatalogStatus.Published);
        item.IndexNumber.ShouldBe($"11410799MB0000002X/2024-{lastSerial + 1:00000}");
        item.PublishedOn.ShouldBe(new DateOnly(2024, 6, 17));

        var steps = await WithDbAsync(app, db => db.CatalogReviewSteps.Where(s => s.ItemId == id).OrderBy(s => s.Sequence)
            .Select(s => new { s.Action, s.ActorName, s.Comment }).ToListAsync());
        steps.Select(s => (s.Action, s.ActorName)).ShouldBe(
        [
            (CatalogAction.Created, "张明（经办人）"),
            (CatalogAction.Submitted, "张明（经办人）"),
            (CatalogAction.ConfidentialityPassed, "李华（审核人）"),
            (CatalogAction.Approved, "李华（审核人）"),
            (CatalogAction.Published, "王芳（发布人）"),
        ]);
        steps[2].Comment.ShouldBe("不涉密，同意公开。");
        (await WithDbAsync(app, db => db.AuditLog.CountAsync(a => a.EntityId == id.ToString() && a.Action == "catalog.published"))).ShouldBe(1);

        var page = await reviewer.GetStringAsync(new Uri($"/catalog-admin/{id}", UriKind.Relative));
        page.ShouldContain("2024-06-11 形成或变更，依条例第二十六条应于 2024-07-09 前（20 个工作日内）公开；2024-06-17 公开（第 4 个工作日），按时公开。");

        using var anonymous = app.CreateClient();
        var found = await anonymous.GetFromJsonAsync<SearchResponse>(new Uri("/api/catalog/search?q=防溺水", UriKind.Relative));
        found!.Total.ShouldBe(1);
        found.Items.Single().Id.ShouldBe(id);
        found.Items.Single().IndexNumber.ShouldBe(item.IndexNumber);
        (await anonymous.GetStringAsync(new Uri($"/catalog/{id}", UriKind.Relative))).ShouldContain(item.IndexNumber!);
    }

    [Fact]
    public async Task A_returned_draft_goes_back_to_its_drafter_with_the_reason_and_nobody_reviews_their_own_draft()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");
        using var reviewer = await SignedInAsync(app, "reviewer");

        var id = await DraftAsync(handler, "关于公布招生咨询电话的通知", "咨询电话：0373-5000002。");
        await ActAsync(handler, id, "Submit").DoneAsync();
        (await AlertAsync(await ActAsync(reviewer, id, "Review&pass=false"))).ShouldBe("退回时请写明退回理由（例如需删除的涉密或个人隐私内容）。");
        await ActAsync(reviewer, id, "Review&pass=false", ("Opinion", "请删除个人手机号码。")).DoneAsync();
        (await WithDbAsync(app, db => db.CatalogItems.SingleAsync(i => i.Id == id))).Status.ShouldBe(CatalogStatus.Draft);
        (await handler.GetStringAsync(new Uri($"/catalog-admin/{id}", UriKind.Relative))).ShouldContain("保密审查退回 · 李华（审核人）");

        var own = await DraftAsync(reviewer, "审核人自己起草的通知", "正文。");
        await ActAsync(reviewer, own, "Submit").DoneAsync();
        (await AlertAsync(await ActAsync(reviewer, own, "Review&pass=true"))).ShouldBe("不能保密审查通过自己起草的信息；请由另一位审核人办理。");
    }

    [Fact]
    public async Task A_published_item_is_corrected_only_by_a_new_reviewed_version_that_supersedes_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");
        using var reviewer = await SignedInAsync(app, "reviewer");
        using var publisher = await SignedInAsync(app, "publisher");
        var first = await DraftAsync(handler, "示范县2024年校车运营线路公告", "线路一：城关—李庄。");
        await ReviewAndPublishAsync(handler, reviewer, publisher, first);

        var edit = await handler.PostFormAsync("/catalog-admin/draft", [new("Input.Title", "改过的标题")], $"/catalog-admin/draft/{first}");
        (await AlertAsync(edit)).ShouldBe("已发布的信息不能直接修改；请创建新版本，经保密审查和审批后发布。");

        (await AlertAsync(await ActAsync(handler, first, "NewVersion"))).ShouldBe("请说明新版本要更正或变更的内容。");
        var created = await ActAsync(handler, first, "NewVersion", ("ChangeNote", "增加线路二。"), ("ChangedOn", "2024-06-14"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = Guid.Parse(created.Headers.Location!.ToString()["/catalog-admin/draft/".Length..]);
        (await AlertAsync(await ActAsync(handler, first, "NewVersion", ("ChangeNote", "再改一次。"))))
            .ShouldBe("该信息已有正在办理的第 2 版（草稿），请先完成或退回它。");

        var form = await handler.GetPageAsync($"/catalog-admin/draft/{second}");
        form.QuerySelector("#Input_Body")!.TextContent.ShouldBe("线路一：城关—李庄。");
        var fields = form.QuerySelectorAll("input[name^='Input.'], textarea[name^='Input.'], select[name^='Input.']")
            .Where(e => e.GetAttribute("type") != "radio" || e.HasAttribute("checked"))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e.TagName == "SELECT"
                ? e.QuerySelector("option[selected]")?.GetAttribute("value") ?? ""
                : e.TagName == "TEXTAREA" ? e.TextContent : e.GetAttribute("value") ?? ""))
            .Where(f => f.Key != "Input.Body")
            .Append(new("Input.Body", "线路一：城关—李庄。\n线路二：城关—王屯。"));
        (await handler.PostFormAsync($"/catalog-admin/draft/{second}", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var anonymous = app.CreateClient();
        (await anonymous.GetStringAsync(new Uri($"/catalog/{first}", UriKind.Relative))).ShouldNotContain("查看现行版本", customMessage: "until the new version is published, the first one stays current");
        await ReviewAndPublishAsync(handler, reviewer, publisher, second);

        var versions = await WithDbAsync(app, db => db.CatalogItems.Where(i => i.SeriesId == first).OrderBy(i => i.Version).ToListAsync());
        versions.Select(v => (v.Version, v.Status)).ShouldBe([(1, CatalogStatus.Superseded), (2, CatalogStatus.Published)]);
        versions[1].IndexNumber.ShouldBe(versions[0].IndexNumber);
        versions[0].SearchKey.ShouldBeNull();
        versions[1].FormedOn.ShouldBe(new DateOnly(2024, 6, 14));

        var old = await anonymous.GetStringAsync(new Uri($"/catalog/{first}", UriKind.Relative));
        old.ShouldContain($"<a href=\"/catalog/{second}\">查看现行版本</a>");
        var current = await anonymous.GetStringAsync(new Uri($"/catalog/{second}", UriKind.Relative));
        current.ShouldContain("线路二：城关—王屯。");
        current.ShouldContain("增加线路二。");
        var found = await anonymous.GetFromJsonAsync<SearchResponse>(new Uri("/api/catalog/search?q=校车", UriKind.Relative));
        found!.Items.Select(i => i.Id).ShouldBe([second]);

        await ActAsync(publisher, second, "Withdraw", ("Reason", "线路调整，另行发布。")).DoneAsync();
        (await anonymous.GetAsync(new Uri($"/catalog/{first}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "withdrawing the series takes its earlier versions off the portal too");
        (await WithDbAsync(app, db => db.CatalogItems.Where(i => i.SeriesId == first).OrderBy(i => i.Version).Select(i => i.Status).ToListAsync()))
            .ShouldBe([CatalogStatus.Superseded, CatalogStatus.Withdrawn], "the history of versions is kept as it was");
    }

    [Fact]
    public async Task Withdrawal_needs_a_reason_and_takes_the_item_off_the_portal_and_out_of_the_search()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");
        using var reviewer = await SignedInAsync(app, "reviewer");
        using var publisher = await SignedInAsync(app, "publisher");
        var id = await DraftAsync(handler, "关于误发学生名单的说明", "本名单含有不应公开的信息。");
        await ReviewAndPublishAsync(handler, reviewer, publisher, id);
        // PostgreSQL searches the node's local index only (ADR 0014): wait until it serves.
        await app.Services.GetRequiredService<LocalSearchIndex>().WhenServingAsync();
        using var anonymous = app.CreateClient();
        (await anonymous.GetFromJsonAsync<SearchResponse>(new Uri("/api/catalog/search?q=误发", UriKind.Relative)))!.Total.ShouldBe(1);

        (await AlertAsync(await ActAsync(publisher, id, "Withdraw", ("Reason", " ")))).ShouldBe("撤回时必须写明撤回理由。");
        await ActAsync(publisher, id, "Withdraw", ("Reason", "含有学生个人信息，撤回处理。")).DoneAsync();

        (await anonymous.GetAsync(new Uri($"/catalog/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetFromJsonAsync<SearchResponse>(new Uri("/api/catalog/search?q=误发", UriKind.Relative)))!.Total.ShouldBe(0);
        var item = await WithDbAsync(app, db => db.CatalogItems.SingleAsync(i => i.Id == id));
        item.Status.ShouldBe(CatalogStatus.Withdrawn);
        item.WithdrawalReason.ShouldBe("含有学生个人信息，撤回处理。");
        (await publisher.GetStringAsync(new Uri($"/catalog-admin/{id}", UriKind.Relative))).ShouldContain("已撤回：含有学生个人信息，撤回处理。");
    }

    [Fact]
    public async Task A_draft_with_mistakes_shows_each_message_next_to_its_field_and_keeps_what_was_typed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");

        var response = await handler.PostFormAsync("/catalog-admin/draft",
        [
            new("Input.Title", ""),
            new("Input.Publisher", "示范县教育局"),
            new("Input.Kind", "NormativeDocument"),
            new("Input.WrittenOn", "2024-02-30"),
            new("Input.Summary", "保留这段概述"),
            new("Input.Body", "保留这段正文"),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.BodyAsync());
        page.QuerySelector("#Input_Title_error")!.TextContent.ShouldBe("请填写名称。");
        page.QuerySelector("#Input_DocumentNumber_error")!.TextContent.ShouldBe("行政规范性文件必须填写文号，例如“示教〔2024〕12号”。");
        page.QuerySelector("#Input_WrittenOn_error")!.TextContent.ShouldBe("成文日期“2024-02-30”不是有效日期；请写成 2024-03-05 这样的格式。");
        page.QuerySelector("#Input_TopicCategoryId_error")!.TextContent.ShouldBe("请选择主题分类。");
        page.QuerySelector("#Input_Title")!.GetAttribute("aria-describedby").ShouldBe("Input_Title_error");
        page.QuerySelectorAll("main .alert li a").Select(a => a.GetAttribute("href")).ShouldContain("#Input_DocumentNumber");
        page.QuerySelector("#Input_Summary")!.TextContent.ShouldBe("保留这段概述");
        page.QuerySelector("#Input_Body")!.TextContent.ShouldBe("保留这段正文");
        page.QuerySelector("#Input_WrittenOn")!.GetAttribute("value").ShouldBe("2024-02-30");
        (await WithDbAsync(app, db => db.CatalogItems.CountAsync(i => i.Body == "保留这段正文"))).ShouldBe(0);
    }

    [Fact]
    public async Task Another_agencys_items_do_not_exist_for_its_staff()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");
        using var other = await SignedInAsync(app, "handler2");
        var id = await DraftAsync(handler, "教育局的草稿", "正文。");

        (await other.GetAsync(new Uri($"/catalog-admin/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync(new Uri($"/catalog-admin/draft/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await other.GetStringAsync(new Uri("/catalog-admin?q=教育局的草稿", UriKind.Relative));
        list.ShouldContain("共 0 条。");
        using var anonymous = app.CreateClient();
        (await anonymous.GetAsync(new Uri($"/catalog/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a draft is not public");
    }

    [Fact]
    public async Task Attachments_are_added_to_drafts_and_downloadable_by_the_public_once_published()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");
        using var reviewer = await SignedInAsync(app, "reviewer");
        using var publisher = await SignedInAsync(app, "publisher");
        var id = await DraftAsync(handler, "示范县2024年学生资助名单", "");

        (await AlertAsync(await ActAsync(handler, id, "Submit"))).ShouldBe("主动公开的信息须有正文或附件；请先填写正文或上传附件，再提交保密审查。");
        var content = "序号,姓名,金额\n1,张某,1000\n"u8.ToArray();
        await UploadAsync(handler, id, "资助名单.csv", content).DoneAsync();
        (await AlertAsync(await UploadAsync(handler, id, "程序.exe", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0]))).ShouldBe("文件“程序.exe”不能上传：文件是可执行程序（Windows 程序），出于安全考虑不能上传。");
        (await AlertAsync(await UploadAsync(handler, id, "名单.pdf", "<html><script>alert(1)</script></html>"u8.ToArray())))
            .ShouldBe("文件“名单.pdf”不能上传：文件是网页（HTML）或含有脚本的标记文件，出于安全考虑不能上传。请把内容另存为 PDF 后再上传。", "the content decides, not the name");
        var attachment = await WithDbAsync(app, db => db.Attachments.SingleAsync(a => a.OwnerId == id));
        attachment.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));

        using var anonymous = app.CreateClient();
        (await anonymous.GetAsync(new Uri($"/catalog/files/{attachment.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not yet published");
        (await handler.GetByteArrayAsync(new Uri($"/catalog/files/{attachment.Id}", UriKind.Relative))).ShouldBe(content);

        await ReviewAndPublishAsync(handler, reviewer, publisher, id);
        (await anonymous.GetByteArrayAsync(new Uri($"/catalog/files/{attachment.Id}", UriKind.Relative))).ShouldBe(content);
        (await anonymous.GetStringAsync(new Uri($"/catalog/{id}", UriKind.Relative))).ShouldContain($"<a href=\"/catalog/files/{attachment.Id}\" download>资助名单.csv</a>");

        var created = await ActAsync(handler, id, "NewVersion", ("ChangeNote", "更正一处金额。"), ("ChangedOn", "2024-06-14"));
        var second = Guid.Parse(created.Headers.Location!.ToString()["/catalog-admin/draft/".Length..]);
        await UploadAsync(handler, second, "资助名单（更正）.csv", "序号,姓名,金额\n1,张某,1200\n"u8.ToArray()).DoneAsync();
        await ReviewAndPublishAsync(handler, reviewer, publisher, second);
        (await anonymous.GetByteArrayAsync(new Uri($"/catalog/files/{attachment.Id}", UriKind.Relative))).ShouldBe(content, "an earlier version stays readable beside the current one");

        await ActAsync(publisher, second, "Withdraw", ("Reason", "名单有误，撤回。")).DoneAsync();
        (await anonymous.GetAsync(new Uri($"/catalog/files/{attachment.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "withdrawing the series takes the earlier version's files off the portal too");
        (await handler.GetByteArrayAsync(new Uri($"/catalog/files/{attachment.Id}", UriKind.Relative))).ShouldBe(content, "the agency's own staff still read them");
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string fileName, byte[] bytes)
    {
        var page = await client.GetPageAsync($"/catalog-admin/{id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        return await client.PostAsync(new Uri($"/catalog-admin/{id}?handler=Upload", UriKind.Relative), form);
    }

    public static Task<Guid> AgencyIdAsync(GongkaiApp app, string name) =>
        WithDbAsync(app, db => db.Agencies.Where(a => a.Name == name).Select(a => a.Id).SingleAsync());

    public static async Task<T> WithDbAsync<T>(GongkaiApp app, Func<GongkaiDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>());
    }

    public sealed record SearchItem(Guid Id, string Url, string? IndexNumber, string Title, string TitleHtml, string? DocumentNumber, string? DocumentNumberHtml, Guid AgencyId, string Agency, string? Topic, string? Genre, string PublishedOn, string SnippetHtml, string MatchedIn);

    public sealed record SearchResponse(string Query, int Total, bool TotalIsCapped, int Page, int PageSize, int PageCount, List<SearchItem> Items);
}
