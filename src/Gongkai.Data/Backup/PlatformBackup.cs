using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gongkai.Data.Backup;

/// <summary>What a backup holds, written beside it as <c>manifest.json</c> and checked again on restore.</summary>
/// <param name="Format">The layout version of the backup folder (1).</param>
/// <param name="Provider">The database it was taken from (Sqlite or PostgreSQL); a backup restores onto the same provider.</param>
/// <param name="CreatedUtc">When the database snapshot was taken.</param>
/// <param name="Migrations">The migrations applied to the database when it was taken.</param>
/// <param name="Files">How many stored files the backup holds.</param>
/// <param name="FileBytes">Their total size.</param>
public sealed record BackupManifest(int Format, string Provider, DateTime CreatedUtc, IReadOnlyList<string> Migrations, int Files, long FileBytes);

/// <summary>A backup or restore that cannot go on, with a message for the operator (Chinese, naming what is wrong).</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A consistent backup of the platform — the database and the file store — into one folder, and its restore into an
/// empty system. The database is snapshotted first (SQLite <c>VACUUM INTO</c>, PostgreSQL <c>pg_dump</c> in one
/// transaction), then the file store is copied: stored files are named by their content and never change, and a
/// file is stored before the row that refers to it commits, so every file the snapshot refers to is already there
/// when the copy starts. Files stored later are copied too and are harmless. Files kept in the database
/// (Storage:Provider = database) are part of the snapshot itself. Restore refuses a database or a file folder that is
/// not empty, and checks every file's SHA-256 against its name, in the folder and in the database (docs/deployment.md).
/// </summary>
public static class PlatformBackup
{
    public const string ManifestName = "manifest.json";

    private const string SqliteName = "database.sqlite";
    private const string PostgresName = "database.pgdump";
    private const string FilesName = "files";

    /// <summary>Writes a backup of the database and of the file store under <paramref name="filesRoot"/> into <paramref name="target"/>, which must be empty or absent.</summary>
    public static async Task<BackupManifest> CreateAsync(DatabaseOptions database, string filesRoot, string target, TimeProvider clock, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new BackupException($"备份目录 {target} 不是空的：请指定一个新目录，不会覆盖已有的备份。");
        }

        Directory.CreateDirectory(target);
        var created = clock.GetUtcNow().UtcDateTime;
        var migrations = await AppliedMigrationsAsync(database, cancellationToken);
        if (IsSqlite(database))
        {
            progress?.Report("正在生成 SQLite 数据库快照…");
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", Path.GetFullPath(Path.Combine(target, SqliteName)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            progress?.Report("正在用 pg_dump 导出 PostgreSQL 数据库…");
            await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", Path.GetFullPath(Path.Combine(target, PostgresName)), ConnectionDatabase(database)], database, cancellationToken);
        }

        var (files, bytes) = await CopyStoreAsync(filesRoot, Path.Combine(target, FilesName), verify: false, progress, cancellationToken);
        var manifest = new BackupManifest(1, IsSqlite(database) ? DatabaseProviders.Sqlite : DatabaseProviders.PostgreSql, created, migrations, files, bytes);
        await File.WriteAllTextAsync(Path.Combine(target, ManifestName), JsonSerializer.Serialize(manifest, BackupJson.Default.BackupManifest), cancellationToken);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"备份完成：数据库快照和 {files} 个文件（{bytes} 字节）。"));
        return manifest;
    }

    /// <summary>Restores the backup in <paramref name="source"/> into an empty database and an empty file folder.</summary>
    public static async Task<BackupManifest> RestoreAsync(string source, DatabaseOptions database, string filesRoot, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var manifestPath = Path.Combine(source, ManifestName);
        if (!File.Exists(manifestPath))
        {
            throw new BackupException($"{source} 里没有 {ManifestName}：这不是 Gongkai 的备份目录，或备份没有完成。");
        }

        BackupManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(await File.ReadAllTextAsync(manifestPath, cancellationToken), BackupJson.Default.BackupManifest)
                ?? throw new BackupException($"{manifestPath} 是空的。");
        }
        catch (JsonException exception)
        {
            throw new BackupException($"{manifestPath} 不是有效的备份清单：{exception.Message}", exception);
        }

        var provider = IsSqlite(database) ? DatabaseProviders.Sqlite : DatabaseProviders.PostgreSql;
        if (manifest.Format != 1 || !string.Equals(manifest.Provider, provider, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupException($"这份备份取自 {manifest.Provider} 数据库（格式 {manifest.Format}），只能恢复到同一种数据库；目标是 {provider}。");
        }

        if (Directory.Exists(filesRoot) && Directory.EnumerateFileSystemEntries(filesRoot).Any())
        {
            throw new BackupException($"文件存储目录 {filesRoot} 不是空的：恢复只写入空系统，不会覆盖现有文件。");
        }

        if (!await IsEmptyAsync(database, cancellationToken))
        {
            throw new BackupException("目标数据库不是空的：恢复只写入空数据库（新建一个数据库，或删除已有的 SQLite 文件），不会覆盖现有数据。");
        }

        if (IsSqlite(database))
        {
            progress?.Report("正在恢复 SQLite 数据库…");
            var file = SqliteFile(database);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            SqliteConnection.ClearAllPools();
            File.Copy(Path.Combine(source, SqliteName), file, overwrite: true);
        }
        else
        {
            progress?.Report("正在用 pg_restore 恢复 PostgreSQL 数据库…");
            await RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", ConnectionDatabase(database), Path.GetFullPath(Path.Combine(source, PostgresName))], database, cancellationToken);
        }

        var (files, bytes) = await CopyStoreAsync(Path.Combine(source, FilesName), filesRoot, verify: true, progress, cancellationToken);
        if (files != manifest.Files || bytes != manifest.FileBytes)
        {
            throw new BackupException(string.Create(CultureInfo.InvariantCulture, $"备份清单记有 {manifest.Files} 个文件（{manifest.FileBytes} 字节），目录里只有 {files} 个（{bytes} 字节）：备份不完整。"));
        }

        var migrations = await AppliedMigrationsAsync(database, cancellationToken);
        if (!migrations.SequenceEqual(manifest.Migrations))
        {
            throw new BackupException("恢复后的数据库迁移记录与备份清单不一致：备份可能已损坏。");
        }

        // Files kept in the database (Storage:Provider = database) came with the dump: check each against its name too.
        var inDatabase = migrations.Any(m => m.EndsWith("_StoredFiles", StringComparison.Ordinal)) ? await VerifyDatabaseFilesAsync(database, cancellationToken) : 0;
        progress?.Report(inDatabase == 0
            ? string.Create(CultureInfo.InvariantCulture, $"恢复完成：数据库和 {files} 个文件。启动平台时会把数据库迁移到当前版本。")
            : string.Create(CultureInfo.InvariantCulture, $"恢复完成：数据库（含 {inDatabase} 个库内文件，已逐一核对 SHA-256）和 {files} 个文件。启动平台时会把数据库迁移到当前版本。"));
        return manifest;
    }

    /// <summary>Reads every file kept in the restored database and refuses the restore when one does not match its SHA-256.</summary>
    private static async Task<int> VerifyDatabaseFilesAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<GongkaiDbContext>();
        builder.UseGongkaiDatabase(database);
        await using var db = new GongkaiDbContext(builder.Options);
        var (files, _, damaged) = await Files.DatabaseFiles.VerifyAsync(db, cancellationToken);
        return damaged is null ? files : throw new BackupException($"备份数据库中的文件 {damaged} 内容与名称（SHA-256）不符：备份已损坏。");
    }

    private static bool IsSqlite(DatabaseOptions database) => database.Provider.Equals(DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase);

    private static string SqliteFile(DatabaseOptions database) => Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);

    private static string ConnectionDatabase(DatabaseOptions database) => new NpgsqlConnectionStringBuilder(database.ConnectionString).Database
        ?? throw new BackupException("PostgreSQL 连接字符串里没有 Database。");

    private static async Task<List<string>> AppliedMigrationsAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<GongkaiDbContext>();
        builder.UseGongkaiDatabase(database);
        await using var db = new GongkaiDbContext(builder.Options);
        return [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)];
    }

    private static async Task<bool> IsEmptyAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        if (IsSqlite(database))
        {
            var file = SqliteFile(database);
            if (!File.Exists(file) || new FileInfo(file).Length == 0)
            {
                return true;
            }

            await using var sqlite = new SqliteConnection(database.ConnectionString);
            await sqlite.OpenAsync(cancellationToken);
            await using var count = sqlite.CreateCommand();
            count.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
            return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0;
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 0;
    }

    /// <summary>Copies the content-named files (<c>ab/cd/abcd…</c>) of one store folder into another, skipping unfinished uploads.</summary>
    private static async Task<(int Files, long Bytes)> CopyStoreAsync(string from, string to, bool verify, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var files = 0;
        long bytes = 0;
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return (0, 0);
        }

        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            var relative = Path.GetRelativePath(from, path);
            if (relative.StartsWith("incoming" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || name.Length != 64 || !name.All(char.IsAsciiHexDigitLower))
            {
                continue;
            }

            var destination = Path.Combine(to, name[..2], name[2..4], name);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            await using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (verify && Convert.ToHexStringLower(hash.GetHashAndReset()) != name)
                {
                    throw new BackupException($"备份中的文件 {relative} 内容与名称（SHA-256）不符：备份已损坏。");
                }

                bytes += output.Length;
            }

            files++;
            if (files % 1000 == 0)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"已复制 {files} 个文件…"));
            }
        }

        return (files, bytes);
    }

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments, DatabaseOptions database, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The connection goes by libpq's environment, so the password never shows in a process list.
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"无法启动 {tool}。");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new BackupException($"找不到 {tool}：请安装与服务器版本一致的 PostgreSQL 客户端工具（Debian：postgresql-client）。", exception);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var message = (await errors).Trim();
            await output;
            if (process.ExitCode != 0)
            {
                throw new BackupException(string.Create(CultureInfo.InvariantCulture, $"{tool} 失败（退出码 {process.ExitCode}）：{(message.Length > 2000 ? message[..2000] + "…" : message)}"));
            }
        }
    }
}

[JsonSerializable(typeof(BackupManifest))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class BackupJson : JsonSerializerContext;
