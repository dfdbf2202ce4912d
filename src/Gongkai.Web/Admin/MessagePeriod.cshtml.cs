using System.Globalization;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Admin;

/// <summary>
/// 留言答复期限 of the administrator's region in working days (1–60): the row of <c>MessageReplyPeriods</c> for the
/// region, which its agencies and those of regions below it without their own use. Messages received (or transferred)
/// afterwards are due by it; messages already received keep their due dates. Audited.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class MessagePeriodModel(GongkaiDbContext db, Supervision.RegionScope scope, AuditLog audit) : PageModel
{
    public string RegionName { get; private set; } = "";

    /// <summary>The period in force for the region now, and where it comes from.</summary>
    public int Current { get; private set; }

    public string CurrentSource { get; private set; } = "";

    [BindProperty]
    public string? WorkingDays { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        WorkingDays = Current.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var region = (await scope.RootAsync(cancellationToken))!;
        if (!int.TryParse(WorkingDays?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1 || days > MessageDeadlines.MaximumWorkingDays)
        {
            Errors[nameof(WorkingDays)] = string.Create(CultureInfo.InvariantCulture, $"请填写 1 至 {MessageDeadlines.MaximumWorkingDays} 之间的整数（工作日）。");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var row = await db.MessageReplyPeriods.SingleOrDefaultAsync(p => p.RegionId == region.Id, cancellationToken);
        if (row is null)
        {
            row = new MessageReplyPeriod { RegionId = region.Id };
            db.MessageReplyPeriods.Add(row);
        }

        row.WorkingDays = days;
        audit.Record("message.reply-period.set", "Region", region.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{region.Name}留言答复期限设为 {days} 个工作日（原为 {Current} 个工作日，{CurrentSource}）"));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = string.Create(CultureInfo.InvariantCulture, $"已将留言答复期限设为 {days} 个工作日。此后收到（或转入）的留言按新期限计算。");
        return Redirect("/admin/message-period");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await scope.RootAsync(cancellationToken) is not { } region)
        {
            return false;
        }

        RegionName = region.Name;
        var ids = region.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var configured = await db.MessageReplyPeriods.AsNoTracking().Where(p => ids.Contains(p.RegionId)).ToListAsync(cancellationToken);
        var nearest = configured.OrderByDescending(p => ids.IndexOf(p.RegionId)).FirstOrDefault();
        Current = nearest?.WorkingDays ?? MessageDeadlines.DefaultWorkingDays;
        CurrentSource = nearest is null ? "平台默认"
            : nearest.RegionId == region.Id ? "本区域设置"
            : "沿用" + await db.Regions.Where(r => r.Id == nearest.RegionId).Select(r => r.Name).SingleAsync(cancellationToken) + "的设置";
        return true;
    }
}
