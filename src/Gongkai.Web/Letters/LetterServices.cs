using Gongkai.Web.Attachments;
using Gongkai.Web.Portal;

namespace Gongkai.Web.Letters;

/// <summary>Registers letters, stored files and the applicant's public access (configuration sections Letters, Storage, PublicRateLimits).</summary>
internal static class CaseDocumentServices
{
    public static IServiceCollection AddCaseDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LetterOptions>().Bind(configuration.GetSection(LetterOptions.Section));
        services.AddSingleton<LibreOfficePdf>();
        services.AddScoped<LetterDrafts>();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<FileStore>();
        services.AddScoped<AttachmentUploads>();
        services.AddOptions<PublicRateLimitOptions>().Bind(configuration.GetSection(PublicRateLimitOptions.Section));
        services.AddSingleton<PublicRateLimiter>();
        services.AddSingleton<ApplicantSession>();

        // Kestrel and multipart limits follow the upload limit (StorageOptions.RequestLimit explains the margin).
        var requestLimit = StorageOptions.RequestLimit(
            configuration.GetValue(StorageOptions.Section + ":" + nameof(StorageOptions.MaxUploadBytes), StorageOptions.DefaultMaxUploadBytes));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = requestLimit);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.MultipartBodyLengthLimit = requestLimit);
        return services;
    }
}
