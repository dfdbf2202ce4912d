using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Accounts;

/// <summary>
/// Staff sign-in. Failed attempts are throttled per account and client address (<see cref="SignInThrottle"/>): a
/// refused attempt is told until when, in China time, and its password is not checked.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, SignInThrottle throttle) : PageModel
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

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "请输入用户名和密码。";
            return Page();
        }

        var name = UserName.Trim();
        var address = ClientAddress.Key(HttpContext);
        var user = await users.FindByNameAsync(name);
        if (await throttle.CheckAsync(name, user, address, cancellationToken) is { } refused)
        {
            Error = refused.Message;
            return Page();
        }

        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(name, address, cancellationToken);
            return Redirect(LocalUrl.OrDefault(ReturnUrl, "/work"));
        }

        if (result.IsLockedOut)
        {
            Error = (throttle.LockOf(user) ?? new SignInBlock(SignInRefusal.LockedByAdministrator, null)).Message;
            return Page();
        }

        Error = (await throttle.FailedAsync(name, user, address, cancellationToken))?.Message ?? "用户名或密码不正确。";
        return Page();
    }
}
