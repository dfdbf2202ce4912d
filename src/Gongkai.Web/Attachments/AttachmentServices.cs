namespace Gongkai.Web.Attachments;

/// <summary>Registers stored files and uploads (configuration section Storage).</summary>
internal static class AttachmentServices
{
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<FileStore>();
        services.AddScoped<AttachmentUploads>();

        // Kestrel and multipart limits follow the upload limit (StorageOptions.RequestLimit explains the margin).
        var requestLimit = StorageOptions.RequestLimit(
            configuration.GetValue(StorageOptions.Section + ":" + nameof(StorageOptions.MaxUploadBytes), StorageOptions.DefaultMaxUploadBytes));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = requestLimit);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.MultipartBodyLengthLimit = requestLimit);
        return services;
    }
}
