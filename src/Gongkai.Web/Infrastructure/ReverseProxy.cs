using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// Configuration section "ForwardedHeaders": the reverse proxies (TLS terminators, load balancers) whose
/// X-Forwarded-For and X-Forwarded-Proto headers are believed. With none configured the headers are ignored: the
/// client address is the connection's, so no client can pick its own address to step past the sign-in throttle or
/// the public rate limits.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. "10.0.0.5" or "::1".</summary>
    public List<string> KnownProxies { get; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; } = [];

    /// <summary>How many proxies stand between the client and the app (each adds one X-Forwarded-For entry).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>Forwarded headers from configured proxies only (see <see cref="ReverseProxyOptions"/>).</summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        services.AddSingleton(proxies);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = Math.Max(1, proxies.ForwardLimit);
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"配置项 {ReverseProxyOptions.Section}:KnownProxies 中的“{proxy}”不是 IP 地址（例如 10.0.0.5）。"));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"配置项 {ReverseProxyOptions.Section}:KnownNetworks 中的“{network}”不是 CIDR 网段（例如 10.0.0.0/8）。"));
            }
        });
        return services;
    }

    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<ReverseProxyOptions>().IsConfigured ? app.UseForwardedHeaders() : app;
    }
}
