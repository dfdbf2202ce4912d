using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal;

/// <summary>
/// An agency's 政府信息公开指南 (条例第十二条), generated from its settings: the disclosure office with address, hours
/// and contacts, how to apply by each channel it accepts, the periods, the fees of 国办函〔2020〕109号 and the remedies.
/// </summary>
[AllowAnonymous]
public sealed class GuideModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db, TimeProvider clock) : PageModel
{
    public Agency Agency { get; private set; } = null!;

    /// <summary>Where complaints go (条例第五十一条): the region's disclosure office or government, when it is not this agency.</summary>
    public Agency? Supervisor { get; private set; }

    public IReadOnlyList<ReceiptChannel> Channels { get; private set; } = [];

    public int PublishedCount { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().Include(a => a.Region).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        Agency = agency;
        Supervisor = await db.Agencies.AsNoTracking()
            .Where(a => a.RegionId == agency.RegionId && a.Id != agency.Id && (a.Kind == AgencyKind.DisclosureOffice || a.Kind == AgencyKind.Government))
            .OrderByDescending(a => a.Kind == AgencyKind.DisclosureOffice)
            .FirstOrDefaultAsync(cancellationToken);
        Channels = [.. Enum.GetValues<ReceiptChannel>().Where(c => (agency.AcceptedChannels & (1 << (int)c)) != 0)];
        PublishedCount = await PortalQueries.Published(db).CountAsync(i => i.AgencyId == id, cancellationToken);
        Today = ChinaTime.Today(clock);
        return Page();
    }

    /// <summary>What to do for a channel, with this agency's address, e-mail or fax filled in.</summary>
    public string HowTo(ReceiptChannel channel) => channel switch
    {
        ReceiptChannel.Online => "通过本平台的在线申请页面填写并提交申请表。",
        ReceiptChannel.InPerson => $"在办公时间到{Agency.Address ?? "受理机构"}当面提交书面申请。",
        ReceiptChannel.PostWithSignature => $"以挂号信或特快专递寄至{Agency.Address ?? "受理机构地址"}{(Agency.PostalCode is null ? "" : "（邮政编码 " + Agency.PostalCode + "）")}，请在信封左下角注明“政府信息公开申请”字样。",
        ReceiptChannel.OrdinaryLetter => $"以平常信函寄至{Agency.Address ?? "受理机构地址"}，请在信封上注明“政府信息公开申请”；本机关收到后与您电话确认。",
        ReceiptChannel.Email => $"将申请表发送至电子邮箱 {Agency.Email ?? "（未登记）"}，本机关收到后回复确认。",
        ReceiptChannel.Fax => $"将申请表传真至 {Agency.Fax ?? "（未登记）"}，并电话确认对方已收到。",
        _ => "",
    };
}
