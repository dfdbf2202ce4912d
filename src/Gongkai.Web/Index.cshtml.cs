using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web;

public sealed class IndexModel : PageModel
{
}
