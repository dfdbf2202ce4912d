using System.Net;
using System.Security.Cryptography;
using Gongkai.Data.Files;
using Gongkai.Tests.Catalog;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Attachments;

/// <summary>The file store in the database (Storage:Provider = database), shared by two app nodes on one database.</summary>
public class SharedStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_uploaded_on_one_node_downloads_byte_identical_on_the_other_and_is_stored_once_across_nodes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = Node(database);
        await using var second = Node(database);
        _ = first.Services;
        _ = second.Services;
        var application = await ApplicantCases.ReceiveAsync(first);

        // Two and a half chunks, so the download reads three rows one after another.
        byte[] pdf = [.. FileTypeTests.Sample("x.pdf"), .. RandomNumberGenerator.GetBytes((DatabaseFiles.ChunkSize * 2) + (DatabaseFiles.ChunkSize / 2))];
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        using var onFirst = await CatalogSteps.SignedInAsync(first, "handler");
        using var onSecond = await CatalogSteps.SignedInAsync(second, "handler");
        (await AttachmentUploadTests.UploadAsync(onFirst, application.Id, "学校名单.pdf", pdf, "Disclosed", visible: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var attachment = await ApplicantCases.QueryAsync(second, db => db.Attachments.SingleAsync(a => a.OwnerId == application.Id));

        var download = await onSecond.GetAsync(new Uri($"/applications/{application.Id}/attachments/{attachment.Id}", UriKind.Relative));

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf, "the other node reads the file from the shared store");

        var item = await CatalogSteps.DraftAsync(onSecond, "示范县2024年学校名单", "");
        await CatalogWorkflowPageTests.UploadAsync(onSecond, item, "学校名单（目录）.pdf", pdf).DoneAsync();
        (await onFirst.GetByteArrayAsync(new Uri($"/catalog/files/{await ApplicantCases.QueryAsync(first, db => db.Attachments.Where(a => a.OwnerId == item).Select(a => a.Id).SingleAsync())}", UriKind.Relative)))
            .ShouldBe(pdf);
        await using (var db = database.CreateContext())
        {
            (await db.Attachments.Select(a => a.Sha256).ToListAsync()).ShouldBe([sha, sha]);
            (await db.Set<StoredFileRecord>().Select(f => new { f.Sha256, f.Size, f.Chunks }).ToListAsync()).ShouldBe([new { Sha256 = sha, Size = (long)pdf.Length, Chunks = 3 }], "one stored copy for both nodes");
            (await db.Set<StoredFileChunk>().OrderBy(c => c.Index).Select(c => c.Data.Length).ToListAsync())
                .ShouldBe([DatabaseFiles.ChunkSize, DatabaseFiles.ChunkSize, pdf.Length - (2 * DatabaseFiles.ChunkSize)]);
        }

        Directory.Exists(Path.Combine(first.StorageRoot)).ShouldBeFalse("no node keeps files in its own folder");
        Directory.Exists(Path.Combine(second.StorageRoot)).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_content_stored_on_both_nodes_at_the_same_moment_is_one_copy(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = Node(database);
        await using var second = Node(database);
        _ = first.Services;
        _ = second.Services;
        var content = RandomNumberGenerator.GetBytes(DatabaseFiles.ChunkSize + 10);

        var stored = await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(content))),
            Task.Run(() => second.Services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(content))));

        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        stored.Select(s => (s.Sha256, s.Size)).ShouldBe([(sha, content.Length), (sha, content.Length)]);
        stored.Count(s => s.AlreadyStored).ShouldBe(1, "one node stored it, the other found it");
        await using (var db = database.CreateContext())
        {
            (await db.Set<StoredFileRecord>().CountAsync()).ShouldBe(1);
            (await db.Set<StoredFileChunk>().CountAsync()).ShouldBe(2);
        }

        var store = second.Services.GetRequiredService<IFileStore>();
        await using (var back = (await store.OpenAsync(sha))!)
        {
            using var copy = new MemoryStream();
            await back.CopyToAsync(copy);
            copy.ToArray().ShouldBe(content);
        }

        (await first.Services.GetRequiredService<IFileStore>().DeleteAsync(sha)).ShouldBeTrue();
        (await store.ExistsAsync(sha)).ShouldBeFalse();
        (await store.OpenAsync(sha)).ShouldBeNull();
        await using (var db = database.CreateContext())
        {
            (await db.Set<StoredFileChunk>().CountAsync()).ShouldBe(0, "deleting removes the chunks with the file");
        }
    }

    private static GongkaiApp Node(TestDatabase database)
    {
        var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["Storage:Provider"] = "database";
        return app;
    }
}
