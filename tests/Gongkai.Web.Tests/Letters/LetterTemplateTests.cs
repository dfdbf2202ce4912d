using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Letters;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Letters;

public class LetterTemplateTests
{
    [Fact]
    public void The_catalogue_has_one_reply_per_outcome_and_every_notice_and_uses_only_known_placeholders()
    {
        LetterCatalogue.Kinds.Where(k => k.IsReply).Select(k => k.Id).ShouldBe(
            [.. Enum.GetValues<Outcome>().Select(LetterCatalogue.ReplyKind).Take(11), "Reply.NotThisAgency", .. Enum.GetValues<Outcome>().Select(LetterCatalogue.ReplyKind).Skip(11)],
            "one reply named after each outcome, and the second reply of （四）1 for 条例第三十六条第（五）项 after it");
        var notThisAgency = LetterCatalogue.Find(LetterCatalogue.NotThisAgency)!;
        (notThisAgency.Outcome, notThisAgency.Label, notThisAgency.Remedy).ShouldBe(
            ((Outcome?)Outcome.UnableNotHeld, "答复 · （四）无法提供1.本机关不掌握相关政府信息（不属于本机关负责公开）", "Either"));
        LetterFields.LegalBasis(notThisAgency).ShouldBe("《中华人民共和国政府信息公开条例》第三十六条第（五）项");
        LetterCatalogue.Kinds.Where(k => !k.IsReply).Select(k => k.Id).ShouldBe(
            ["Correction", "Extension", "Consultation.ThirdParty", "Consultation.OtherAgency", "FeeNotice", "Receipt"]);
        var known = LetterFields.Reference.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var template in LetterCatalogue.Defaults)
        {
            LetterFields.Placeholders(template.Title + template.Body).Where(p => !known.Contains(p)).ShouldBeEmpty(template.Kind.Id);
            if (template.NumberPattern is { } pattern)
            {
                LetterNumbers.Check(pattern).ShouldBeNull(template.Kind.Id);
            }
        }

        // 复议前置 (行政复议法第二十三条) for refusals under Articles 14–16, and only for them.
        LetterCatalogue.Kinds.Where(k => k.Remedy == "ReconsiderationFirst").Select(k => k.Outcome).ShouldBe(
        [
            Outcome.WithheldStateSecret, Outcome.WithheldProhibitedByLaw, Outcome.WithheldThreeSecurityOneStability,
            Outcome.WithheldThirdPartyRights, Outcome.WithheldInternalAffairs, Outcome.WithheldProcessInformation,
            Outcome.WithheldEnforcementCaseFiles,
        ]);
        LetterCatalogue.Find("Reply.PartiallyGranted")!.Remedy.ShouldBe("PartlyReconsiderationFirst");
        LetterCatalogue.Kinds.Where(k => !k.IsReply).ShouldAllBe(k => k.Remedy == null);
    }

    [Fact]
    public void Filling_keeps_placeholders_without_a_value_and_lists_them_once_in_order()
    {
        var filled = LetterFields.Fill("{申请人}：{答复理由}，{文号}；{答复理由}。{不是占位符 }", new Dictionary<string, string> { ["申请人"] = "张三" });

        filled.Text.ShouldBe("张三：{答复理由}，{文号}；{答复理由}。{不是占位符 }");
        filled.Missing.ShouldBe(["答复理由", "文号"]);
        LetterFields.Summary("一二三\n四五  六").ShouldBe("一二三 四五 六");
        LetterFields.Summary(new string('字', 101)).ShouldBe(new string('字', 100) + "……");
    }

    [Fact]
    public async Task Platform_defaults_are_seeded_on_start_for_every_kind()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        await client.GetAsync(new Uri("/health", UriKind.Relative));

        var kinds = await ApplicantCases.QueryAsync(app, db => db.LetterTemplates.Where(t => t.AgencyId == null).Select(t => t.Kind).ToListAsync());

        kinds.Order(StringComparer.Ordinal).ShouldBe(LetterCatalogue.Kinds.Select(k => k.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_administrator_sets_the_agencys_own_template_and_new_drafts_use_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var own = await ApplicantCases.ReceiveAsync(app, agency: "示范县人民政府办公室");
        var other = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.GrantRoleAsync(app, "admin", Gongkai.Data.Accounts.Roles.Handler); // drafts letters only as a handler
        using var admin = app.CreateBrowserClient();
        await admin.LoginAsync("admin");
        const string url = "/admin/letter-templates/Receipt?scope=agency";

        var form = await admin.GetPageAsync(url);
        form.QuerySelector("#Title")!.GetAttribute("value").ShouldBe("{机关名称}政府信息公开申请接收回执", "starts from the text in use");

        var saved = await admin.PostFormAsync(url, [new("Scope", "agency"), new("Title", "{机关名称}收件回执"), new("NumberPattern", "{简称}收〔{年}〕{序号}号"), new("Body", "{申请人}：\n本机关已于{收到日期}收到您的申请，登记号{登记号}。")], "/admin/letter-templates/Receipt?handler=Save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await admin.PostFormAsync($"/applications/{own.Id}/letters", [new("Kind", "Receipt")]);
        var letter = await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == own.Id));
        letter.Title.ShouldBe("示范县人民政府办公室收件回执");
        letter.Body.ShouldBe($"张三：\n本机关已于2024年6月17日收到您的申请，登记号{own.Number}。");

        // Other agencies keep the platform default.
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        await handler.PostFormAsync($"/applications/{other.Id}/letters", [new("Kind", "Receipt")]);
        (await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == other.Id))).Title.ShouldBe("示范县教育局政府信息公开申请接收回执");
    }

    [Fact]
    public async Task The_editor_previews_with_a_sample_case_and_refuses_unknown_placeholders_keeping_the_text()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var admin = app.CreateBrowserClient();
        await admin.LoginAsync("admin");
        const string url = "/admin/letter-templates/Reply.Granted?scope=platform";

        var preview = await admin.PostFormAsync(url, [new("Scope", "platform"), new("Title", "{机关名称}答复书"), new("NumberPattern", "{简称}公复〔{年}〕{序号}号"), new("Body", "{申请人}：\n{救济途径}")], "/admin/letter-templates/Reply.Granted?handler=Preview");
        var previewPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await preview.BodyAsync());
        previewPage.QuerySelector(".letter-title")!.TextContent.ShouldBe("示范县人民政府办公室答复书");
        previewPage.QuerySelector(".letter-number")!.TextContent.ShouldBe("示政办公复〔2024〕1号");
        previewPage.QuerySelectorAll(".letter-sheet p.letter-paragraph")[0].TextContent.ShouldBe(
            "如对本答复不服，可以自收到本答复之日起六十日内向新乡市人民政府申请行政复议，也可以自收到本答复之日起六个月内依法向人民法院提起行政诉讼。");

        var refused = await admin.PostFormAsync(url, [new("Scope", "platform"), new("Title", "答复书"), new("NumberPattern", "公复〔{年}〕号"), new("Body", "{申请人}：{申请日}")], "/admin/letter-templates/Reply.Granted?handler=Save");
        var body = await refused.BodyAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("有不认识的占位符：{申请日}。");
        body.ShouldContain("编号规则必须包含{序号}。");
        body.ShouldContain("value=\"公复〔{年}〕号\"", customMessage: "what was typed is kept");
        body.ShouldContain("{申请人}：{申请日}</textarea>");
        (await ApplicantCases.QueryAsync(app, db => db.LetterTemplates.SingleAsync(t => t.AgencyId == null && t.Kind == "Reply.Granted"))).Title.ShouldBe("{机关名称}政府信息公开申请答复书");
    }

    [Fact]
    public async Task Only_administrators_reach_the_template_pages()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("reviewer");

        var list = await handler.GetAsync(new Uri("/admin/letter-templates", UriKind.Relative));
        var edit = await handler.GetAsync(new Uri("/admin/letter-templates/Receipt?scope=platform", UriKind.Relative));

        list.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied");
        edit.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied");
    }
}
