using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Catalog;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Attachments;

/// <summary>One file store, one size limit and one sniffer for case attachments and catalogue attachments alike.</summary>
public class OneStoreTests
{
    [Fact]
    public async Task Catalogue_and_application_attachments_share_one_store_and_identical_content_is_stored_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var application = await ApplicantCases.ReceiveAsync(app);
        using var handler = await CatalogSteps.SignedInAsync(app, "handler");
        var pdf = FileTypeTests.Sample("x.pdf");
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var item = await CatalogSteps.DraftAsync(handler, "示范县2024年学校名单", "");

        (await AttachmentUploadTests.UploadAsync(handler, application.Id, "学校名单.pdf", pdf, "Disclosed", visible: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await CatalogWorkflowPageTests.UploadAsync(handler, item, "学校名单（目录）.pdf", pdf).DoneAsync();

        var records = await ApplicantCases.QueryAsync(app, db => db.Attachments.OrderBy(a => a.Kind).ToListAsync());
        records.Select(r => (r.Kind, r.FileName, r.Sha256, r.Size, r.ContentType)).ShouldBe(
        [
            (AttachmentKind.Disclosed, "学校名单.pdf", sha, pdf.Length, "application/pdf"),
            (AttachmentKind.Catalog, "学校名单（目录）.pdf", sha, pdf.Length, "application/pdf"),
        ]);
        Directory.GetFiles(app.StorageRoot, "*", SearchOption.AllDirectories)
            .ShouldBe([Path.Combine(app.StorageRoot, sha[..2], sha[2..4], sha)], "the same content from both pages is stored once, in one store");
        (await handler.GetByteArrayAsync(new Uri($"/applications/{application.Id}/attachments/{records[0].Id}", UriKind.Relative))).ShouldBe(pdf);
        (await handler.GetByteArrayAsync(new Uri($"/catalog/files/{records[1].Id}", UriKind.Relative))).ShouldBe(pdf);
    }

    [Fact]
    public async Task One_limit_refuses_an_oversized_file_with_the_same_words_on_the_case_and_catalogue_pages()
    {
        const string message = "文件“大文件.pdf”大小为 1.2 KB，超过了 1 KB 的上限。请压缩或拆分后再上传。";
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["Storage:MaxUploadBytes"] = "1024";
        var application = await ApplicantCases.ReceiveAsync(app);
        using var handler = await CatalogSteps.SignedInAsync(app, "handler");
        var item = await CatalogSteps.DraftAsync(handler, "示范县2024年学校名单", "");
        byte[] oversized = [.. FileTypeTests.Sample("x.pdf"), .. new byte[1200]];

        var onCase = await AttachmentUploadTests.UploadAsync(handler, application.Id, "大文件.pdf", oversized, "Letter", visible: true);
        var onCatalogue = await CatalogWorkflowPageTests.UploadAsync(handler, item, "大文件.pdf", oversized);

        onCase.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var casePage = new HtmlParser().ParseDocument(await onCase.BodyAsync());
        casePage.QuerySelector("[data-file-error]")!.TextContent.Trim().ShouldBe(message);
        casePage.QuerySelector("#Kind option[selected]")!.GetAttribute("value").ShouldBe("Letter", "the form keeps what was chosen");
        casePage.QuerySelector("#VisibleToApplicant")!.HasAttribute("checked").ShouldBeTrue();
        (await CatalogSteps.AlertAsync(onCatalogue)).ShouldBe(message);
        (await ApplicantCases.QueryAsync(app, db => db.Attachments.CountAsync())).ShouldBe(0);
        (Directory.Exists(app.StorageRoot) ? Directory.GetFiles(app.StorageRoot, "*", SearchOption.AllDirectories) : []).ShouldBeEmpty();
    }
}
