using System.Net;
using Gongkai.Applications;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Catalog;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Gongkai.Tests.Catalog.CatalogSteps;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Catalog;

/// <summary>
/// 条例第四十四条: a case replied with its information disclosed becomes a catalogue draft in one action, its personal
/// data (in the demo's forms: a resident number, a mobile, a village address, the applicant's name on the letter's
/// salutation line) masked unless kept; case and item link each other; cases not replied, not disclosed or already
/// published are refused with the reason.
/// </summary>
public class CasePublicationTests
{
    public const string Description = "示范县城关镇周庄村5组31号宅基地审批材料";

    public const string LetterBody =
        "周秀英：\n本机关于2024年6月17日收到您提交的政府信息公开申请，您申请获取“示范县城关镇周庄村5组31号宅基地审批材料”。\n" +
        "经审查，您申请获取的政府信息属于公开范围，现以电子文档形式向您提供（见附件）。申请人身份证号11010519491231002X，联系电话18837301234。\n特此答复。";

    public const string MaskedBody =
        "周**：\n本机关于2024年6月17日收到您提交的政府信息公开申请，您申请获取“示范县城关镇***宅基地审批材料”。\n" +
        "经审查，您申请获取的政府信息属于公开范围，现以电子文档形式向您提供（见附件）。申请人身份证号110***********002X，联系电话188****1234。\n特此答复。";

    public const string Title = "示范县城关镇***宅基地审批材料（依申请公开）";

    /// <summary>A case of 示范县教育局 replied with <paramref name="outcome"/> (or only registered), its reply letter issued and a file provided to the applicant.</summary>
    public static async Task<ApplicationRecord> ReleasedCaseAsync(GongkaiApp app, Outcome? outcome = Outcome.Granted)
    {
        var record = await ApplicantCases.ReceiveAsync(app, applicant: "周秀英", description: Description, phone: "18837301234");
        await ApplicantCases.AppendAsync(app, record.Id, at => new Registered(at, ApplicantCases.Handler));
        if (outcome is { } replied)
        {
            await ApplicantCases.AppendAsync(app, record.Id, at => new Replied(at, ApplicantCases.Handler, replied, "经检索，本机关未制作或者获取该政府信息。", DeliveryMethod.Electronic));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var stored = await db.Applications.SingleAsync(a => a.Id == record.Id);
        stored.Address = "示范县城关镇周庄村5组31号";
        var now = app.Clock.GetUtcNow().UtcDateTime;
        db.Letters.Add(new LetterRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = record.AgencyId,
            ApplicationId = record.Id,
            Kind = "Reply." + (outcome ?? Outcome.Granted),
            Number = "示教公复〔2024〕7号",
            Recipient = "周秀英",
            Title = "示范县教育局政府信息公开申请答复书",
            Body = LetterBody,
            Status = outcome is null ? LetterStatus.Draft : LetterStatus.Issued,
            IssuedOn = outcome is null ? null : DateOnly.FromDateTime(now),
            IssuedAtUtc = outcome is null ? null : now,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            VisibleToApplicant = outcome is not null,
        });
        await scope.ServiceProvider.GetRequiredService<AttachmentUploads>()
            .AddTextAsync(record.AgencyId, record.Id, AttachmentKind.Disclosed, "宅基地审批表.txt", "宅基地审批表（已批准）", visibleToApplicant: true, "张明（经办人）");
        await db.SaveChangesAsync();
        return stored;
    }

    /// <summary>The form as the page posts it: the title, the topic 科技、教育\教育 and, per finding, its index and whether 遮盖 is ticked.</summary>
    public static List<KeyValuePair<string, string>> Form(string title, Guid topic, int findings, params int[] kept)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Title", title), new("TopicCategoryId", topic.ToString()) };
        for (var i = 0; i < findings; i++)
        {
            fields.Add(new("Shown", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (!kept.Contains(i))
            {
                fields.Add(new("Mask", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return fields;
    }

    /// <summary>The topic 科技、教育\教育 of the platform's default tree.</summary>
    public static Task<Guid> EducationTopicAsync(GongkaiApp app) =>
        WithDbAsync(app, db => db.CatalogCategories.Where(c => c.AgencyId == null && c.Scheme == CategoryScheme.Topic && c.Group == "科技、教育" && c.Name == "教育").Select(c => c.Id).FirstAsync());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_disclosed_case_becomes_a_catalogue_draft_with_its_personal_data_masked_linked_both_ways_and_audited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        var record = await ReleasedCaseAsync(app);
        var topic = await EducationTopicAsync(app);
        using var handler = await SignedInAsync(app, "handler");
        var url = $"/applications/{record.Id}/publish";

        (await handler.GetPageAsync($"/applications/{record.Id}")).QuerySelector("#start-publication")!.GetAttribute("href").ShouldBe(url);
        var page = await handler.GetPageAsync(url);
        page.QuerySelector("#Title")!.GetAttribute("value").ShouldBe(Title);
        page.QuerySelectorAll("#found tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Take(3).Select(c => c.TextContent))).ShouldBe(
        [
            "姓名|周秀英|周**",
            "住址|示范县城关镇周庄村5组31号|示范县城关镇***",
            "证件号码|11010519491231002X|110***********002X",
            "电话号码|18837301234|188****1234",
        ]);
        page.QuerySelectorAll("#found input[name=Mask]").All(box => box.HasAttribute("checked")).ShouldBeTrue("masked by default");
        page.QuerySelector("#preview")!.TextContent.ShouldBe(MaskedBody);
        page.QuerySelectorAll("#preview mark").Select(m => m.TextContent).ShouldBe(["周**", "示范县城关镇***", "110***********002X", "188****1234"]);
        page.QuerySelector("#files")!.TextContent.Trim().ShouldBe("宅基地审批表.txt");

        var created = await handler.PostFormAsync(url, Form(Title, topic, 4));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.BodyAsync());
        var itemId = Guid.Parse(created.Headers.Location!.OriginalString["/catalog-admin/".Length..]);

        var item = await WithDbAsync(app, db => db.CatalogItems.SingleAsync(i => i.Id == itemId));
        item.Status.ShouldBe(CatalogStatus.Draft);
        item.Title.ShouldBe(Title);
        item.Body.ShouldBe(MaskedBody);
        item.Publisher.ShouldBe("示范县教育局");
        item.Mode.ShouldBe(DisclosureMode.Proactive);
        item.SourceApplicationId.ShouldBe(record.Id);
        item.FormedOn.ShouldBe(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        (await WithDbAsync(app, db => db.Attachments.Where(a => a.OwnerId == itemId).Select(a => new { a.Kind, a.FileName }).ToListAsync()))
            .ShouldBe([new { Kind = AttachmentKind.Catalog, FileName = "宅基地审批表.txt" }]);
        var audit = await WithDbAsync(app, db => db.AuditLog.SingleAsync(a => a.Action == "catalog.from-case"));
        audit.EntityId.ShouldBe(record.Id.ToString());
        audit.UserName.ShouldBe("handler");
        audit.Summary.ShouldBe($"{record.Number}：依申请公开的信息转为主动公开目录草稿“{Title}”，遮盖个人信息 4 处，保留 0 处，附件 1 个");
        (await WithDbAsync(app, db => db.CatalogReviewSteps.Where(s => s.ItemId == itemId).Select(s => s.Action).ToListAsync())).ShouldBe([CatalogAction.Created]);

        // Linked both ways, and the item is an ordinary draft for the normal review.
        var itemPage = await handler.GetPageAsync($"/catalog-admin/{itemId}");
        itemPage.QuerySelector("#source-case")!.TextContent.ShouldBe($"信息来源：依申请公开 申请 {record.Number}（条例第四十四条转为主动公开）");
        itemPage.QuerySelector("#source-case a")!.GetAttribute("href").ShouldBe($"/applications/{record.Id}");
        itemPage.QuerySelector("#personal-data-left").ShouldBeNull("everything found was masked");
        var casePage = await handler.GetPageAsync($"/applications/{record.Id}");
        casePage.QuerySelector("#case-catalog-item")!.TextContent.ShouldBe(Title);
        casePage.QuerySelector("#case-catalog-item")!.GetAttribute("href").ShouldBe($"/catalog-admin/{itemId}");
        casePage.QuerySelector("#start-publication").ShouldBeNull();

        using var admin = await SignedInAsync(app, "admin");
        (await admin.GetPageAsync("/admin/audit?action=catalog.from-case")).QuerySelector("table.audit tbody")!.TextContent
            .ShouldContain("依申请公开的信息转为主动公开（生成目录草稿）");
    }

    [Fact]
    public async Task A_kept_finding_stays_as_written_and_the_item_page_points_it_out_and_a_bad_title_keeps_the_choices()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var record = await ReleasedCaseAsync(app);
        var topic = await EducationTopicAsync(app);
        using var reviewer = await SignedInAsync(app, "reviewer");
        var url = $"/applications/{record.Id}/publish";

        var refused = await reviewer.PostFormAsync(url, Form("", topic, 4, kept: 0));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.BodyAsync());
        page.QuerySelector("#title-error")!.TextContent.ShouldBe("请填写名称。");
        page.QuerySelectorAll("#found input[name=Mask]").Select(box => box.HasAttribute("checked")).ShouldBe([false, true, true, true]);
        page.QuerySelector("#preview")!.TextContent.ShouldStartWith("周秀英：\n");
        (await WithDbAsync(app, db => db.CatalogItems.CountAsync(i => i.SourceApplicationId == record.Id))).ShouldBe(0);

        var created = await reviewer.PostFormAsync(url, Form("城关镇宅基地审批材料", topic, 4, kept: 0));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var itemId = Guid.Parse(created.Headers.Location!.OriginalString["/catalog-admin/".Length..]);
        var item = await WithDbAsync(app, db => db.CatalogItems.SingleAsync(i => i.Id == itemId));
        item.Title.ShouldBe("城关镇宅基地审批材料");
        item.Body.ShouldBe("周秀英" + MaskedBody[3..]);
        (await WithDbAsync(app, db => db.AuditLog.SingleAsync(a => a.Action == "catalog.from-case"))).Summary
            .ShouldBe($"{record.Number}：依申请公开的信息转为主动公开目录草稿“城关镇宅基地审批材料”，遮盖个人信息 3 处，保留 1 处，附件 1 个");
        (await reviewer.GetPageAsync($"/catalog-admin/{itemId}")).QuerySelector("#personal-data-left li")!.TextContent.ShouldBe("姓名：周秀英");
    }

    [Fact]
    public async Task Every_demo_applicants_name_address_phone_and_identity_number_is_masked_in_a_letter_that_writes_them()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        _ = app.Services;
        var applicants = await WithDbAsync(app, db => db.Applications.AsNoTracking()
            .Where(a => a.ApplicantType == ApplicantType.NaturalPerson && a.Address != null && a.Phone != null && a.IdNumber != null)
            .Select(a => new { a.ApplicantName, a.Address, a.Phone, a.IdNumber, a.Description }).ToListAsync());
        applicants.Count.ShouldBeGreaterThan(100);

        foreach (var a in applicants)
        {
            var letter = $"{a.ApplicantName}：\n您申请获取“{a.Description}”。\n住址：{a.Address}，联系电话{a.Phone}，身份证号{a.IdNumber}。\n特此答复。";
            var masked = PersonalDataMask.Text(letter);
            masked.ShouldNotContain(a.Phone!);
            masked.ShouldNotContain(a.IdNumber!);
            masked.ShouldNotContain(a.Address!);
            masked.ShouldContain("住址：" + PersonalDataMask.Address(a.Address!) + "，");

            // A surname that is more often a word (于) is not taken for a name by itself; the case's own values are.
            masked.StartsWith(a.ApplicantName + "：", StringComparison.Ordinal).ShouldBe(!PersonalDataMask.Surnames.Contains(a.ApplicantName[0], StringComparison.Ordinal), a.ApplicantName);
            var known = new KnownPersonalDatum[]
            {
                new(PersonalDataKind.Name, a.ApplicantName), new(PersonalDataKind.Address, a.Address!),
                new(PersonalDataKind.Phone, a.Phone!), new(PersonalDataKind.IdentityNumber, a.IdNumber!),
            };
            var all = PersonalDataMask.Apply(letter, PersonalDataMask.Find(letter, known));
            all.ShouldStartWith(a.ApplicantName[0] + new string('*', a.ApplicantName.Length - 1) + "：");
            all.ShouldNotContain(a.ApplicantName);
            all.ShouldNotContain(a.Phone!);
            all.ShouldNotContain(a.IdNumber!);
            all.ShouldNotContain(a.Address!);
        }
    }

    [Fact]
    public async Task Cases_not_replied_not_disclosed_already_published_or_of_another_agency_are_refused_with_the_reason()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var open = await ReleasedCaseAsync(app, outcome: null);
        var notHeld = await ReleasedCaseAsync(app, Outcome.UnableNotHeld);
        var granted = await ReleasedCaseAsync(app);
        var topic = await EducationTopicAsync(app);
        using var handler = await SignedInAsync(app, "handler");

        async Task RefusedAsync(Guid id, string reason)
        {
            var url = $"/applications/{id}/publish";
            (await handler.GetPageAsync(url)).QuerySelector("#publish-refusal")!.TextContent.ShouldBe(reason);
            var posted = await handler.PostFormAsync(url, Form(Title, topic, 4));
            posted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await posted.BodyAsync()).ShouldContain(reason);
        }

        await RefusedAsync(open.Id, "本案尚未答复：答复书签发后，才能将公开的信息转为主动公开。");
        await RefusedAsync(notHeld.Id, $"本案答复结果为“{Outcomes.Get(Outcome.UnableNotHeld).PublicName}”，没有向申请人公开的信息，不能转为主动公开（条例第四十四条只适用于予以公开或部分公开的信息）。");
        (await handler.GetPageAsync($"/applications/{open.Id}")).QuerySelector("#publication").ShouldBeNull();
        (await handler.GetPageAsync($"/applications/{notHeld.Id}")).QuerySelector("#publication").ShouldBeNull();

        (await handler.PostFormAsync($"/applications/{granted.Id}/publish", Form(Title, topic, 4))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await RefusedAsync(granted.Id, $"本案公开的信息已生成主动公开目录信息“{Title}”（草稿），不能重复生成。");

        using var otherAgency = await SignedInAsync(app, "handler2");
        (await otherAgency.GetAsync(new Uri($"/applications/{granted.Id}/publish", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WithDbAsync(app, db => db.CatalogItems.CountAsync(i => i.SourceApplicationId != null))).ShouldBe(1);
        (await WithDbAsync(app, db => db.AuditLog.CountAsync(a => a.Action == "catalog.from-case"))).ShouldBe(1);
    }
}

/// <summary>The same in a real browser, on a 390 px phone: from the case page to the draft and back.</summary>
[Collection(BrowserTests.Name)]
public class CasePublicationBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task A_handler_turns_a_disclosed_case_into_a_masked_catalogue_draft_on_a_phone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);
        var record = await CasePublicationTests.ReleasedCaseAsync(app);
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, "handler");

        await page.GotoAsync($"/applications/{record.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "转为主动公开…" }).ClickAsync();
        await page.WaitForURLAsync($"**/applications/{record.Id}/publish");
        (await page.Locator("#found tbody tr").CountAsync()).ShouldBe(4);
        (await page.Locator("#preview mark").AllInnerTextsAsync()).ShouldBe(["周**", "示范县城关镇***", "110***********002X", "188****1234"]);
        (await Gongkai.Tests.Portal.PhoneWidthBrowserTests.FitProblemsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "生成主动公开目录草稿" }).ClickAsync();
        (await page.Locator("#topic-error").InnerTextAsync()).ShouldBe("请选择主题分类。");
        (await page.Locator("#Title").InputValueAsync()).ShouldBe(CasePublicationTests.Title);
        await page.GetByLabel("主题分类（必填）").SelectOptionAsync(new SelectOptionValue { Label = "科技、教育\\教育" });
        await page.GetByRole(AriaRole.Button, new() { Name = "生成主动公开目录草稿" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/catalog-admin/[0-9a-f-]{36}$"));
        (await page.Locator("p.notice").InnerTextAsync()).ShouldBe("已生成主动公开目录草稿，请核对遮盖后的正文，再提交保密审查。");
        (await page.Locator("#source-case").InnerTextAsync()).ShouldBe($"信息来源：依申请公开 申请 {record.Number}（条例第四十四条转为主动公开）");
        (await Gongkai.Tests.Portal.PhoneWidthBrowserTests.FitProblemsAsync(page)).ShouldBeEmpty();

        await page.Locator("#source-case a").ClickAsync();
        await page.WaitForURLAsync($"**/applications/{record.Id}");
        (await page.Locator("#case-catalog-item").InnerTextAsync()).ShouldBe(CasePublicationTests.Title);
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
    }
}
