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
        services.AddPublicReads();
        return services;
    }
}
