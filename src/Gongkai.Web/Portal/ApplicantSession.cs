using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Gongkai.Web.Portal;

/// <summary>
/// The applicant's access to one case without an account: after the receipt code and phone number matched (or right
/// after applying), a cookie protected with the platform's data-protection keys (shared by all nodes through the
/// database) names that one application for 30 minutes. Nothing else is reachable with it.
/// </summary>
public sealed class ApplicantSession(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "gongkai.applicant";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly IDataProtector _protector = protection.CreateProtector("Gongkai.Portal.ApplicantSession.v1");

    public void SignIn(HttpContext context, Guid applicationId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var value = _protector.Protect(applicationId.ToString("N") + "|" + expires.ToString(CultureInfo.InvariantCulture));
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
        });
    }

    /// <summary>The application this visitor may see, or null.</summary>
    public Guid? Current(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|');
            return parts.Length == 2
                   && Guid.TryParseExact(parts[0], "N", out var id)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                   && clock.GetUtcNow().ToUnixTimeSeconds() < expires
                ? id
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void SignOut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }
}
