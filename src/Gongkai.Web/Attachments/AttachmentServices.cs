namespace Gongkai.Web.Attachments;

/// <summary>Registers the file store and uploads (configuration section Storage).</summary>
internal static class AttachmentServices
{
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        var provider = configuration[StorageOptions.Section + ":" + nameof(StorageOptions.Provider)] is { Length: > 0 } configured
            ? configured.Trim()
            : StorageOptions.LocalProvider;
        if (string.Equals(provider, StorageOptions.LocalProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IFileStore, LocalFileStore>();
        }
        else if (string.Equals(provider, StorageOptions.DatabaseProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IFileStore, DatabaseFileStore>();
        }
        else
        {
            throw new InvalidOperationException(
                $"未知的文件存储方式“{provider}”。请把 Storage:Provider 设为 {StorageOptions.LocalProvider}（本机目录）或 {StorageOptions.DatabaseProvider}（数据库，多节点共享）。");
        }

        services.AddScoped<AttachmentUploads>();

        // Kestrel and multipart limits follow the upload limit (StorageOptions.RequestLimit explains the margin).
        var requestLimit = StorageOptions.RequestLimit(
            configuration.GetValue(StorageOptions.Section + ":" + nameof(StorageOptions.MaxUploadBytes), StorageOptions.DefaultMaxUploadBytes));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = requestLimit);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.MultipartBodyLengthLimit = requestLimit);
        return services;
    }
}
