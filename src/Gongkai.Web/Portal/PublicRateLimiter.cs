using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Portal;

/// <summary>Configuration section "PublicRateLimits": how often one client address may submit and look up.</summary>
public sealed class PublicRateLimitOptions
{
    public const string Section = "PublicRateLimits";

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
/// The platform's one set of public limits: the form and the API draw on the same budget. Fixed-window limits per client IP address (System.Threading.RateLimiting, as the ASP.NET Core rate-limiting
/// middleware uses) on the public forms. The page asks before acting, so a refused request shows the form again with
/// everything typed and a message, rather than an empty error page. The counters live in this node's memory: with
/// several nodes each counts alone (docs/adr/0005-files-and-public-access.md). Behind a reverse proxy, configure
/// forwarded headers so the client address is the visitor's.
/// </summary>
public sealed class PublicRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _submissions;
    private readonly PartitionedRateLimiter<string> _lookups;

    public PublicRateLimiter(IOptions<PublicRateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _submissions = Create(settings.Submissions, settings.SubmissionWindowMinutes);
        _lookups = Create(settings.Lookups, settings.LookupWindowMinutes);
    }

    /// <summary>True when the client may go ahead; false when it has used up the window.</summary>
    public bool TryAcquire(PublicAction action, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = Infrastructure.ClientAddress.Key(context);
        using var lease = (action == PublicAction.Submit ? _submissions : _lookups).AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _submissions.Dispose();
        _lookups.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permits, int windowMinutes) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(Math.Max(1, windowMinutes)),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
