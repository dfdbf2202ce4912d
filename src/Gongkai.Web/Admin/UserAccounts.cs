using Gongkai.Data;
using Gongkai.Web.Accounts;
using Gongkai.Web.Supervision;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Admin;

/// <summary>
/// An account as the administration pages list it: <see cref="Lock"/> is its lock now (null when it may sign in);
/// <see cref="FailedAttempts"/> its failed sign-ins of the last day, from <see cref="FailedAddresses"/> addresses.
/// </summary>
public sealed record AccountRow(
    Guid Id, string UserName, string DisplayName, string? Email, Guid AgencyId, string AgencyName, IReadOnlyList<string> Roles,
    SignInBlock? Lock, int FailedAttempts, int FailedAddresses, int Sessions)
{
    public bool IsLocked => Lock is not null;

    /// <summary>"已锁定至 2024-06-17 11:00:00" (after failed sign-ins), or "已锁定" (by an administrator, until unlocked).</summary>
    public string LockText => Lock is { Until: { } until } ? "已锁定至 " + SignInThrottle.Format(until) : "已锁定";
}

/// <summary>
/// The accounts an administrator manages: those of the agencies in the administrator's region subtree. An account
/// outside it is not found.
/// </summary>
public sealed class UserAccounts(GongkaiDbContext db, RegionScope scope, SignInThrottle throttle, TimeProvider clock)
{
    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var agencies = (await scope.AgenciesAsync(cancellationToken)).ToDictionary(a => a.Id, a => a.Name);
        var ids = agencies.Keys.ToList();
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.AgencyId)).ToListAsync(cancellationToken);
        var userIds = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.AsNoTracking().Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var sessions = await db.AuthSessions.AsNoTracking()
            .Where(s => s.UserId != null && userIds.Contains(s.UserId.Value) && (s.ExpiresUtc == null || s.ExpiresUtc > nowUtc))
            .GroupBy(s => s.UserId!.Value).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
        var failures = await throttle.RecentAsync(cancellationToken);
        return [.. users
            .OrderBy(u => agencies.Keys.ToList().IndexOf(u.AgencyId)).ThenBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new AccountRow(
                u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.AgencyId, agencies[u.AgencyId],
                [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => Data.Accounts.Roles.All.ToList().IndexOf(r))],
                throttle.LockOf(u), failures.GetValueOrDefault(u.NormalizedUserName ?? "").Failures, failures.GetValueOrDefault(u.NormalizedUserName ?? "").Addresses,
                sessions.GetValueOrDefault(u.Id)))];
    }

    public async Task<AccountRow?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(a => a.Id == id);

    /// <summary>Identity errors in the form's terms: which field each belongs to ("" for the summary).</summary>
    public static Dictionary<string, string> Errors(IdentityResult result, string passwordField = "Password")
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            var field = error.Code.Contains("Password", StringComparison.Ordinal) ? passwordField
                : error.Code.Contains("UserName", StringComparison.Ordinal) ? "UserName"
                : error.Code.Contains("Email", StringComparison.Ordinal) ? "Email"
                : "";
            errors[field] = errors.TryGetValue(field, out var earlier) ? earlier + error.Description : error.Description;
        }

        return errors;
    }
}
