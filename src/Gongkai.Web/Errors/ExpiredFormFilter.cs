using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Gongkai.Web.Errors;

/// <summary>
/// Marks a request refused for a missing or stale antiforgery token (a form left open past its session, or opened
/// before a sign-in), so the status-code page explains "页面已过期" instead of a bare 400. The response stays 400.
/// Razor Pages report the refusal through this filter; minimal-API form endpoints through the antiforgery middleware's
/// <see cref="IAntiforgeryValidationFeature"/>.
/// </summary>
internal sealed class ExpiredFormFilter : IAlwaysRunResultFilter
{
    private static readonly object Key = new();

    /// <summary>True when this request's 400 came from antiforgery validation.</summary>
    public static bool Failed(HttpContext context) =>
        context.Items.ContainsKey(Key) || context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.HttpContext.Items[Key] = true;
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
