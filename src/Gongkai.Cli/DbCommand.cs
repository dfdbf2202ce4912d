using System.CommandLine;
using Gongkai.Data;
using Gongkai.Data.Backup;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Cli;

/// <summary>`gongkai db migrate`: applies the platform's migrations to SQLite or PostgreSQL.</summary>
internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var provider = new Option<string?>("--provider") { Description = "Sqlite 或 PostgreSQL（默认取环境变量 Database__Provider，否则 Sqlite）" };
        var connection = new Option<string?>("--connection") { Description = "连接字符串（默认取环境变量 Database__ConnectionString，否则 Data Source=data/gongkai.db）" };
        var migrate = new Command("migrate", "把数据库迁移到最新结构（平台启动时也会自动迁移）") { provider, connection };
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DatabaseOptions();
            options.Provider = parse.GetValue(provider) ?? Environment.GetEnvironmentVariable("Database__Provider") ?? options.Provider;
            options.ConnectionString = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("Database__ConnectionString") ?? options.ConnectionString;
            try
            {
                var builder = new DbContextOptionsBuilder<GongkaiDbContext>();
                builder.UseGongkaiDatabase(options);
                await using var db = new GongkaiDbContext(builder.Options);
                if (options.Provider.Equals(DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
                    && Path.GetDirectoryName(Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource)) is { } folder)
                {
                    Directory.CreateDirectory(folder);
                }

                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
                context.Out.WriteLine(pending.Count == 0
                    ? $"数据库（{options.Provider}）已是最新结构。"
                    : $"已在 {options.Provider} 数据库上应用 {pending.Count} 个迁移：{string.Join("、", pending)}");
                return GongkaiCommand.Success;
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException or ArgumentException)
            {
                context.Error.WriteLine($"gongkai: 迁移失败：{exception.Message}");
                return GongkaiCommand.InputError;
            }
        });
        var files = new Option<string?>("--files") { Description = "文件存储目录（默认取环境变量 Storage__Root，否则 data/files）" };
        var to = new Option<string>("--to") { Description = "备份写入的新目录（须为空或不存在）", Required = true };
        var backup = new Command("backup", "备份数据库和文件存储到一个目录（数据库快照在先，文件在后，二者一致）") { provider, connection, files, to };
        backup.SetAction((parse, cancellationToken) => RunBackupAsync(context, () =>
            PlatformBackup.CreateAsync(Options(parse, provider, connection), FilesRoot(parse, files), parse.GetValue(to)!, context.Clock, Progress(context), cancellationToken)));
        var from = new Option<string>("--from") { Description = "备份目录（含 manifest.json）", Required = true };
        var restore = new Command("restore", "把备份恢复到空数据库和空文件目录（不会覆盖已有数据）") { provider, connection, files, from };
        restore.SetAction((parse, cancellationToken) => RunBackupAsync(context, () =>
            PlatformBackup.RestoreAsync(parse.GetValue(from)!, Options(parse, provider, connection), FilesRoot(parse, files), Progress(context), cancellationToken)));
        var command = new Command("db", "平台数据库") { migrate, backup, restore };
        return command;
    }

    private static DatabaseOptions Options(ParseResult parse, Option<string?> provider, Option<string?> connection)
    {
        var options = new DatabaseOptions();
        options.Provider = parse.GetValue(provider) ?? Environment.GetEnvironmentVariable("Database__Provider") ?? options.Provider;
        options.ConnectionString = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("Database__ConnectionString") ?? options.ConnectionString;
        return options;
    }

    private static string FilesRoot(ParseResult parse, Option<string?> files) =>
        Path.GetFullPath(parse.GetValue(files) ?? Environment.GetEnvironmentVariable("Storage__Root") ?? "data/files");

    /// <summary>Progress lines on stderr as they happen (Progress&lt;T&gt; would post them later, out of order with the result).</summary>
    private static LineProgress Progress(CliContext context) => new(context.Error);

    private sealed class LineProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }

    private static async Task<int> RunBackupAsync(CliContext context, Func<Task<BackupManifest>> run)
    {
        try
        {
            var manifest = await run();
            context.Out.WriteLine($"{manifest.Provider} 数据库（{manifest.Migrations.Count} 个迁移）和 {manifest.Files} 个文件，快照时间 {manifest.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC。");
            return GongkaiCommand.Success;
        }
        catch (BackupException exception)
        {
            context.Error.WriteLine($"gongkai: {exception.Message}");
            return GongkaiCommand.InputError;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            context.Error.WriteLine($"gongkai: {exception.Message}");
            return GongkaiCommand.InputError;
        }
    }
}
