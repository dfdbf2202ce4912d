using System.Diagnostics;
using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Letters;

public class LetterApprovalTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_a_reviewer_approves_and_issuing_numbers_per_series_and_year_and_freezes_the_letter(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        var first = await RegisteredAsync(app);
        var second = await RegisteredAsync(app);
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        var firstLetter = await DraftAsync(handler, first, "Reply.Granted");
        var secondLetter = await DraftAsync(handler, second, "Reply.Granted");
        var correction = await DraftAsync(handler, second, "Consultation.ThirdParty", ("Recipient", "某某建设有限公司"));
        foreach (var url in new[] { secondLetter, firstLetter, correction })
        {
            (await handler.PostFormAsync(url, [], url + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
        }

        var byHandler = await handler.PostFormAsync(firstLetter, [], firstLetter + "?handler=Approve");
        byHandler.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        byHandler.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied");
        (await LetterAsync(app, firstLetter)).Status.ShouldBe(LetterStatus.Submitted);

        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        foreach (var url in new[] { secondLetter, firstLetter, correction })
        {
            var approved = await reviewer.PostFormAsync(url, [], url + "?handler=Approve");
            approved.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
        }

        var approvedOnly = await LetterAsync(app, secondLetter);
        approvedOnly.Status.ShouldBe(LetterStatus.Approved);
        approvedOnly.Number.ShouldBeNull("the number is taken when the letter is issued");
        approvedOnly.ApprovedByName.ShouldBe("李华（审核人）");
        approvedOnly.VisibleToApplicant.ShouldBeFalse();
        foreach (var url in new[] { secondLetter, firstLetter, correction })
        {
            var issued = await handler.PostFormAsync(url, [new("Delivery", "Electronic")], url + "?handler=Issue");
            issued.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
        }

        var one = await LetterAsync(app, secondLetter);
        one.Status.ShouldBe(LetterStatus.Issued);
        one.Number.ShouldBe("示教公复〔2024〕1号");
        one.IssuedOn.ShouldBe(new DateOnly(2024, 6, 17));
        one.ApprovedByName.ShouldBe("李华（审核人）");
        one.IssuedByName.ShouldBe("张明（经办人）");
        one.VisibleToApplicant.ShouldBeTrue("a reply to the applicant becomes visible on the status page");
        (await LetterAsync(app, firstLetter)).Number.ShouldBe("示教公复〔2024〕2号");
        var consultation = await LetterAsync(app, correction);
        consultation.Number.ShouldBe("示教公征〔2024〕1号");
        consultation.Recipient.ShouldBe("某某建设有限公司");
        consultation.Body.ShouldStartWith("某某建设有限公司：\n");
        consultation.VisibleToApplicant.ShouldBeFalse("a letter to a third party is never shown to the applicant");

        // Frozen: neither the text nor a second issue changes it.
        // An issued letter's page has no form any more; the request is made with another form's token.
        var lettersPage = $"/applications/{second.Id}/letters";
        var edit = await reviewer.PostFormAsync(lettersPage, [new("Title", "改过的标题"), new("Recipient", "张三"), new("Body", "改过的正文")], secondLetter + "?handler=Save");
        (await edit.BodyAsync()).ShouldContain("已签发的文书不能修改。");
        (await LetterAsync(app, secondLetter)).Title.ShouldBe("示范县教育局政府信息公开申请答复书");
        var again = await reviewer.PostFormAsync(lettersPage, [new("Delivery", "Electronic")], secondLetter + "?handler=Issue");
        (await again.BodyAsync()).ShouldContain("该文书已经签发，不能再次签发。");

        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action == "letter.issued").Select(a => a.Summary).ToListAsync());
        audit.ShouldContain($"签发答复 · （一）予以公开，文号 示教公复〔2024〕1号；答复：（一）予以公开（电子邮件或网上平台送达）（申请 {second.Number}）");
    }

    [Fact]
    public async Task Numbering_starts_again_each_year_and_a_typed_number_is_kept_if_unused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var first = await RegisteredAsync(app);
        var second = await RegisteredAsync(app);
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var in2024 = await DraftAsync(reviewer, first, "Reply.Granted");
        await IssueAsync(reviewer, in2024);

        app.Clock.Now = new DateTimeOffset(2025, 1, 6, 2, 0, 0, TimeSpan.Zero);
        await reviewer.LoginAsync("reviewer");
        var in2025 = await DraftAsync(reviewer, second, "Reply.Granted");
        var typed = await DraftAsync(reviewer, second, "Receipt");
        await IssueAsync(reviewer, in2025);
        var draft = await LetterAsync(app, typed);
        await reviewer.PostFormAsync(typed, [new("Title", draft.Title), new("Number", "示教公复〔2025〕1号"), new("Recipient", "张三"), new("Body", draft.Body)], typed + "?handler=Save");
        var duplicate = await IssueAsync(reviewer, typed);

        (await LetterAsync(app, in2024)).Number.ShouldBe("示教公复〔2024〕1号");
        (await LetterAsync(app, in2025)).Number.ShouldBe("示教公复〔2025〕1号");
        (await LetterAsync(app, in2025)).IssuedOn.ShouldBe(new DateOnly(2025, 1, 6));
        (await duplicate.BodyAsync()).ShouldContain("文号“示教公复〔2025〕1号”已被本机关其他文书使用。");

        // A refused issue leaves the letter approved: the reviewer returns it to have the number changed.
        (await LetterAsync(app, typed)).Status.ShouldBe(LetterStatus.Approved);
        var lettersPage = $"/applications/{second.Id}/letters";
        (await reviewer.PostFormAsync(lettersPage, [new("ReturnReason", "文号重复")], typed + "?handler=Return")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LetterAsync(app, typed)).Status.ShouldBe(LetterStatus.Returned);
        await reviewer.PostFormAsync(typed, [new("Title", draft.Title), new("Number", "示教收〔2025〕7号"), new("Recipient", "张三"), new("Body", draft.Body)], typed + "?handler=Save");
        await IssueAsync(reviewer, typed);
        var receipt = await LetterAsync(app, typed);
        receipt.Status.ShouldBe(LetterStatus.Issued);
        receipt.Number.ShouldBe("示教收〔2025〕7号");
        receipt.NumberSeries.ShouldBeNull();
    }

    [Fact]
    public async Task Approving_saves_the_text_the_reviewer_just_typed_and_refuses_invalid_text_without_approving()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await RegisteredAsync(app);
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var letter = await DraftAsync(reviewer, application, "Reply.Granted");
        var draft = await LetterAsync(app, letter);
        await reviewer.PostFormAsync(letter, [], letter + "?handler=Submit");

        var empty = await reviewer.PostFormAsync(letter, [new("Title", " "), new("Number", ""), new("Recipient", "张三"), new("Body", draft.Body)], letter + "?handler=Approve");
        var refused = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await empty.BodyAsync());
        refused.QuerySelector(".field-error")!.TextContent.ShouldBe("请填写标题。");
        (await LetterAsync(app, letter)).Status.ShouldBe(LetterStatus.Submitted);

        var approved = await reviewer.PostFormAsync(
            letter,
            [new("Title", "关于张三申请公开招生名单的答复"), new("Number", ""), new("Recipient", "张三先生"), new("Body", "张三先生：\r\n改过的正文，文号{文号}。")],
            letter + "?handler=Approve");

        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await approved.BodyAsync());
        (await LetterAsync(app, letter)).Status.ShouldBe(LetterStatus.Approved);
        await reviewer.PostFormAsync(letter, [new("Delivery", "Electronic")], letter + "?handler=Issue");
        var signed = await LetterAsync(app, letter);
        signed.Status.ShouldBe(LetterStatus.Issued);
        signed.Title.ShouldBe("关于张三申请公开招生名单的答复");
        signed.Recipient.ShouldBe("张三先生");
        signed.Body.ShouldBe("张三先生：\n改过的正文，文号示教公复〔2024〕1号。");
        signed.Number.ShouldBe("示教公复〔2024〕1号");
    }

    [Fact]
    public async Task A_reply_letter_for_a_case_already_replied_is_not_submitted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await RepliedAsync(app, Outcome.UnableNotHeld, "经检索，本机关未制作该名单");
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var letter = await DraftAsync(reviewer, application, "Reply.Granted");

        var response = await reviewer.PostFormAsync(letter, [], letter + "?handler=Submit");

        (await response.BodyAsync()).ShouldContain("本申请现在不能按此答复书答复：申请已答复，不能再答复。");
        (await LetterAsync(app, letter)).Status.ShouldBe(LetterStatus.Draft);
    }

    [Fact]
    public async Task A_refusal_is_submitted_only_with_its_reasons_which_fill_the_letter_and_become_the_cases_reasons_on_issue()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await RegisteredAsync(app);
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var letter = await DraftAsync(reviewer, application, "Reply.UnableNotHeld");
        var draft = await LetterAsync(app, letter);

        var noReason = await reviewer.PostFormAsync(letter, [], letter + "?handler=Submit");
        (await noReason.BodyAsync()).ShouldContain("该办理结果须说明理由：请在“答复理由”中写明理由和依据。");

        var submitted = await reviewer.PostFormAsync(
            letter,
            [new("Title", draft.Title), new("Number", ""), new("Recipient", draft.Recipient), new("Body", draft.Body), new("Reason", "经检索，本机关未制作该名单。")],
            letter + "?handler=Submit");
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await submitted.BodyAsync());
        var saved = await LetterAsync(app, letter);
        saved.Reason.ShouldBe("经检索，本机关未制作该名单。");
        saved.Body.ShouldContain("经检索，本机关未制作该名单");
        saved.Body.ShouldNotContain("{答复理由}");
        await reviewer.PostFormAsync(letter, [], letter + "?handler=Approve");
        var noDelivery = await reviewer.PostFormAsync(letter, [], letter + "?handler=Issue");
        (await noDelivery.BodyAsync()).ShouldContain("请选择送达方式：签发答复书即作出答复，送达方式决定答复日期的计算。");
        (await LetterAsync(app, letter)).Status.ShouldBe(LetterStatus.Approved);
        await reviewer.PostFormAsync(letter, [new("Delivery", "Post"), new("PostedOn", "2024-06-17")], letter + "?handler=Issue");

        var record = await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking().Include(a => a.Events).SingleAsync(a => a.Id == application.Id));
        using var scope = app.Services.CreateScope();
        var reply = record.ToCase(await scope.ServiceProvider.GetRequiredService<Gongkai.Web.Calendar.CaseRulesProvider>().GetAsync()).Reply!;
        reply.Outcome.ShouldBe(Outcome.UnableNotHeld);
        reply.Reason.ShouldBe("经检索，本机关未制作该名单。");
        reply.Delivery.ShouldBe(DeliveryMethod.Post);
        reply.PostedOn.ShouldBe(new DateOnly(2024, 6, 17));
        record.Outcome.ShouldBe(Outcome.UnableNotHeld);
        record.ConcludedOn.ShouldBe(new DateOnly(2024, 6, 17));
    }

    [Fact]
    public async Task The_docx_is_a_valid_word_document_with_the_letter_text_and_the_print_page_shows_the_seal_area()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await RegisteredAsync(app);
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var letter = await DraftAsync(reviewer, application, "Reply.Granted");
        await IssueAsync(reviewer, letter);

        var response = await reviewer.GetAsync(new Uri(letter + "/docx", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("示范县教育局政府信息公开申请答复书（示教公复〔2024〕1号）.docx");
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        var errors = new[] { FileFormatVersions.Office2010, FileFormatVersions.Office2013, FileFormatVersions.Office2016 }
            .SelectMany(version => new OpenXmlValidator(version).Validate(document))
            .Select(e => e.Description)
            .ToList();
        errors.ShouldBeEmpty();
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
        paragraphs[0].ShouldBe("示范县教育局政府信息公开申请答复书");
        paragraphs[1].ShouldBe("示教公复〔2024〕1号");
        paragraphs[2].ShouldBe("张三：");
        paragraphs[^2].ShouldBe("示范县教育局");
        paragraphs[^1].ShouldBe("2024年6月17日");

        var print = await reviewer.GetPageAsync(letter + "/print");
        print.QuerySelector(".letter-title")!.TextContent.ShouldBe("示范县教育局政府信息公开申请答复书");
        print.QuerySelector(".letter-number")!.TextContent.ShouldBe("示教公复〔2024〕1号");
        print.QuerySelector(".letter-seal")!.TextContent.ShouldBe("（印章）");
        print.QuerySelectorAll(".letter-signature p").Select(p => p.TextContent).ShouldBe(["示范县教育局", "2024年6月17日"]);
        print.QuerySelector(".letter-draft-mark").ShouldBeNull();
    }

    [Fact]
    public async Task Without_libreoffice_the_pdf_job_fails_with_what_to_do_in_chinese_and_offers_the_docx()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["Letters:LibreOffice"] = "/nonexistent/libreoffice/soffice";
        app.Settings["ScheduledJobs:Enabled"] = "false";
        var application = await ApplicantCases.ReceiveAsync(app);
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        var letter = await DraftAsync(handler, application, "Receipt");
        (await handler.PostFormAsync(letter, [], letter + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await LetterPdfJobTests.RoundAsync(app)).ShouldBe(1);

        var response = await handler.GetAsync(new Uri(letter + "/pdf", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.BodyAsync();
        body.ShouldContain("失败");
        body.ShouldContain("本服务器未安装 LibreOffice，无法生成 PDF。");
        body.ShouldContain("也可以下载 DOCX 格式的文书后打印或自行转换");
        body.ShouldContain("重试");
        body.ShouldContain($"href=\"{letter}/docx\"");
        (await handler.GetAsync(new Uri(letter + "/docx", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    internal static async Task<ApplicationRecord> RegisteredAsync(GongkaiApp app)
    {
        var application = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(app, application.Id, at => new Registered(at, ApplicantCases.Handler));
        return application;
    }

    /// <summary>Submits, approves and issues a letter through its page, as someone who may take all three steps (the reviewer).</summary>
    internal static async Task<HttpResponseMessage> IssueAsync(HttpClient client, string url, string delivery = "Electronic")
    {
        var lettersPage = url[..url.LastIndexOf('/')];
        (await client.PostFormAsync(lettersPage, [], url + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
        (await client.PostFormAsync(lettersPage, [], url + "?handler=Approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
        return await client.PostFormAsync(lettersPage, [new("Delivery", delivery)], url + "?handler=Issue");
    }

    internal static async Task<ApplicationRecord> RepliedAsync(GongkaiApp app, Outcome outcome, string? reason = null)
    {
        var application = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(
            app,
            application.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new Replied(at, ApplicantCases.Handler, outcome, reason, DeliveryMethod.Electronic));
        return application;
    }

    /// <summary>Drafts a letter through the page and returns its URL.</summary>
    internal static async Task<string> DraftAsync(HttpClient client, ApplicationRecord application, string kind, params (string Name, string Value)[] fields)
    {
        var response = await client.PostFormAsync(
            $"/applications/{application.Id}/letters",
            [new("Kind", kind), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.BodyAsync());
        return response.Headers.Location!.ToString();
    }

    internal static Task<LetterRecord> LetterAsync(GongkaiApp app, string url)
    {
        var id = Guid.Parse(url.Split('/')[^1]);
        return ApplicantCases.QueryAsync(app, db => db.Letters.AsNoTracking().SingleAsync(l => l.Id == id));
    }

    internal static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), "gongkai-letter-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
