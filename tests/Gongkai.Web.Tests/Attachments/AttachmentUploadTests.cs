using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Attachments;

public class AttachmentUploadTests
{
    [Fact]
    public async Task An_upload_is_stored_under_its_hash_once_and_downloads_as_an_audited_attachment()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");
        var pdf = FileTypeTests.Sample("x.pdf");

        var first = await UploadAsync(client, application.Id, "学校名单.pdf", pdf, "Disclosed", visible: true);
        var second = await UploadAsync(client, application.Id, "学校名单（再次上传）.pdf", pdf, "Other", visible: false);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var records = await ApplicantCases.QueryAsync(app, db => db.Attachments.Where(a => a.OwnerId == application.Id).OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.FileName).ToListAsync());
        records.Count.ShouldBe(2);
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        records.ShouldAllBe(r => r.Sha256 == sha && r.Size == pdf.Length && r.ContentType == "application/pdf" && r.OwnerId == application.Id);
        records.Single(r => r.Kind == AttachmentKind.Disclosed).VisibleToApplicant.ShouldBeTrue();
        records.Single(r => r.Kind == AttachmentKind.Other).VisibleToApplicant.ShouldBeFalse();
        var stored = Directory.GetFiles(app.StorageRoot, "*", SearchOption.AllDirectories);
        stored.ShouldBe([Path.Combine(app.StorageRoot, sha[..2], sha[2..4], sha)], "identical content is stored once, named by its SHA-256");

        var download = await client.GetAsync(new Uri($"/applications/{application.Id}/attachments/{records[0].Id}", UriKind.Relative));

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action.StartsWith("attachment.")).OrderBy(a => a.AtUtc).Select(a => a.Action + " " + a.Summary).ToListAsync());
        audit.ShouldContain($"attachment.uploaded 上传公开的信息“学校名单.pdf”（45 字节，申请 {application.Number}）");
        audit.ShouldContain($"attachment.downloaded 下载“{records[0].FileName}”（申请 {application.Number}）");
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "oversized", "大文件.pdf", "文件“大文件.pdf”大小为 1.2 KB，超过了 1 KB 的上限。请压缩或拆分后再上传。" },
        { "png", "答复.pdf", "文件“答复.pdf”不能上传：文件名的扩展名是“.pdf”，但文件内容是PNG 图片，两者不符。" },
        { "exe", "名单.pdf", "文件“名单.pdf”不能上传：文件是可执行程序（Windows 程序），出于安全考虑不能上传。" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_upload_says_exactly_why_and_keeps_the_other_fields(string content, string name, string message)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["Storage:MaxUploadBytes"] = "1024";
        var application = await ApplicantCases.ReceiveAsync(app);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");
        byte[] bytes = content switch
        {
            "oversized" => [.. FileTypeTests.Sample("x.pdf"), .. new byte[1200]],
            "png" => FileTypeTests.Sample("x.png"),
            _ => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0],
        };

        var response = await UploadAsync(client, application.Id, name, bytes, "Letter", visible: true);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = new HtmlParser().ParseDocument(await response.BodyAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        page.QuerySelector("[data-file-error]")!.TextContent.ShouldContain(message);
        page.QuerySelector("#Kind option[selected]")!.GetAttribute("value").ShouldBe("Letter");
        page.QuerySelector("#VisibleToApplicant")!.HasAttribute("checked").ShouldBeTrue();
        (await ApplicantCases.QueryAsync(app, db => db.Attachments.CountAsync(a => a.OwnerId == application.Id))).ShouldBe(0);
        (Directory.Exists(app.StorageRoot) ? Directory.GetFiles(app.StorageRoot, "*", SearchOption.AllDirectories) : []).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_agencys_staff_get_not_found_for_the_attachments_and_cannot_upload()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        using (var own = app.CreateBrowserClient())
        {
            await own.LoginAsync("handler");
            await UploadAsync(own, application.Id, "名单.pdf", FileTypeTests.Sample("x.pdf"), "Disclosed", visible: false);
        }

        var attachment = await ApplicantCases.QueryAsync(app, db => db.Attachments.SingleAsync(a => a.OwnerId == application.Id));
        using var other = app.CreateBrowserClient();
        await other.LoginAsync("handler2");

        (await other.GetAsync(new Uri($"/applications/{application.Id}/attachments", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync(new Uri($"/applications/{application.Id}/attachments/{attachment.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var upload = await UploadAsync(other, application.Id, "别的.pdf", FileTypeTests.Sample("x.pdf"), "Disclosed", visible: true, tokenPage: "/work");
        upload.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApplicantCases.QueryAsync(app, db => db.Attachments.CountAsync(a => a.OwnerId == application.Id))).ShouldBe(1);
    }

    /// <summary>Posts the upload form as a browser does (multipart, with the page's antiforgery token).</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, Guid applicationId, string fileName, byte[] bytes, string kind, bool visible, string? tokenPage = null)
    {
        var url = $"/applications/{applicationId}/attachments";
        var token = await TokenAsync(client, tokenPage ?? url);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(kind), "Kind");
        if (visible)
        {
            form.Add(new StringContent("true"), "VisibleToApplicant");
        }

        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(new Uri(url + "?handler=Upload", UriKind.Relative), form);
    }

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
        return html.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetPageAsync("/accounts/logout")).AntiforgeryToken();
    }
}
