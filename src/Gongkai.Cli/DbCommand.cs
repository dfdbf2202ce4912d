using System.CommandLine;
using Gongkai.Data;
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
        var command = new Command("db", "平台数据库") { migrate };
        return command;
    }
}
