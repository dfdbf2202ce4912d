using Gongkai.Cli;
using Gongkai.Tests.Data;

namespace Gongkai.Tests.Cli;

public class DbCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_brings_an_empty_database_to_the_latest_schema_and_then_reports_it_is_current(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var (exit, output, _) = Run("db", "migrate", "--provider", provider, "--connection", database.Options.ConnectionString);

        exit.ShouldBe(0);
        output.ShouldContain($"已在 {provider} 数据库上应用");
        output.ShouldContain("20261122000001_Initial");
        var (again, second, _) = Run("db", "migrate", "--provider", provider, "--connection", database.Options.ConnectionString);
        again.ShouldBe(0);
        second.ShouldContain("已是最新结构");
    }

    [Fact]
    public void An_unknown_provider_is_refused_with_what_to_use()
    {
        var (exit, _, error) = Run("db", "migrate", "--provider", "Oracle");

        exit.ShouldBe(2);
        error.ShouldContain("请把 Database:Provider 设为 Sqlite 或 PostgreSQL");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Backup_and_restore_carry_the_database_and_the_files_into_an_empty_system(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var target = await TestDatabase.CreateAsync(provider);
        var root = Path.Combine(Path.GetTempPath(), "gongkai-cli-backup-" + Guid.NewGuid().ToString("N"));
        var files = Path.Combine(root, "files");
        const string sha = "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3"; // SHA-256 of "123"
        Directory.CreateDirectory(Path.Combine(files, "a6", "65"));
        await File.WriteAllTextAsync(Path.Combine(files, "a6", "65", sha), "123");
        try
        {
            Run("db", "migrate", "--provider", provider, "--connection", database.Options.ConnectionString).Exit.ShouldBe(0);

            var (exit, output, progress) = Run("db", "backup", "--provider", provider, "--connection", database.Options.ConnectionString, "--files", files, "--to", Path.Combine(root, "backup"));

            exit.ShouldBe(0);
            output.ShouldStartWith($"{provider} 数据库（");
            output.ShouldContain("个迁移）和 1 个文件，快照时间 ");
            progress.ShouldContain("备份完成：数据库快照和 1 个文件（3 字节）。");
            var (restored, _, _) = Run("db", "restore", "--provider", provider, "--connection", target.Options.ConnectionString, "--files", Path.Combine(root, "restored"), "--from", Path.Combine(root, "backup"));
            restored.ShouldBe(0);
            (await File.ReadAllTextAsync(Path.Combine(root, "restored", "a6", "65", sha))).ShouldBe("123");
            var (again, _, refusal) = Run("db", "restore", "--provider", provider, "--connection", target.Options.ConnectionString, "--files", Path.Combine(root, "other"), "--from", Path.Combine(root, "backup"));
            again.ShouldBe(2);
            refusal.ShouldContain("gongkai: 目标数据库不是空的");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Restore_from_a_folder_that_is_not_a_backup_says_so()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-not-a-backup-" + Guid.NewGuid().ToString("N"));

        var (exit, _, error) = Run("db", "restore", "--from", folder, "--files", folder);

        exit.ShouldBe(2);
        error.ShouldBe($"gongkai: {folder} 里没有 manifest.json：这不是 Gongkai 的备份目录，或备份没有完成。{Environment.NewLine}");
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = GongkaiCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
