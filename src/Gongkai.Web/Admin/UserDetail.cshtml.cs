using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Admin;

/// <summary>
/// One account: name, agency and roles; lock and unlock; a new password (which also ends its sessions); ending its
/// sessions on every node (the sessions live in the database). Administrators cannot lock themselves out.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class UserDetailModel(
    UserManager<User> users, UserAccounts accounts, RegionScope scope, Staff staff, AuditLog audit, GongkaiDbContext db, Accounts.SignInThrottle throttle) : PageModel
{
    public AccountRow Account { get; private set; } = null!;

    public IReadOnlyList<ScopedAgency> Agencies { get; private set; } = [];

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    public bool IsSelf => Account.Id == staff.UserId;

    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public Guid? AgencyId { get; set; }

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        DisplayName = Account.DisplayName;
        Email = Account.Email;
        AgencyId = Account.AgencyId;
        SelectedRoles = [.. Account.Roles];
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Trim().Length > 100)
        {
            Errors[nameof(DisplayName)] = "请填写姓名（不超过100个字）。";
        }

        if (AgencyId is not { } agencyId || Agencies.All(a => a.Id != agencyId))
        {
            Errors[nameof(AgencyId)] = "请选择账号所属的机关。";
        }

        SelectedRoles = [.. SelectedRoles.Where(Roles.All.Contains).Distinct()];
        if (SelectedRoles.Count == 0)
        {
            Errors[nameof(SelectedRoles)] = "请至少选择一个角色。";
        }
        else if (IsSelf && !SelectedRoles.Contains(Roles.Administrator))
        {
            Errors[nameof(SelectedRoles)] = "不能取消自己的管理员角色：请由另一位管理员操作。";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        user.DisplayName = DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        user.AgencyId = AgencyId!.Value;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            Errors = UserAccounts.Errors(updated);
            return Page();
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(SelectedRoles));
        await users.AddToRolesAsync(user, SelectedRoles.Except(current));

        // Roles and agency are read from the sign-in claims: the account signs in again to get the new ones.
        var ended = await EndSessionsAsync(user);
        audit.Record("user.updated", "User", user.Id.ToString(),
            $"修改账号 {user.UserName}：{user.DisplayName}，{Agencies.Single(a => a.Id == user.AgencyId).Name}，{string.Join("、", SelectedRoles.Select(Roles.Title))}", user.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = ended > 0 ? $"已保存。该账号的 {ended} 个登录会话已结束，重新登录后按新的机关和角色工作。" : "已保存。";
        return Redirect($"/admin/users/{id}");
    }

    public async Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        if (IsSelf)
        {
            Errors[""] = "不能锁定自己的账号。";
            return Page();
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        var ended = await EndSessionsAsync(user);
        audit.Record("user.locked", "User", user.Id.ToString(), $"锁定账号 {user.UserName}，结束 {ended} 个登录会话", user.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"已锁定 {user.UserName}，该账号不能再登录，已有的登录会话已结束。";
        return Redirect($"/admin/users/{id}");
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        // Unlocking also forgets the failed sign-ins, so that the next one does not lock or slow the account at once.
        var failures = Account.FailedAttempts;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await throttle.ForgetAsync(user, cancellationToken);
        var done = Account.IsLocked
            ? $"解锁账号 {user.UserName}" + (failures > 0 ? $"，清除 {failures} 次登录失败记录" : "")
            : $"清除账号 {user.UserName} 的 {failures} 次登录失败记录";
        audit.Record("user.unlocked", "User", user.Id.ToString(), done, user.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = Account.IsLocked ? $"已解锁 {user.UserName}。" : $"已清除 {user.UserName} 的登录失败记录。";
        return Redirect($"/admin/users/{id}");
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        if (NewPassword != ConfirmPassword)
        {
            Errors[nameof(ConfirmPassword)] = "两次输入的密码不一致。";
            return Page();
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, NewPassword ?? "");
        if (!reset.Succeeded)
        {
            Errors = UserAccounts.Errors(reset, nameof(NewPassword));
            return Page();
        }

        var ended = await EndSessionsAsync(user);
        audit.Record("user.password-reset", "User", user.Id.ToString(), $"重置账号 {user.UserName} 的密码，结束 {ended} 个登录会话", user.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"已为 {user.UserName} 设置新密码，该账号原有的登录会话已结束。";
        return Redirect($"/admin/users/{id}");
    }

    public async Task<IActionResult> OnPostEndSessionsAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        var ended = await EndSessionsAsync(user);
        audit.Record("user.sessions-ended", "User", user.Id.ToString(), $"结束账号 {user.UserName} 的 {ended} 个登录会话", user.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"已结束 {user.UserName} 的 {ended} 个登录会话。";
        return IsSelf ? Redirect("/accounts/login") : Redirect($"/admin/users/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(id, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        Agencies = await scope.AgenciesAsync(cancellationToken);
        return true;
    }

    // Sessions are server-side: deleting them signs the account out on every node at its next request.
    private async Task<int> EndSessionsAsync(User user)
    {
        await users.UpdateSecurityStampAsync(user);
        return await db.AuthSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync();
    }
}
