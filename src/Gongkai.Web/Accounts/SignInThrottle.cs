using System.Globalization;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Accounts;

/// <summary>Configuration section "SignInThrottle": when failed sign-ins slow down further attempts, and when they lock an account.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignInThrottle";

    /// <summary>Failures of one account from one address before each further attempt has to wait.</summary>
    public int FreeFailures { get; set; } = 3;

    /// <summary>Failures from one address within <see cref="AddressWindowMinutes"/>, all accounts together, before attempts from it wait.</summary>
    public int AddressFreeFailures { get; set; } = 20;

    public int AddressWindowMinutes { get; set; } = 60;

    /// <summary>The first wait; each further failure doubles it, up to <see cref="MaxDelayMinutes"/>.</summary>
    public int FirstDelaySeconds { get; set; } = 5;

    public int MaxDelayMinutes { get; set; } = 15;

    /// <summary>An account is locked when, within <see cref="WindowHours"/>, it failed this often…</summary>
    public int LockFailures { get; set; } = 50;

    /// <summary>…from at least this many addresses: a distributed attack, which the per-address waits cannot slow.</summary>
    public int LockAddresses { get; set; } = 10;

    public int LockMinutes { get; set; } = 60;

    /// <summary>How long failures count (and are kept).</summary>
    public int WindowHours { get; set; } = 24;
}

/// <summary>Why a sign-in is refused before the password is checked.</summary>
public enum SignInRefusal
{
    /// <summary>Too many recent failures of this account from this address, or from this address altogether: wait.</summary>
    Throttled,

    /// <summary>Locked after a distributed attack, until a time (or until an administrator unlocks it).</summary>
    Locked,

    /// <summary>Locked by an administrator, with no end.</summary>
    LockedByAdministrator,
}

/// <summary>A refused sign-in and until when (China time); for <see cref="SignInRefusal.LockedByAdministrator"/> no time.</summary>
public sealed record SignInBlock(SignInRefusal Refusal, DateTimeOffset? Until)
{
    /// <summary>What the sign-in page says.</summary>
    public string Message => Refusal switch
    {
        SignInRefusal.Throttled => $"登录失败次数较多，为保护账号，请于 {SignInThrottle.Format(Until!.Value)}（北京时间）之后再试。",
        SignInRefusal.Locked => $"该账号因多次登录失败已被锁定，{SignInThrottle.Format(Until!.Value)}（北京时间）自动解锁；需要提前解锁请联系系统管理员。",
        _ => "该账号已被管理员锁定，不能登录。请联系系统管理员解锁。",
    };
}

/// <summary>
/// Slows password guessing without handing an attacker a way to lock staff out. Failures are counted per account
/// and client address, and per address: after a few, each further attempt from that address waits twice as long as
/// the last (5 s, 10 s, 20 s … up to 15 minutes), while the real user signing in from another address is not
/// slowed at all. An account is locked (for an hour, renewed while the attack goes on) only when it fails from many
/// addresses at once. Failures are rows in the database, so all app nodes count the same; locks and unlocks are
/// audited.
/// </summary>
public sealed class SignInThrottle(GongkaiDbContext db, UserManager<User> users, AuditLog audit, TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    private readonly SignInThrottleOptions _options = options.Value;

    /// <summary>A time as the sign-in page and the account page write it, e.g. "2024-06-17 10:00:05".</summary>
    public static string Format(DateTimeOffset time) => time.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The lock on an account now (by the clock the platform runs on), or null.</summary>
    public SignInBlock? LockOf(User? user)
    {
        if (user?.LockoutEnd is not { } end)
        {
            return null;
        }

        return end == DateTimeOffset.MaxValue ? new SignInBlock(SignInRefusal.LockedByAdministrator, null)
            : end > clock.GetUtcNow() ? new SignInBlock(SignInRefusal.Locked, end.ToOffset(ChinaTime.Offset))
            : null;
    }

    /// <summary>Why an attempt to sign in as <paramref name="userName"/> from <paramref name="address"/> must not be tried now, or null.</summary>
    public async Task<SignInBlock?> CheckAsync(string userName, User? user, string address, CancellationToken cancellationToken = default)
    {
        if (LockOf(user) is { } locked)
        {
            return locked;
        }

        var now = clock.GetUtcNow();
        var name = Normalize(userName);
        var key = Key(address);
        var day = now.UtcDateTime.AddHours(-_options.WindowHours);
        var window = now.UtcDateTime.AddMinutes(-_options.AddressWindowMinutes);
        var until = Later(
            await WaitAsync(db.SignInFailures.Where(f => f.UserName == name && f.Address == key && f.AtUtc > day), _options.FreeFailures, cancellationToken),
            await WaitAsync(db.SignInFailures.Where(f => f.Address == key && f.AtUtc > window), _options.AddressFreeFailures, cancellationToken));
        return until is { } time && time > now ? new SignInBlock(SignInRefusal.Throttled, time.ToOffset(ChinaTime.Offset)) : null;
    }

    /// <summary>
    /// Records a failed attempt (for an account or for a name no account has) and locks the account when failures
    /// from many addresses show a distributed attack. Returns the lock when this failure caused one.
    /// </summary>
    public async Task<SignInBlock?> FailedAsync(string userName, User? user, string address, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var name = Normalize(userName);
        var day = now.UtcDateTime.AddHours(-_options.WindowHours);
        await db.SignInFailures.Where(f => f.AtUtc <= day).ExecuteDeleteAsync(cancellationToken);
        db.SignInFailures.Add(new SignInFailure { Id = Guid.CreateVersion7(now), AtUtc = now.UtcDateTime, UserName = name, Address = Key(address) });
        await db.SaveChangesAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var recent = db.SignInFailures.AsNoTracking().Where(f => f.UserName == name && f.AtUtc > day);
        var count = await recent.CountAsync(cancellationToken);
        var addresses = count < _options.LockFailures ? 0 : await recent.Select(f => f.Address).Distinct().CountAsync(cancellationToken);
        if (count < _options.LockFailures || addresses < _options.LockAddresses)
        {
            return null;
        }

        var until = now.AddMinutes(_options.LockMinutes);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, until);
        audit.Record("user.locked", "User", user.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"自动锁定账号 {user.UserName} 至 {Format(until)}：{_options.WindowHours} 小时内来自 {addresses} 个地址的 {count} 次登录失败"),
            user.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        return new SignInBlock(SignInRefusal.Locked, until.ToOffset(ChinaTime.Offset));
    }

    /// <summary>A successful sign-in clears this account's failures from this address (not those from elsewhere).</summary>
    public async Task SucceededAsync(string userName, string address, CancellationToken cancellationToken = default)
    {
        var name = Normalize(userName);
        var key = Key(address);
        await db.SignInFailures.Where(f => f.UserName == name && f.Address == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>An administrator's unlock forgets the account's failures, so that the next one does not lock it again at once.</summary>
    public async Task ForgetAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = Normalize(user.UserName ?? "");
        await db.SignInFailures.Where(f => f.UserName == name).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Each account's recent failures and the addresses they came from, for the accounts page.</summary>
    public async Task<Dictionary<string, (int Failures, int Addresses)>> RecentAsync(CancellationToken cancellationToken = default)
    {
        var day = clock.GetUtcNow().UtcDateTime.AddHours(-_options.WindowHours);
        return await db.SignInFailures.AsNoTracking().Where(f => f.AtUtc > day)
            .GroupBy(f => f.UserName)
            .Select(g => new { g.Key, Count = g.Count(), Addresses = g.Select(f => f.Address).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => (x.Count, x.Addresses), StringComparer.Ordinal, cancellationToken);
    }

    public string Normalize(string userName)
    {
        var normalized = users.NormalizeName(userName.Trim()) ?? "";
        return normalized.Length > SignInFailure.UserNameLength ? normalized[..SignInFailure.UserNameLength] : normalized;
    }

    private static string Key(string address) => address.Length > SignInFailure.AddressLength ? address[..SignInFailure.AddressLength] : address;

    /// <summary>When the next attempt may be made after the failures, free ones first, then each waiting twice as long as the last.</summary>
    private async Task<DateTimeOffset?> WaitAsync(IQueryable<SignInFailure> failures, int free, CancellationToken cancellationToken)
    {
        var count = await failures.CountAsync(cancellationToken);
        if (count < free)
        {
            return null;
        }

        var last = await failures.MaxAsync(f => f.AtUtc, cancellationToken);

        var doublings = Math.Min(count - free, 20);
        var delay = TimeSpan.FromSeconds(_options.FirstDelaySeconds * Math.Pow(2, doublings));
        var max = TimeSpan.FromMinutes(_options.MaxDelayMinutes);
        return new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)) + (delay > max ? max : delay);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
