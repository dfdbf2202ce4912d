using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Errors;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "出错了";

    public string Explanation { get; private set; } = "处理请求时发生错误，已记录。请稍后重试；如果问题持续，请联系管理员。";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
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
            case StatusCodes.Status413PayloadTooLarge:
                Title = "上传的内容太大";
                Explanation = "提交的文件超过了平台允许的大小，已被拒收。请返回上一页，压缩或拆分文件后重新上传。";
                break;
            case StatusCodes.Status429TooManyRequests:
                Title = "提交过于频繁";
                Explanation = "请稍等几分钟再试。";
                break;
            default:
                break;
        }

        Response.StatusCode = code ?? StatusCodes.Status500InternalServerError;
    }
}
