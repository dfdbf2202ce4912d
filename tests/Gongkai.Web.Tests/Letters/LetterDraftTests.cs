using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Letters;

public class LetterDraftTests
{
    [Fact]
    public async Task A_reply_letter_is_filled_from_the_case_with_the_exact_legal_text()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(app, application.Id, at => new Registered(at, ApplicantCases.Handler));
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        var response = await client.PostFormAsync($"/applications/{application.Id}/letters", [new("Kind", "Reply.Granted")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var letter = await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == application.Id));
        response.Headers.Location!.ToString().ShouldBe($"/applications/{application.Id}/letters/{letter.Id}");
        letter.Status.ShouldBe(LetterStatus.Draft);
        letter.Recipient.ShouldBe("张三");
        letter.Title.ShouldBe("示范县教育局政府信息公开申请答复书");
        letter.Body.ShouldBe(string.Join('\n',
            "张三：",
            "本机关于2024年6月17日收到您（单位）提交的政府信息公开申请，您申请获取“示范县2023年度义务教育阶段学校名单”。",
            "经审查，您申请获取的政府信息属于公开范围。根据《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项的规定，本机关决定予以公开，现以电子文档形式向您提供（见附件）。",
            "如对本答复不服，可以自收到本答复之日起六十日内向示范县人民政府申请行政复议，也可以自收到本答复之日起六个月内依法向人民法院提起行政诉讼。",
            "特此答复。"));
    }

    [Fact]
    public async Task A_refusal_under_article_14_to_16_states_reconsideration_first_and_the_recorded_reason()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app, description: "县教育局2024年第3次局务会议记录");
        await ApplicantCases.AppendAsync(
            app,
            application.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new Replied(at, ApplicantCases.Handler, Outcome.WithheldProcessInformation, "该会议记录属于内部讨论记录。", DeliveryMethod.Electronic));
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        // The page proposes the reply template of the recorded outcome.
        var form = await client.GetPageAsync($"/applications/{application.Id}/letters");
        form.QuerySelector("#Kind option[selected]")!.GetAttribute("value").ShouldBe("Reply.WithheldProcessInformation");
        await client.PostFormAsync($"/applications/{application.Id}/letters", [new("Kind", "Reply.WithheldProcessInformation")]);

        var letter = await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == application.Id));
        letter.Title.ShouldBe("示范县教育局政府信息不予公开告知书");
        letter.Body.Split('\n').ShouldBe(
        [
            "张三：",
            "本机关于2024年6月17日收到您（单位）提交的政府信息公开申请，您申请获取“县教育局2024年第3次局务会议记录”。",
            "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。理由如下：该会议记录属于内部讨论记录。根据《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。",
            "如对本答复不服，根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，应当先自收到本答复之日起六十日内向示范县人民政府申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。",
            "特此告知。",
        ]);
    }

    [Fact]
    public async Task A_correction_notice_lists_the_items_and_the_deadline_and_a_fee_notice_explains_the_computation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var corrected = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(
            app,
            corrected.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new CorrectionRequested(at, ApplicantCases.Handler, new DateOnly(2024, 7, 1), "请写明所需学校名单的学段和年份。"));
        var charged = await ApplicantCases.ReceiveAsync(app, applicant: "某某科技有限公司");
        await ApplicantCases.AppendAsync(app, charged.Id, at => new Registered(at, ApplicantCases.Handler));
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        await client.PostFormAsync($"/applications/{corrected.Id}/letters", [new("Kind", "Correction")]);
        await client.PostFormAsync($"/applications/{charged.Id}/letters", [new("Kind", "FeeNotice"), new("FeeMethod", "ByPages"), new("FeeQuantity", "150")]);

        var correction = await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == corrected.Id));
        correction.Title.ShouldBe("示范县教育局政府信息公开申请补正告知书");
        correction.Body.Split('\n')[2].ShouldBe("经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项作出补正：请写明所需学校名单的学段和年份。");
        correction.Body.Split('\n')[3].ShouldStartWith("请您于2024年7月1日前提交补正材料。");
        correction.Body.Split('\n')[3].ShouldContain("地址：示范县人民路 1 号；联系电话：0373-5000002");

        var fee = await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == charged.Id));
        fee.Recipient.ShouldBe("某某科技有限公司");
        fee.Body.ShouldContain(string.Join('\n',
            "按量计收（同一申请的页数，超额累进），《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：",
            "第1至30页：30页，免费",
            "第31至100页：70页 × 10元 = 700元",
            "第101至150页：50页 × 20元 = 1,000元",
            "合计：1,700元",
            "应缴金额：人民币1,700元。"));
    }

    [Fact]
    public async Task Placeholders_without_a_value_are_flagged_on_the_draft_and_block_submission()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(app, application.Id, at => new Registered(at, ApplicantCases.Handler));
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("reviewer");

        // Not replied yet: the reason ({答复理由}) is not known and must be written by hand.
        await client.PostFormAsync($"/applications/{application.Id}/letters", [new("Kind", "Reply.UnableNotHeld")]);
        var letter = await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == application.Id));
        var url = $"/applications/{application.Id}/letters/{letter.Id}";
        var page = await client.GetPageAsync(url);
        page.QuerySelector(".warning")!.TextContent.ShouldContain("{答复理由}");

        var submit = await client.PostFormAsync(url, [], url + "?handler=Submit");

        submit.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await submit.BodyAsync()).ShouldContain("该办理结果须说明理由：请在“答复理由”中写明理由和依据。");

        // The reasons fill {答复理由}; a placeholder typed by hand that nothing fills still blocks submission.
        var withReason = await client.PostFormAsync(
            url,
            [new("Title", letter.Title), new("Number", ""), new("Recipient", letter.Recipient), new("Body", letter.Body + "\n如有疑问，请联系{经办人}。"), new("Reason", "经检索，本机关未制作该名单")],
            url + "?handler=Submit");
        (await withReason.BodyAsync()).ShouldContain("正文中仍有未填写的内容：{经办人}。请修改后再提交。");
        (await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == application.Id))).Status.ShouldBe(LetterStatus.Draft);
    }

    [Fact]
    public async Task Another_agencys_staff_get_not_found_for_the_letters_of_an_application()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        using (var own = app.CreateBrowserClient())
        {
            await own.LoginAsync("handler");
            await own.PostFormAsync($"/applications/{application.Id}/letters", [new("Kind", "Receipt")]);
        }

        var letter = await ApplicantCases.QueryAsync(app, db => db.Letters.SingleAsync(l => l.ApplicationId == application.Id));
        using var other = app.CreateBrowserClient();
        await other.LoginAsync("handler2");

        foreach (var url in new[] { "", "/" + letter.Id, "/" + letter.Id + "/print", "/" + letter.Id + "/docx", "/" + letter.Id + "/pdf" })
        {
            var response = await other.GetAsync(new Uri($"/applications/{application.Id}/letters{url}", UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
    }
}
