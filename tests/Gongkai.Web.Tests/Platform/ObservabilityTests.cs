using System.Net;
using System.Net.Http.Json;
using Gongkai.Data;
using Gongkai.Data.Files;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Gongkai.Tests.Platform;

public class ObservabilityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ready_when_the_database_answers_with_every_migration_and_the_file_store_can_be_written(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demo: false);
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<Observability.ReadinessReport>();
        report!.Status.ShouldBe("ok");
        // The node's local search index is reported but never fails readiness (ADR 0014): ok while building, and on SQLite,
        // where it is not used.
        report.Checks.Select(check => (check.Name, check.Status)).ShouldBe([("数据库", "ok"), ("文件存储", "ok"), ("本节点搜索索引", "ok")]);
        Directory.EnumerateFiles(Path.Combine(app.StorageRoot, "incoming")).ShouldBeEmpty();
    }

    [Fact]
    public async Task With_files_in_the_database_readiness_writes_reads_and_removes_its_probe_there()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var app = new GongkaiApp(database, demo: false);
        app.Settings["Storage:Provider"] = "database";
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<Observability.ReadinessReport>();
        report!.Checks.ShouldContain(new Observability.ReadinessCheck("文件存储", "ok", "文件存储可读写。"));
        await using var db = database.CreateContext();
        (await db.Set<StoredFileRecord>().CountAsync()).ShouldBe(0, "the probe is removed");
        (await db.Set<StoredFileChunk>().CountAsync()).ShouldBe(0);
        Directory.Exists(app.StorageRoot).ShouldBeFalse("the node's folder is not used");
    }

    [Fact]
    public async Task A_file_store_that_cannot_be_written_makes_the_node_not_ready_but_still_alive()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var blocker = Path.Combine(Path.GetTempPath(), "gongkai-not-a-folder-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocker, "a file where the store's folder should be");
        try
        {
            await using var app = new GongkaiApp(database, demo: false);
            app.Settings["Storage:Root"] = blocker;
            using var client = app.CreateClient();

            var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

            live.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await live.Content.ReadFromJsonAsync<Observability.ReadinessReport>())!.Checks.ShouldBeEmpty();
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var report = await ready.Content.ReadFromJsonAsync<Observability.ReadinessReport>();
            report!.Status.ShouldBe("unavailable");
            report.Checks.ShouldContain(new Observability.ReadinessCheck("文件存储", "unavailable", "文件存储无法写入。"));
            report.Checks.ShouldContain(new Observability.ReadinessCheck("数据库", "ok", "数据库可连接，迁移已全部应用。"));
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task Telemetry_is_off_unless_an_exporter_is_named()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var off = new GongkaiApp(database, demo: false);
        using (off.CreateClient())
        {
            off.Services.GetService<TracerProvider>().ShouldBeNull();
        }

        await using var on = new GongkaiApp(database, demo: false);
        on.Settings["Telemetry:Exporter"] = "console";
        using var client = on.CreateClient();
        on.Services.GetService<TracerProvider>().ShouldNotBeNull();
        (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_exporter_stops_the_start_with_a_message_that_names_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demo: false);
        app.Settings["Telemetry:Exporter"] = "zipkin";

        var failure = Should.Throw<InvalidOperationException>(() => app.CreateClient());

        failure.Message.ShouldBe("Telemetry:Exporter 只能是 none、otlp 或 console，而不是 “zipkin”。");
    }
}
