using System.Text;
using Gongkai.Data;
using Gongkai.Data.Audit;
using Gongkai.Data.Backup;
using Gongkai.Data.Files;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Platform;

public class BackupTests
{
    private sealed record Counts(int Applications, int Events, int Audit, int Catalog, int Agencies, int Users);

    private static async Task<Counts> CountAsync(GongkaiDbContext db) => new(
        await db.Applications.CountAsync(),
        await db.ApplicationEvents.CountAsync(),
        await db.AuditLog.CountAsync(),
        await db.CatalogItems.CountAsync(),
        await db.Agencies.CountAsync(),
        await db.Users.CountAsync());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_backup_restores_into_an_empty_system_with_every_case_file_and_audit_entry(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        using (app.CreateClient())
        {
        }

        var store = app.Services.GetRequiredService<IFileStore>();
        var first = await store.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("申请人提交的身份证明复印件")));
        var second = await store.SaveAsync(new MemoryStream(new byte[300_000]));
        Counts before;
        await using (var db = database.CreateContext())
        {
            db.AuditLog.Add(new AuditEntry { Id = Guid.CreateVersion7(), AtUtc = new DateTime(2024, 6, 17, 2, 0, 0, DateTimeKind.Utc), UserName = "admin", Action = "backup.test", EntityType = "Platform", Summary = "备份前的审计记录" });
            await db.SaveChangesAsync();
            before = await CountAsync(db);
        }

        before.Applications.ShouldBeGreaterThan(0);
        before.Catalog.ShouldBeGreaterThan(0);
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-backup-" + Guid.NewGuid().ToString("N"));
        var restoredFiles = Path.Combine(Path.GetTempPath(), "gongkai-restored-" + Guid.NewGuid().ToString("N"));
        await using var target = await TestDatabase.CreateAsync(provider);
        try
        {
            var lines = new List<string>();
            var taken = await PlatformBackup.CreateAsync(database.Options, app.StorageRoot, folder, app.Clock, new Lines(lines));
            taken.Files.ShouldBe(2);
            taken.FileBytes.ShouldBe(Encoding.UTF8.GetByteCount("申请人提交的身份证明复印件") + 300_000);
            taken.Provider.ShouldBe(provider);
            lines[^1].ShouldBe($"备份完成：数据库快照和 2 个文件（{taken.FileBytes} 字节）。");

            var restored = await PlatformBackup.RestoreAsync(folder, target.Options, restoredFiles);

            restored.ShouldBe(taken with { Migrations = restored.Migrations });
            restored.Migrations.ShouldBe(taken.Migrations);
            await using (var db = target.CreateContext())
            {
                (await CountAsync(db)).ShouldBe(before);
                (await db.AuditLog.SingleAsync(entry => entry.Action == "backup.test")).Summary.ShouldBe("备份前的审计记录");
            }

            await using var restoredApp = new GongkaiApp(target, demo: false);
            restoredApp.Settings["Storage:Root"] = restoredFiles;
            using var client = restoredApp.CreateClient();
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            var restoredStore = restoredApp.Services.GetRequiredService<IFileStore>();
            foreach (var file in new[] { first, second })
            {
                await using var content = (await restoredStore.OpenAsync(file.Sha256))!;
                content.Length.ShouldBe(file.Size);
            }
        }
        finally
        {
            Remove(folder);
            Remove(restoredFiles);
        }
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_is_not_empty_and_a_backup_whose_file_does_not_match_its_name()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demo: false);
        using (app.CreateClient())
        {
        }

        var stored = await app.Services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("答复书扫描件")));
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-backup-" + Guid.NewGuid().ToString("N"));
        var restoredFiles = Path.Combine(Path.GetTempPath(), "gongkai-restored-" + Guid.NewGuid().ToString("N"));
        try
        {
            await PlatformBackup.CreateAsync(database.Options, app.StorageRoot, folder, app.Clock);

            var intoItself = await Should.ThrowAsync<BackupException>(() => PlatformBackup.RestoreAsync(folder, database.Options, restoredFiles));
            intoItself.Message.ShouldBe("目标数据库不是空的：恢复只写入空数据库（新建一个数据库，或删除已有的 SQLite 文件），不会覆盖现有数据。");
            var again = await Should.ThrowAsync<BackupException>(() => PlatformBackup.CreateAsync(database.Options, app.StorageRoot, folder, app.Clock));
            again.Message.ShouldBe($"备份目录 {folder} 不是空的：请指定一个新目录，不会覆盖已有的备份。");

            var copy = Path.Combine(folder, "files", stored.Sha256[..2], stored.Sha256[2..4], stored.Sha256);
            await File.WriteAllTextAsync(copy, "被改过的内容");
            await using var empty = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
            var damaged = await Should.ThrowAsync<BackupException>(() => PlatformBackup.RestoreAsync(folder, empty.Options, restoredFiles));
            damaged.Message.ShouldBe($"备份中的文件 {Path.Combine(stored.Sha256[..2], stored.Sha256[2..4], stored.Sha256)} 内容与名称（SHA-256）不符：备份已损坏。");
        }
        finally
        {
            Remove(folder);
            Remove(restoredFiles);
        }
    }

    [Fact]
    public async Task With_files_in_the_database_the_dump_is_the_file_backup_and_restore_checks_every_file()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var app = new GongkaiApp(database, demo: false);
        app.Settings["Storage:Provider"] = "database";
        var store = app.Services.GetRequiredService<IFileStore>();
        var small = Encoding.UTF8.GetBytes("申请人提交的身份证明复印件");
        var large = new byte[DatabaseFiles.ChunkSize + 300_000];
        Random.Shared.NextBytes(large);
        var first = await store.SaveAsync(new MemoryStream(small));
        var second = await store.SaveAsync(new MemoryStream(large));
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-backup-" + Guid.NewGuid().ToString("N"));
        var damagedFolder = folder + "-damaged";
        var restoredFiles = Path.Combine(Path.GetTempPath(), "gongkai-restored-" + Guid.NewGuid().ToString("N"));
        await using var target = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var damagedTarget = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        try
        {
            var taken = await PlatformBackup.CreateAsync(database.Options, app.StorageRoot, folder, app.Clock);
            taken.Files.ShouldBe(0, "no file is in a folder: the dump holds them");
            var lines = new List<string>();
            await PlatformBackup.RestoreAsync(folder, target.Options, restoredFiles, new Lines(lines));

            lines[^1].ShouldBe("恢复完成：数据库（含 2 个库内文件，已逐一核对 SHA-256）和 0 个文件。启动平台时会把数据库迁移到当前版本。");
            await using (var restoredApp = new GongkaiApp(target, demo: false))
            {
                restoredApp.Settings["Storage:Provider"] = "database";
                var restoredStore = restoredApp.Services.GetRequiredService<IFileStore>();
                foreach (var (file, bytes) in new[] { (first, small), (second, large) })
                {
                    await using var content = (await restoredStore.OpenAsync(file.Sha256))!;
                    using var copy = new MemoryStream();
                    await content.CopyToAsync(copy);
                    copy.ToArray().ShouldBe(bytes);
                }
            }

            await using (var db = database.CreateContext())
            {
                await db.Set<StoredFileChunk>().Where(c => c.Sha256 == second.Sha256 && c.Index == 1).ExecuteUpdateAsync(s => s.SetProperty(c => c.Data, new byte[] { 1, 2, 3 }));
            }

            await PlatformBackup.CreateAsync(database.Options, app.StorageRoot, damagedFolder, app.Clock);
            var damaged = await Should.ThrowAsync<BackupException>(() => PlatformBackup.RestoreAsync(damagedFolder, damagedTarget.Options, restoredFiles + "-2"));
            damaged.Message.ShouldBe($"备份数据库中的文件 {second.Sha256} 内容与名称（SHA-256）不符：备份已损坏。");
        }
        finally
        {
            Remove(folder);
            Remove(damagedFolder);
            Remove(restoredFiles);
            Remove(restoredFiles + "-2");
        }
    }

    private static void Remove(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
