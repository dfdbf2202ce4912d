using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Gongkai.Web.Errors;

/// <summary>
/// A request whose announced body is larger than its endpoint accepts is answered 413 ("上传的内容太大") before
/// anything reads it. Read anyway, the body would fail half-way inside the antiforgery check, which would call the
/// page expired.
/// </summary>
internal static class RequestSizeCheck
{
    public static IApplicationBuilder UseRequestSizeCheck(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                        ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            // The error page that explains the 413 is the same request again: it must not be refused in turn.
            if (context.Request.ContentLength > limit && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            return next(context);
        });
}
