using Gongkai.Tests.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Gongkai.Tests.Web;

/// <summary>
/// The whole web application against its own database (one per test), with a clock the test controls.
/// The demo region is loaded unless the test asks for an empty platform.
/// </summary>
public sealed class GongkaiApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;

    // Dozens of hosts run at once and each would watch appsettings and wwwroot with inotify; the default
    // per-user limit (128 instances) is reached on CI machines. Tests change no file under a running host.
    static GongkaiApp()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    private readonly bool _demo;
    private readonly bool _demoCases;
    private readonly bool _demoCatalog;

    /// <param name="database">The test's own database.</param>
    /// <param name="demo">Load the demo region and accounts.</param>
    /// <param name="clock">The clock; 2024-06-17 10:00 China time by default.</param>
    /// <param name="demoCases">Also load the demo applications (off for tests that count their own cases).</param>
    /// <param name="demoCatalog">Also load the demo catalogue (off for tests of hand-entered table 二 figures).</param>
    public GongkaiApp(TestDatabase database, bool demo = true, TestClock? clock = null, bool demoCases = true, bool demoCatalog = true)
    {
        _database = database;
        _demo = demo;
        _demoCases = demoCases;
        _demoCatalog = demoCatalog;
        Clock = clock ?? new TestClock(new DateTimeOffset(2024, 6, 17, 2, 0, 0, TimeSpan.Zero));
    }

    public TestClock Clock { get; }

    /// <summary>Errors the app logged (an unhandled exception behind a 500 is one), for tests that look for them.</summary>
    public LoggedErrors Errors { get; } = new();

    public TestDatabase Database => _database;

    /// <summary>Configuration values this test sets (before the first request), e.g. a small upload limit.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Services this test replaces (before the first request), e.g. a fake PDF converter; applied after the app's own.</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    /// <summary>The app's own file store (Storage:Root), removed when the app is disposed.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), "gongkai-files-" + Guid.NewGuid().ToString("N"));

    /// <summary>The app's own folder for its local search index (PostgreSQL), removed when the app is disposed.</summary>
    public string LocalIndexFolder { get; } = Path.Combine(Path.GetTempPath(), "gongkai-search-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Options.Provider);
        builder.UseSetting("Database:ConnectionString", _database.Options.ConnectionString);
        builder.UseSetting("Demo:Seed", _demo ? "true" : "false");
        builder.UseSetting("Demo:Applications", _demoCases ? "true" : "false");
        builder.UseSetting("Demo:Catalog", _demoCatalog ? "true" : "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(Errors);
            services.AddTransient<IStartupFilter, ClientAddressFromTestHeader>();
            services.AddTransient<IStartupFilter>(_ => new ServerErrorInResponse(Errors));
            foreach (var replace in TestServices)
            {
                replace(services);
            }
        });
        builder.UseSetting("Storage:Root", StorageRoot);
        builder.UseSetting("Search:LocalIndex:Path", LocalIndexFolder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Serves the app on a real Kestrel port on loopback (for the browser) and returns its address. Call before the
    /// first request; the in-memory client keeps working.
    /// </summary>
    public Uri ServerAddress
    {
        get
        {
            if (_address is null)
            {
                UseKestrel(0);
                StartServer();
                _address = ClientOptions.BaseAddress;
            }

            return _address;
        }
    }

    private Uri? _address;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }

        if (Directory.Exists(LocalIndexFolder))
        {
            Directory.Delete(LocalIndexFolder, recursive: true);
        }
    }

    /// <summary>
    /// The request header that sets the client address the app sees (the in-memory test server has none), so tests can
    /// act as several clients, each as its own TCP peer would be.
    /// </summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>A client that keeps cookies but does not follow redirects, so tests see where a response points.</summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });
}

/// <summary>Sets the connection's remote address from <see cref="GongkaiApp.ClientAddressHeader"/> before the app's pipeline.</summary>
internal sealed class ClientAddressFromTestHeader : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers[GongkaiApp.ClientAddressHeader] is [{ } value] && System.Net.IPAddress.TryParse(value, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>
/// On an answer of 500 or more, puts the errors the app logged while handling the request into the
/// <see cref="Header"/> response header, so a test that gets a 500 (under load, say) says why instead of only that.
/// </summary>
internal sealed class ServerErrorInResponse(LoggedErrors errors) : IStartupFilter
{
    public const string Header = "X-Test-Server-Errors";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var before = errors.Count;
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode >= 500 && errors.Since(before) is { Count: > 0 } logged)
                {
                    context.Response.Headers[Header] = Uri.EscapeDataString(string.Join(" | ", logged));
                }

                return Task.CompletedTask;
            });
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>What the app logged for this response, or an empty string.</summary>
    public static string Of(HttpResponseMessage response) =>
        response.Headers.TryGetValues(Header, out var values) ? Uri.UnescapeDataString(string.Join(" ", values)) : "";
}

/// <summary>The errors an app logged, with their exceptions.</summary>
public sealed class LoggedErrors : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _entries = new();

    public int Count => _entries.Count;

    /// <summary>The entries logged after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<string> Since(int skip) => [.. _entries.Skip(skip)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LoggedErrors errors, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors._entries.Enqueue($"{category}: {formatter(state, exception)}" + (exception is null ? "" : $" — {exception.GetType().Name}: {exception.Message} at {exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Gongkai", StringComparison.Ordinal))?.Trim()}"));
            }
        }
    }
}
