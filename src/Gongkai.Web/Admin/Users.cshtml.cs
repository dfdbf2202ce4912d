using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Admin;

/// <summary>The accounts of the administrator's region subtree, with roles, lock state and open sessions.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class UsersModel(UserAccounts accounts) : PageModel
{
    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await accounts.ListAsync(cancellationToken);
}
