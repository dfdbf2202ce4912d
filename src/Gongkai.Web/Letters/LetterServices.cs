using Gongkai.Web.Work;

namespace Gongkai.Web.Letters;

/// <summary>Registers the letters feature (configuration section Letters).</summary>
internal static class LetterServices
{
    public static IServiceCollection AddLetters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LetterOptions>().Bind(configuration.GetSection(LetterOptions.Section));
        services.AddSingleton<LibreOfficePdf>();
        services.AddScoped<LetterDrafts>();
        services.AddInboxSource<LetterInbox>();
        return services;
    }
}
