using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Accounts;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<User> signIn) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set by the sign-in redirect when the browser still held a session that has ended.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Expired { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "请输入用户名和密码。";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Redirect(Infrastructure.LocalUrl.OrDefault(ReturnUrl, "/work"));
        }

        Error = result.IsLockedOut
            ? "登录失败次数过多，账号已暂时锁定 15 分钟。请稍后再试，或联系管理员解锁。"
            : "用户名或密码不正确。";
        return Page();
    }
}
