using System.Globalization;
using System.Threading.RateLimiting;
using Gongkai.Data;
using Gongkai.Data.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Portal;

/// <summary>Configuration section "PublicRateLimits": how often one client address may submit and look up.</summary>
public sealed class PublicRateLimitOptions
{
    public const string Section = "PublicRateLimits";

    /// <summary>Counted in the database: every app node enforces the same limit (the default).</summary>
    public const string DatabaseStore = "database";

    /// <summary>Counted in this node's memory: for a single node or tests only; two nodes would double every limit.</summary>
    public const string MemoryStore = "memory";

    /// <summary>Where uses are counted: <see cref="DatabaseStore"/> (default) or <see cref="MemoryStore"/>.</summary>
    public string Store { get; set; } = DatabaseStore;

    /// <summary>Applications (the public form and <c>POST /api/applications</c> alike) and correction answers per client address and window.</summary>
    public int Submissions { get; set; } = 10;

    public int SubmissionWindowMinutes { get; set; } = 60;

    /// <summary>Status look-ups (receipt code + phone) per client address and window: enough for a person, too few to guess codes.</summary>
    public int Lookups { get; set; } = 10;

    public int LookupWindowMinutes { get; set; } = 10;
}

/// <summary>What a public request does, for rate limiting.</summary>
public enum PublicAction
{
    Submit,
    Lookup,
}

/// <summary>
/// The platform's one set of public limits: the form and the API draw on the same budget, fixed windows per client
/// IP address. The page asks before acting, so a refused request shows the form again with everything typed and a
/// message, rather than an empty error page; the response also carries Retry-After. By default the uses are counted
/// in the database (<see cref="RateLimitCounters"/>), so several app nodes enforce one limit; <c>PublicRateLimits:Store
/// = memory</c> counts in this node's memory (System.Threading.RateLimiting), for a single node. Behind a reverse
/// proxy, configure forwarded headers so the client address is the visitor's.
/// </summary>
public sealed class PublicRateLimiter : IDisposable
{
    private readonly PublicRateLimitOptions _settings;
    private readonly TimeProvider _clock;
    private readonly PartitionedRateLimiter<string>? _submissions;
    private readonly PartitionedRateLimiter<string>? _lookups;

    public PublicRateLimiter(IOptions<PublicRateLimitOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = options.Value;
        _clock = clock;
        if (string.Equals(_settings.Store, PublicRateLimitOptions.MemoryStore, StringComparison.OrdinalIgnoreCase))
        {
            _submissions = Create(Permits(PublicAction.Submit), Window(PublicAction.Submit));
            _lookups = Create(Permits(PublicAction.Lookup), Window(PublicAction.Lookup));
        }
        else if (!string.Equals(_settings.Store, PublicRateLimitOptions.DatabaseStore, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"未知的限流计数方式“{_settings.Store}”。请把 PublicRateLimits:Store 设为 {PublicRateLimitOptions.DatabaseStore}（数据库，多节点共用）或 {PublicRateLimitOptions.MemoryStore}（本节点内存，仅限单节点）。");
        }
    }

    /// <summary>
    /// True when the client may go ahead; false when it has used up the window (the response then says in
    /// Retry-After how many seconds remain).
    /// </summary>
    public async Task<bool> TryAcquireAsync(PublicAction action, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = Infrastructure.ClientAddress.Key(context);
        if (_submissions is not null && _lookups is not null)
        {
            using var lease = (action == PublicAction.Submit ? _submissions : _lookups).AttemptAcquire(address);
            return lease.IsAcquired;
        }

        var window = (long)Window(action).TotalSeconds;
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var start = now - (now % window);
        var db = context.RequestServices.GetRequiredService<GongkaiDbContext>();
        var scope = Key(action) + ":";
        var count = await RateLimitCounters.HitAsync(db, scope, scope + address, start, context.RequestAborted);
        if (count <= Permits(action))
        {
            return true;
        }

        context.Response.Headers.RetryAfter = (start + window - now).ToString(CultureInfo.InvariantCulture);
        return false;
    }

    public void Dispose()
    {
        _submissions?.Dispose();
        _lookups?.Dispose();
    }

    private static string Key(PublicAction action) => action == PublicAction.Submit ? "submit" : "lookup";

    private int Permits(PublicAction action) => Math.Max(1, action == PublicAction.Submit ? _settings.Submissions : _settings.Lookups);

    private TimeSpan Window(PublicAction action) =>
        TimeSpan.FromMinutes(Math.Max(1, action == PublicAction.Submit ? _settings.SubmissionWindowMinutes : _settings.LookupWindowMinutes));

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
