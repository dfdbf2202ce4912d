using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Errors;

/// <summary>
/// The page behind every error status (re-executed by the status-code and exception middleware, with the original
/// request's method). It binds nothing: a request refused for its antiforgery token must not have its form read again.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "出错了";

    public string Explanation { get; private set; } = "处理请求时发生错误，已记录。请稍后重试；如果问题持续，请联系管理员。";

    // Whatever the method (GET, POST, PUT…): the page has no handlers, so it describes the error before rendering.
    [NonHandler]
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        // The exception handler re-executes "/error", the status-code pages "/error/{code}"; someone who types either
        // address by hand is told there is no such page (and never gets a 500 or a 200 for a made-up code).
        var code = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? StatusCodes.Status500InternalServerError
            : HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
              && int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : StatusCodes.Status404NotFound;
        switch (code)
        {
            case StatusCodes.Status400BadRequest when ExpiredFormFilter.Failed(HttpContext):
                Title = "页面已过期";
                Explanation = "页面已过期（长时间未操作或已重新登录）。请返回上一页，刷新后重新填写并提交；刷新前可先复制已填写的内容。";
                break;
            case StatusCodes.Status400BadRequest:
                Title = "请求无效";
                Explanation = "提交的内容无法处理。请返回上一页，刷新后重试。";
                break;
            case StatusCodes.Status404NotFound:
                Title = "找不到该页面";
                Explanation = "您要找的页面不存在，或者您没有查看它的权限。请检查地址是否正确。";
                break;
            case StatusCodes.Status403Forbidden:
                Title = "没有权限";
                Explanation = "您的账号没有进行该操作的权限。";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                Title = "不支持该操作";
                Explanation = "该页面不接受这种方式的请求。请从页面上的链接或按钮进入。";
                break;
            case StatusCodes.Status413PayloadTooLarge:
                Title = "上传的内容太大";
                Explanation = "提交的文件超过了平台允许的大小，已被拒收。请返回上一页，压缩或拆分文件后重新上传。";
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                Title = "提交的格式不受支持";
                Explanation = "提交的内容格式不是该地址接受的格式。请从页面上的表单提交。";
                break;
            case StatusCodes.Status429TooManyRequests:
                Title = "提交过于频繁";
                Explanation = "请稍等几分钟再试。";
                break;
            default:
                break;
        }

        Response.StatusCode = code;
    }
}
