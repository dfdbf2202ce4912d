using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Gongkai.Web.Errors;

/// <summary>
/// A request that matches none of a page's handlers (a POST to a page with only named handlers, an unknown
/// <c>?handler=</c>, a PUT) is refused with 404 or 405. Razor Pages would otherwise render the page with none of its
/// handlers run, that is with its model never loaded. A GET of a page that has no GET handler at all (the login page)
/// still renders it.
/// </summary>
internal sealed class MissingHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HandlerMethod is not null || context.HandlerInstance is ErrorModel)
        {
            return next();
        }

        var method = context.HttpContext.Request.Method;
        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var forMethod = context.ActionDescriptor.HandlerMethods
            .Where(h => string.Equals(h.HttpMethod, isRead ? HttpMethods.Get : method, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (isRead && forMethod.Count == 0)
        {
            return next();
        }

        context.Result = new StatusCodeResult(forMethod.Count == 0 ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound);
        return Task.CompletedTask;
    }
}
