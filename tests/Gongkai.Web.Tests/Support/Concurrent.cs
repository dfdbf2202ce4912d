using Gongkai.Data;
using Gongkai.Tests.Data;

namespace Gongkai.Tests.Web;

/// <summary>Bursts of simultaneous requests: an app ready for them and a starting gun.</summary>
public static class Concurrent
{
    /// <summary>
    /// The demo region without demo cases or catalogue (numbers start at 1), public rate limits out of the way, and on
    /// PostgreSQL a connection pool as in production (tests otherwise open unpooled connections, and a burst of 200
    /// requests would open 200 and exceed the server's limit).
    /// </summary>
    public static GongkaiApp App(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["PublicRateLimits:Submissions"] = "100000";
        if (database.Provider == DatabaseProviders.PostgreSql)
        {
            app.Settings["Database:ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(database.Options.ConnectionString) { Pooling = true, MaxPoolSize = 20 }.ConnectionString;
        }

        return app;
    }

    /// <summary>
    /// Runs the requests at once: each prepares (reads its form, say), calls the function it is given, which returns when
    /// every request has prepared, and fires. Returns the answers in the order of <paramref name="requests"/>.
    /// </summary>
    public static async Task<T[]> AllAtOnceAsync<T>(IReadOnlyList<Func<Func<Task>, Task<T>>> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var preparing = requests.Count;
        Task Ready()
        {
            if (Interlocked.Decrement(ref preparing) == 0)
            {
                allReady.SetResult();
            }

            return start.Task;
        }

        var running = requests.Select(request => Task.Run(() => request(Ready))).ToList();

        // A request that fails while preparing never calls Ready: the others still go, and its exception surfaces below.
        await Task.WhenAny(allReady.Task, Task.WhenAll(running));
        start.TrySetResult();
        return await Task.WhenAll(running);
    }
}
