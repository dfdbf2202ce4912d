using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Admin;

/// <summary>Creates an account: agency, roles and an initial password under the platform's password rules.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class UserNewModel(UserManager<User> users, RegionScope scope, AuditLog audit, GongkaiDbContext db) : PageModel
{
    public IReadOnlyList<ScopedAgency> Agencies { get; private set; } = [];

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public Guid? AgencyId { get; set; }

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) => Agencies = await scope.AgenciesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Agencies = await scope.AgenciesAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(UserName))
        {
            Errors[nameof(UserName)] = "请填写用户名（字母、数字和 -._@，用于登录）。";
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

        if (Password != ConfirmPassword)
        {
            Errors[nameof(ConfirmPassword)] = "两次输入的密码不一致。";
        }

        var user = new User
        {
            UserName = UserName.Trim(),
            DisplayName = DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
            EmailConfirmed = true,
            AgencyId = AgencyId ?? Guid.Empty,
        };
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, Password ?? "");
            foreach (var (field, message) in UserAccounts.Errors(checkedPassword))
            {
                Errors.TryAdd(field, message);
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var created = await users.CreateAsync(user, Password!);
        if (!created.Succeeded)
        {
            Errors = UserAccounts.Errors(created);
            return Page();
        }

        await users.AddToRolesAsync(user, SelectedRoles);
        var agency = Agencies.Single(a => a.Id == user.AgencyId);
        audit.Record("user.created", "User", user.Id.ToString(),
            $"新建账号 {user.UserName}（{user.DisplayName}，{agency.Name}，{string.Join("、", SelectedRoles.Select(Roles.Title))}）", agency.Id);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"已新建账号 {user.UserName}。请把初始密码告知本人，并提醒其妥善保管。";
        return Redirect($"/admin/users/{user.Id}");
    }
}
