using Gongkai.Web.Notifications;
using Gongkai.Web.Work;

namespace Gongkai.Web.Letters;

/// <summary>
/// Registers the letters feature (configuration section Letters), with the background PDF worker on every node every
/// <c>Letters:PdfPollEvery</c> (default 2 s) and the removal of superseded PDFs every <c>Letters:PdfCleanupEvery</c> (1 h).
/// </summary>
internal static class LetterServices
{
    public static IServiceCollection AddLetters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LetterOptions>().Bind(configuration.GetSection(LetterOptions.Section));
        services.AddSingleton<LibreOfficePdf>();
        services.AddSingleton<IPdfConverter>(sp => sp.GetRequiredService<LibreOfficePdf>());
        services.AddScoped<LetterPdfJobs>();
        services.AddScheduledJob<LetterPdfWorker>(configuration.GetValue("Letters:PdfPollEvery", TimeSpan.FromSeconds(2)));
        services.AddScheduledJob<LetterPdfCleanup>(configuration.GetValue("Letters:PdfCleanupEvery", TimeSpan.FromHours(1)));
        services.AddScoped<LetterDrafts>();
        services.AddInboxSource<LetterInbox>();
        return services;
    }
}
