using System.Security.Claims;
using Gongkai.Data.Accounts;

namespace Gongkai.Web.Infrastructure;

/// <summary>Claim types the platform adds to a signed-in user.</summary>
internal static class StaffClaims
{
    public const string AgencyId = "gongkai:agency";
    public const string DisplayName = "gongkai:name";
}

/// <summary>
/// Who is making the request, from the sign-in claims (no database round trip): user, agency and roles.
/// Anonymous requests get <see cref="IsSignedIn"/> false.
/// </summary>
public sealed class Staff
{
    public Staff(IHttpContextAccessor accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        var user = accessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        Principal = user;
        IsSignedIn = true;
        UserId = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        UserName = user.Identity.Name ?? "";
        DisplayName = user.FindFirstValue(StaffClaims.DisplayName) ?? UserName;
        AgencyId = Guid.TryParse(user.FindFirstValue(StaffClaims.AgencyId), out var agency) ? agency : Guid.Empty;
    }

    public ClaimsPrincipal? Principal { get; }

    public bool IsSignedIn { get; }

    public Guid UserId { get; }

    public string UserName { get; } = "";

    public string DisplayName { get; } = "";

    public Guid AgencyId { get; }

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    /// <summary>Handlers and reviewers change cases (their letters, files and review records); others only read them.</summary>
    public bool CanHandleCases => IsInRole(Roles.Handler) || IsInRole(Roles.Reviewer);

    /// <summary>Agency staff (handlers, reviewers, publishers, administrators) work on their own agency's records.</summary>
    public bool IsAgencyStaff => IsInRole(Roles.Handler) || IsInRole(Roles.Reviewer) || IsInRole(Roles.Publisher) || IsInRole(Roles.Administrator);
}

/// <summary>Adds the agency and display name to the sign-in principal.</summary>
internal sealed class StaffClaimsFactory(
    Microsoft.AspNetCore.Identity.UserManager<User> users,
    Microsoft.AspNetCore.Identity.RoleManager<Role> roles,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> options)
    : Microsoft.AspNetCore.Identity.UserClaimsPrincipalFactory<User, Role>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.AgencyId, user.AgencyId.ToString()));
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
