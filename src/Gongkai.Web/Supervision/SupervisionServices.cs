using Gongkai.Supervision;
using Gongkai.Web.Notifications;

namespace Gongkai.Web.Supervision;

/// <summary>When a year-over-year change is marked large (configuration section <c>Supervision:LargeChange</c>), checked at start-up.</summary>
public sealed class LargeChangeOptions
{
    public const string Section = "Supervision:LargeChange";

    public decimal Percent { get; set; } = LargeChange.Default.Percent;

    public decimal MinimumDifference { get; set; } = LargeChange.Default.MinimumDifference;

    public LargeChange Threshold => new(Percent, MinimumDifference);
}

/// <summary>Registers supervision: the region a supervisor oversees, its reports and their collection, assessment and rectification.</summary>
internal static class SupervisionServices
{
    public static IServiceCollection AddSupervision(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LargeChangeOptions>().Bind(configuration.GetSection(LargeChangeOptions.Section))
            .Validate(o => o.Threshold.Problem is null, "Supervision:LargeChange: Percent must be above 0 and MinimumDifference must not be negative.")
            .ValidateOnStart();
        services.AddScoped<RegionScope>();
        services.AddScoped<SupervisedReports>();
        services.AddScoped<StoredFindings>();
        services.AddScheduledJob<StoredFindingsWarmup>(configuration.GetValue("Supervision:FindingsWarmupEvery", TimeSpan.FromMinutes(1)));
        services.AddScoped<ReportCollector>();
        services.AddScoped<Assessments>();
        services.AddOptions<AssessmentSnapshotOptions>().Bind(configuration.GetSection(AssessmentSnapshotOptions.Section))
            .Validate(o => o.AssessmentRefresh > TimeSpan.Zero && o.AssessmentInlineAgencies >= 0 && o.AssessmentPollEvery > TimeSpan.Zero && o.AssessmentStaleAfter > TimeSpan.Zero,
                "Supervision: AssessmentRefresh, AssessmentPollEvery and AssessmentStaleAfter must be positive and AssessmentInlineAgencies not negative.")
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddScoped<AssessmentSnapshots>();
        services.AddScheduledJob<AssessmentSnapshotWorker>(configuration.GetValue("Supervision:AssessmentPollEvery", TimeSpan.FromSeconds(2)));
        services.AddScoped<Rectifications>();
        services.AddScoped<SpotChecks>();
        services.AddScoped<Trends>();
        return services;
    }
}
