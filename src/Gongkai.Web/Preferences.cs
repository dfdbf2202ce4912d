namespace Gongkai.Web;

/// <summary>The large-text (适老化) switch: a cookie, so it works without JavaScript and on every page.</summary>
internal static class Preferences
{
    public static IEndpointRouteBuilder MapPreferences(this IEndpointRouteBuilder app)
    {
        app.MapPost("/preferences/text-size", (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string? size, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            context.Response.Cookies.Append("gk-text", size == "large" ? "large" : "normal", new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            });
            return Results.Redirect(Infrastructure.LocalUrl.OrDefault(returnUrl, "/"));
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
