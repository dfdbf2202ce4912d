namespace Gongkai.Web.Supervision;

/// <summary>Registers supervision: the region a supervisor oversees, its reports and their collection, assessment and rectification.</summary>
internal static class SupervisionServices
{
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddScoped<RegionScope>();
        services.AddScoped<SupervisedReports>();
        services.AddScoped<ReportCollector>();
        services.AddScoped<Assessments>();
        services.AddScoped<Rectifications>();
        services.AddScoped<SpotChecks>();
        services.AddScoped<Trends>();
        return services;
    }
}
