namespace Gongkai.Web.Portal;

/// <summary>Registers the public portal's access without an account (configuration section PublicRateLimits).</summary>
internal static class PortalServices
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicRateLimitOptions>().Bind(configuration.GetSection(PublicRateLimitOptions.Section));
        services.AddSingleton<PublicRateLimiter>();
        services.AddSingleton<ApplicantSession>();
        services.AddScoped<CatalogSearch>();
        services.AddOptions<LocalSearchIndexOptions>().Bind(configuration.GetSection(LocalSearchIndexOptions.Section));
        services.AddSingleton<LocalSearchIndex>();
        services.AddHostedService<LocalSearchIndexBuilder>();
        services.AddHealthChecks().AddCheck<LocalSearchIndexHealthCheck>("本节点搜索索引", tags: [Health.Observability.ReadyTag]);
        services.AddPublicReads();
        return services;
    }
}
