using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Accounts;

[AllowAnonymous]
public sealed class DeniedModel : PageModel
{
}
