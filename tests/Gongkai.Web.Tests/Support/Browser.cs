using Microsoft.Playwright;

namespace Gongkai.Tests.Web;

/// <summary>
/// A real headless Chromium (Debian's /usr/bin/chromium, or PLAYWRIGHT_CHROMIUM) shared by the browser tests of one
/// test class. Playwright never downloads a browser here.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    /// <summary>The collection's one browser (its tests run one after another).</summary>
    public static Browser Shared { get; private set; } = null!;

    /// <summary>
    /// Content-security-policy violations Chromium reported on the pages opened since the current test began (each
    /// with the page's address). <see cref="BrowserTest"/> fails a test that leaves any.
    /// </summary>
    public List<string> Violations { get; } = [];

    public static string ExecutablePath => Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}. Run ./scripts/prerequisites.sh (as root) or set PLAYWRIGHT_CHROMIUM.");
        }

        Shared = this;
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh page in its own context (own cookies), with Chinese locale, against the app's real Kestrel server.</summary>
    public async Task<IPage> OpenAsync(GongkaiApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ServerAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (Violations)
                {
                    Violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>
/// The base of every browser test: a test fails when a page it opened broke the content-security policy (an inline
/// script or style, a script from elsewhere), even if everything it checked worked.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        var violations = Browser.Shared.Violations;
        lock (violations)
        {
            violations.Clear();
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        var violations = Browser.Shared.Violations;
        lock (violations)
        {
            violations.ShouldBeEmpty("content-security-policy violations:\n" + string.Join('\n', violations));
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The browser tests share one Chromium and run one after another (in parallel with the other tests): several
/// browsers and app hosts at once on a small CI machine make page timings flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<Browser>
{
    public const string Name = "Browser";
}
