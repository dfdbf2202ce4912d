using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Attachments;
using Gongkai.Tests.Data;
using Gongkai.Tests.Letters;
using Gongkai.Tests.Web;
using Gongkai.Web.Portal.Status;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Portal;

public class StatusTests
{
    [Fact]
    public async Task A_wrong_code_and_a_wrong_phone_get_the_same_answer_and_the_right_pair_opens_the_case()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app, phone: "0373-5123456");
        await ApplicantCases.AppendAsync(
            app,
            application.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new ExtensionApproved(at, ApplicantCases.Head, 10, "需要调取2023年的档案"));
        using var client = app.CreateBrowserClient();

        var wrongCode = await LookupAsync(client, "ABCDEFGHJK", "0373-5123456");
        var wrongPhone = await LookupAsync(client, application.ReceiptCode, "0373-5123457");

        wrongCode.StatusCode.ShouldBe(HttpStatusCode.OK);
        Alert(await wrongCode.BodyAsync()).ShouldBe(StatusModel.NotFoundMessage);
        Alert(await wrongPhone.BodyAsync()).ShouldBe(StatusModel.NotFoundMessage);
        (await client.GetAsync(new Uri("/status/case", UriKind.Relative))).Headers.Location!.ToString().ShouldBe("/status");

        // Typed differently from how it was stored: lower case, spaces, no hyphen.
        var right = await LookupAsync(client, " " + application.ReceiptCode.ToLowerInvariant() + " ", "03735123456");
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.ToString().ShouldBe("/status/case");

        var page = await client.GetPageAsync("/status/case");
        page.QuerySelector("[data-stage]")!.TextContent.ShouldBe("办理中");
        page.QuerySelectorAll("ol.timeline li").Select(li => li.TextContent.Trim()).ShouldBe(
        [
            "2024年6月17日 收到申请（互联网渠道）",
            "2024年6月17日 登记受理",
            "2024年6月17日 延长答复期限10个工作日（理由：需要调取2023年的档案）",
        ]);
        var text = page.QuerySelector("main")!.TextContent;
        text.ShouldContain("2024年7月29日");
        text.ShouldNotContain("张明");
        text.ShouldNotContain("李华");
        text.ShouldNotContain("11010519491231002X");
    }

    [Fact]
    public async Task Look_ups_are_rate_limited_so_codes_cannot_be_guessed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["PublicRateLimits:Lookups"] = "3";
        var application = await ApplicantCases.ReceiveAsync(app);
        using var client = app.CreateBrowserClient();

        for (var i = 0; i < 3; i++)
        {
            Alert(await (await LookupAsync(client, "ZZZZZZZZZ" + i, ApplicantCases.Phone)).BodyAsync()).ShouldBe(StatusModel.NotFoundMessage);
        }

        var blocked = await LookupAsync(client, application.ReceiptCode, ApplicantCases.Phone);

        blocked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        Alert(await blocked.BodyAsync()).ShouldBe("查询过于频繁，请稍等几分钟后再试。");
    }

    [Fact]
    public async Task The_applicant_sees_only_issued_letters_and_visible_files_of_their_own_case()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var mine = await LetterApprovalTests.RegisteredAsync(app);
        var theirs = await LetterApprovalTests.RegisteredAsync(app);
        using var staff = app.CreateBrowserClient();
        await staff.LoginAsync("reviewer");
        var approvedMine = await LetterApprovalTests.DraftAsync(staff, mine, "Reply.Granted");
        var draftMine = await LetterApprovalTests.DraftAsync(staff, mine, "Receipt");
        var approvedTheirs = await LetterApprovalTests.DraftAsync(staff, theirs, "Reply.Granted");
        await LetterApprovalTests.IssueAsync(staff, approvedMine);
        await LetterApprovalTests.IssueAsync(staff, approvedTheirs);
        await AttachmentUploadTests.UploadAsync(staff, mine.Id, "学校名单.pdf", FileTypeTests.Sample("x.pdf"), "Disclosed", visible: true);
        await AttachmentUploadTests.UploadAsync(staff, mine.Id, "内部审批表.txt", Encoding.UTF8.GetBytes("内部材料"), "Other", visible: false);
        await AttachmentUploadTests.UploadAsync(staff, theirs.Id, "他人材料.txt", Encoding.UTF8.GetBytes("别人的名单"), "Disclosed", visible: true);
        var files = await ApplicantCases.QueryAsync(app, db => db.Attachments.Where(a => a.OwnerId == mine.Id || a.OwnerId == theirs.Id).ToDictionaryAsync(a => a.FileName, a => a.Id));
        using var applicant = app.CreateBrowserClient();
        (await LookupAsync(applicant, mine.ReceiptCode, ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await applicant.GetPageAsync("/status/case");

        var links = page.QuerySelectorAll("ul.downloads a").Where(a => !a.HasAttribute("hidden")).Select(a => a.GetAttribute("href")).ToList();
        var mineId = Guid.Parse(approvedMine.Split('/')[^1]);
        links.ShouldBe([$"/status/letters/{mineId}/print", $"/status/letters/{mineId}/docx", $"/status/files/{files["学校名单.pdf"]}"]);
        page.QuerySelectorAll("ul.downloads form[data-part=request]").Select(f => f.GetAttribute("action")).ShouldBe([$"/status/letters/{mineId}/pdf"], "the PDF is made on request, in the background");
        (await applicant.GetAsync(new Uri($"/status/letters/{mineId}/docx", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await applicant.GetPageAsync($"/status/letters/{mineId}/print")).QuerySelector(".letter-number")!.TextContent.ShouldBe("示教公复〔2024〕1号");
        var download = await applicant.GetAsync(new Uri($"/status/files/{files["学校名单.pdf"]}", UriKind.Relative));
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(FileTypeTests.Sample("x.pdf"));

        string[] forbidden =
        [
            $"/status/letters/{Guid.Parse(draftMine.Split('/')[^1])}/print",
            $"/status/letters/{Guid.Parse(approvedTheirs.Split('/')[^1])}/print",
            $"/status/letters/{Guid.Parse(approvedTheirs.Split('/')[^1])}/docx",
            $"/status/files/{files["内部审批表.txt"]}",
            $"/status/files/{files["他人材料.txt"]}",
        ];
        foreach (var url in forbidden)
        {
            (await applicant.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        using var stranger = app.CreateBrowserClient();
        (await stranger.GetAsync(new Uri($"/status/files/{files["学校名单.pdf"]}", UriKind.Relative))).Headers.Location!.ToString().ShouldBe("/status");
    }

    [Fact]
    public async Task The_applicant_answers_a_correction_request_with_text_and_a_file_through_the_case_engine()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(
            app,
            application.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new CorrectionRequested(at, ApplicantCases.Handler, new DateOnly(2024, 7, 1), "请写明所需学校名单的学段。"));
        app.Clock.Advance(TimeSpan.FromDays(2));
        using var applicant = app.CreateBrowserClient();
        await LookupAsync(applicant, application.ReceiptCode, ApplicantCases.Phone);
        var page = await applicant.GetPageAsync("/status/case");
        page.QuerySelector("[data-correction-items]")!.TextContent.ShouldBe("请写明所需学校名单的学段。");
        page.QuerySelector("section.correction")!.TextContent.ShouldContain("2024年7月1日");

        // The receipt still states the period as it stood on receipt, with no placeholder left while the clock waits.
        var receipt = await applicant.GetPageAsync("/apply/receipt");
        receipt.QuerySelectorAll(".letter-paragraph")[1].TextContent.ShouldContain("（即2024年7月15日前）");
        receipt.QuerySelector(".letter-sheet")!.TextContent.ShouldNotContain("{");
        receipt.QuerySelectorAll("dl.facts dd").Select(d => d.TextContent).ShouldContain("补正后重新计算");

        var refused = await CorrectAsync(applicant, "学段为小学。", ("名单.pdf", FileTypeTests.Sample("x.png")));
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var refusedPage = new HtmlParser().ParseDocument(await refused.BodyAsync());
        refusedPage.QuerySelector("#correction-error")!.TextContent.ShouldStartWith("文件“名单.pdf”不能上传：文件名的扩展名是“.pdf”，但文件内容是PNG 图片");
        refusedPage.QuerySelector("#CorrectionText")!.TextContent.ShouldBe("学段为小学。");

        var answered = await CorrectAsync(applicant, "学段为小学。", ("补正说明.pdf", FileTypeTests.Sample("x.pdf")));

        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var record = await ApplicantCases.QueryAsync(app, db => db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == application.Id));
        record.State.ShouldBe(CaseState.InProgress);
        var last = record.Events.OrderBy(e => e.Sequence).Last();
        last.Kind.ShouldBe(nameof(CorrectionReceived));
        last.ActorRole.ShouldBe(ActorRole.Applicant);
        last.ActorName.ShouldBe("申请人", "supervisors read the history: the applicant is named by role");
        last.Date.ShouldBe(new DateOnly(2024, 6, 19));
        last.Summary.ShouldBe("申请人在线提交补正材料（附件 2 个）", "the applicant's words and the file names stay with the attachments");
        record.DueOn.ShouldBe(new DateOnly(2024, 7, 17), "the reply period restarts on the day the correction arrived");
        var stored = await ApplicantCases.QueryAsync(app, db => db.Attachments.Where(a => a.OwnerId == application.Id).OrderBy(a => a.FileName).ToListAsync());
        stored.Select(a => (a.FileName, a.Kind, a.VisibleToApplicant)).ShouldBe(
        [
            ("补正说明.pdf", AttachmentKind.Correction, true),
            ("补正说明.txt", AttachmentKind.Correction, true),
        ]);
        var text = await File.ReadAllTextAsync(Path.Combine(app.StorageRoot, stored[1].Sha256[..2], stored[1].Sha256[2..4], stored[1].Sha256));
        text.ShouldBe("学段为小学。");

        var after = await applicant.GetPageAsync("/status/case");
        after.QuerySelector("section.correction").ShouldBeNull();
        after.QuerySelectorAll("ol.timeline li")[^1].TextContent.Trim().ShouldBe("2024年6月19日 收到补正材料，答复期限自当日重新计算");
    }

    internal static async Task<HttpResponseMessage> LookupAsync(HttpClient client, string code, string phone) =>
        await client.PostFormAsync("/status", [new("Code", code), new("Phone", phone)]);

    private static async Task<HttpResponseMessage> CorrectAsync(HttpClient client, string text, (string Name, byte[] Bytes) file)
    {
        var token = (await client.GetPageAsync("/status/case")).AntiforgeryToken();
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(text), "CorrectionText");
        form.Add(new ByteArrayContent(file.Bytes), "file", file.Name);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(new Uri("/status/case?handler=Correct", UriKind.Relative), form);
    }

    private static string Alert(string html) => new HtmlParser().ParseDocument(html).QuerySelector("[role=alert]")!.TextContent;
}
