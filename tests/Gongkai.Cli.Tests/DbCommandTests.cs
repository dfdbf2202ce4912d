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

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = GongkaiCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
