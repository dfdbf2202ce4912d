using Gongkai.Interaction;
using Gongkai.Web.Work;

namespace Gongkai.Web.Channels;

/// <summary>How channels are checked (configuration section <c>Channels</c>).</summary>
public sealed class ChannelOptions
{
    public const string Section = "Channels";

    /// <summary>Calendar days a new-media account may go without an update before it is flagged (the inspection's 两周).</summary>
    public int StaleAfterDays { get; set; } = ChannelRules.DefaultStaleAfterDays;
}

/// <summary>Registers 公开渠道: the agency's channels page, the catalogue's channel choice and the 工作台 section of stale accounts.</summary>
internal static class ChannelServices
{
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelOptions>().Bind(configuration.GetSection(ChannelOptions.Section))
            .Validate(o => o.StaleAfterDays is >= 1 and <= 365, "Channels:StaleAfterDays must be between 1 and 365.")
            .ValidateOnStart();
        services.AddScoped<ChannelBook>();
        services.AddInboxSource<ChannelInbox>();
        return services;
    }
}
