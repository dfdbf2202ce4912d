using System.Net;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

public class RectificationTests
{
    /// <summary>Thursday 25 September 2025, 10:00 in China.</summary>
    private static readonly DateTimeOffset September25 = new(2025, 9, 25, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rectification_goes_from_the_supervisor_to_the_agency_and_back_until_it_is_accepted_and_every_step_is_audited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(September25), demoCases: false, demoCatalog: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        using var other = app.CreateBrowserClient();
        await other.LoginAsync("handler2");

        var bad = await supervisor.SubmitAsync("/supervision/rectifications/new", new Dictionary<string, string>
        {
            ["Input.AgencyId"] = education.ToString(),
            ["Input.Title"] = "政府信息公开指南未更新",
            ["Input.WorkingDays"] = "61",
        }, formSelector: "#raise-form");
        var badPage = await bad.PageAsync();
        badPage.QuerySelector("#raise-problems")!.TextContent.ShouldContain("请写明问题和整改要求");
        badPage.QuerySelector("#raise-problems")!.TextContent.ShouldContain("整改期限应为 1 到 60 个工作日。");
        badPage.QuerySelector("#title")!.GetAttribute("value").ShouldBe("政府信息公开指南未更新");

        var raised = await supervisor.SubmitAsync("/supervision/rectifications/new", new Dictionary<string, string>
        {
            ["Input.AgencyId"] = education.ToString(),
            ["Input.Title"] = "政府信息公开指南未更新",
            ["Input.Detail"] = "指南中的办公地址和电话与实际不符，请更正。",
            ["Input.WorkingDays"] = "5",
        }, formSelector: "#raise-form");
        raised.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = raised.Headers.Location!.ToString();
        var page = await supervisor.GetPageAsync(url);
        page.QuerySelector("#rectification-summary")!.TextContent.ShouldContain("2025-10-09（5 个工作日）", customMessage: "26 Sep, Sunday 28 Sep (worked), 29 and 30 Sep, then 9 Oct after the National Day holiday");
        page.QuerySelector("#state")!.TextContent.ShouldBe("待整改");
        page.QuerySelector("#accept-form").ShouldBeNull();

        (await other.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another agency's staff");
        var work = await handler.GetPageAsync("/work");
        work.QuerySelector("#agency-rectifications-section")!.TextContent.ShouldContain("政府信息公开指南未更新");
        work.QuerySelector("#agency-rectifications-section a")!.GetAttribute("href").ShouldBe(url);

        var early = await supervisor.PostFormAsync(url, [new("Revision", "0")], url + "?handler=accept");
        (await early.PageAsync()).QuerySelector("#action-error")!.TextContent.ShouldBe("该机关尚未提交整改答复，不能验收或退回。");
        var empty = await handler.PostFormAsync(url, [new("Revision", "0"), new("Text", " ")], url + "?handler=answer");
        (await empty.PageAsync()).QuerySelector("#action-error")!.TextContent.ShouldBe("请写明整改情况：改了什么、在哪里可以看到。");
        (await handler.SubmitAsync(url, new Dictionary<string, string> { ["Text"] = "已更正指南中的地址。" }, formSelector: "#answer-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var answered = await supervisor.GetPageAsync(url);
        answered.QuerySelector("#state")!.TextContent.ShouldBe("待验收");
        answered.QuerySelector("#answer")!.TextContent.ShouldBe("已更正指南中的地址。");
        (await supervisor.GetPageAsync("/work")).QuerySelector("#supervision-work-section")!.TextContent.ShouldContain("整改待验收 1");
        var noReason = await supervisor.SubmitAsync(answered, url, new Dictionary<string, string> { ["Text"] = "" }, formSelector: "#return-form");
        (await noReason.PageAsync()).QuerySelector("#action-error")!.TextContent.ShouldBe("退回须写明理由。");
        (await supervisor.SubmitAsync(url, new Dictionary<string, string> { ["Text"] = "电话仍未更正。" }, formSelector: "#return-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The deadline passes while the agency works on it again.
        app.Clock.Now = new DateTimeOffset(2025, 10, 10, 2, 0, 0, TimeSpan.Zero);
        await supervisor.LoginAsync("supervisor");
        await handler.LoginAsync("handler");
        var list = await supervisor.GetPageAsync("/supervision/rectifications?show=overdue");
        list.QuerySelectorAll("#rectifications tbody tr").ShouldHaveSingleItem().TextContent.ShouldContain("已逾期");
        (await supervisor.GetPageAsync("/work")).QuerySelector("#supervision-work-section")!.TextContent.ShouldContain("整改已逾期 1");
        (await handler.GetPageAsync(url)).QuerySelector("#return-reason")!.TextContent.ShouldBe("退回理由：电话仍未更正。");
        (await handler.SubmitAsync(url, new Dictionary<string, string> { ["Text"] = "地址和电话均已更正。" }, formSelector: "#answer-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await supervisor.PostFormAsync(url, [new("Revision", "1")], url + "?handler=accept");
        (await stale.PageAsync()).QuerySelector("#action-error")!.TextContent.ShouldBe("该整改事项刚被他人办理过，请查看最新状态后再操作。");
        (await supervisor.SubmitAsync(url, new Dictionary<string, string>(), formSelector: "#accept-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var final = await handler.GetPageAsync(url);
        final.QuerySelector("#state")!.TextContent.ShouldBe("已办结");
        final.QuerySelector("#answer-form").ShouldBeNull();
        var history = final.QuerySelectorAll("#history li").Select(li => li.TextContent).ToList();
        history.Count.ShouldBe(5);
        history[0].ShouldContain("提出整改。向示范县教育局提出整改（其他）：政府信息公开指南未更新，5 个工作日内（2025-10-09 前）答复");
        history[1].ShouldContain("整改：整改答复。整改答复：政府信息公开指南未更新。已更正指南中的地址。");
        history[2].ShouldContain("整改：退回重改。退回重改：政府信息公开指南未更新。电话仍未更正。");
        history[3].ShouldContain("整改：整改答复。");
        history[4].ShouldContain("整改：验收通过。");
        (await handler.GetPageAsync("/work")).QuerySelector("#agency-rectifications-section").ShouldBeNull("nothing open any more");
        var stored = await ApplicantCases.QueryAsync(app, db => db.Rectifications.SingleAsync());
        (stored.AnsweredOn, stored.ClosedOn).ShouldBe((new DateOnly(2025, 10, 10), new DateOnly(2025, 10, 10)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_agency_answers_a_rectification_with_files_the_supervisor_downloads_them_and_both_are_audited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(September25), demoCases: false, demoCatalog: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        using var other = app.CreateBrowserClient();
        await other.LoginAsync("handler2");
        var raised = await supervisor.SubmitAsync("/supervision/rectifications/new", new Dictionary<string, string>
        {
            ["Input.AgencyId"] = education.ToString(),
            ["Input.Title"] = "政府信息公开指南未更新",
            ["Input.Detail"] = "指南中的办公地址和电话与实际不符，请更正。",
            ["Input.WorkingDays"] = "5",
        }, formSelector: "#raise-form");
        var url = raised.Headers.Location!.ToString();
        var note = System.Text.Encoding.UTF8.GetBytes("更正后的指南：地址为示范县人民路 1 号。");
        var basis = System.Text.Encoding.UTF8.GetBytes("更正依据：机构改革文件。");

        // A file the sniffer refuses: nothing is saved, the text comes back.
        var refused = await AnswerAsync(handler, url, "已更正，见附件。", ("整改说明.txt", note), ("a.exe", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]));
        var refusedPage = await refused.PageAsync();
        refusedPage.QuerySelector("#action-error")!.TextContent.ShouldStartWith("文件“a.exe”不能上传：");
        refusedPage.QuerySelector("#answer-text")!.TextContent.ShouldBe("已更正，见附件。");
        refusedPage.QuerySelector("#state")!.TextContent.ShouldBe("待整改");
        var six = await AnswerAsync(handler, url, "已更正。", [.. Enumerable.Range(1, 6).Select(i => ($"{i}.txt", note))]);
        (await six.PageAsync()).QuerySelector("#action-error")!.TextContent.ShouldBe("一次答复最多附 5 个文件。");
        (await ApplicantCases.QueryAsync(app, db => db.Attachments.CountAsync())).ShouldBe(0);

        (await AnswerAsync(handler, url, "已更正，见附件。", ("整改说明.txt", note), ("依据.txt", basis))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var answered = await supervisor.GetPageAsync(url);
        var links = answered.QuerySelectorAll("#answer-files a").ToList();
        links.Select(a => a.TextContent).ShouldBe(["整改说明.txt", "依据.txt"]);
        var download = await supervisor.GetAsync(new Uri(links[0].GetAttribute("href")!, UriKind.Relative));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(note);
        (await handler.GetAsync(new Uri(links[1].GetAttribute("href")!, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK, "the agency sees its own files");
        (await other.GetAsync(new Uri(links[0].GetAttribute("href")!, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another agency's staff");
        (await supervisor.GetAsync(new Uri(url + "?handler=file&file=" + Guid.NewGuid(), UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        answered.QuerySelectorAll("#history li")[1].TextContent.ShouldContain("整改答复：政府信息公开指南未更新。已更正，见附件。（材料：整改说明.txt、依据.txt）");
        var downloads = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action == "attachment.downloaded").Select(a => a.Summary).ToListAsync());
        downloads.Order(StringComparer.Ordinal).ShouldBe(["下载整改答复材料“依据.txt”（政府信息公开指南未更新）", "下载整改答复材料“整改说明.txt”（政府信息公开指南未更新）"]);

        // Returned and answered again without files: the new answer has none.
        (await supervisor.SubmitAsync(answered, url, new Dictionary<string, string> { ["Text"] = "电话仍未更正。" }, formSelector: "#return-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AnswerAsync(handler, url, "电话也已更正。")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await supervisor.GetPageAsync(url)).QuerySelector("#answer-files").ShouldBeNull();
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, string url, string text, params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetPageAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent(page.QuerySelector("#answer-form input[name=Revision]")!.GetAttribute("value")!), "Revision" },
            { new StringContent(text), "Text" },
        };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "Files", name);
        }

        return await client.PostAsync(new Uri(url + "?handler=answer", UriKind.Relative), form);
    }
}
