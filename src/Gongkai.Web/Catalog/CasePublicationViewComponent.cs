using Gongkai.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Catalog;

/// <summary>What the case page shows about 条例第四十四条: the catalogue item drafted from the case, or the way to draft one.</summary>
public sealed record CasePublicationView(Guid ApplicationId, PublishedFromCase? Published, bool CanStart);

/// <summary>The case page's 转为主动公开 section (one line in Applications/Case.cshtml invokes it), for staff of the case's agency.</summary>
public sealed class CasePublicationViewComponent(CasePublication publication, CatalogPublishing publishing, Staff staff) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid applicationId, Guid agencyId, Outcome? outcome, CaseState state)
    {
        if (!staff.IsAgencyStaff || staff.AgencyId != agencyId)
        {
            return Content("");
        }

        var published = await publication.PublishedAsync(applicationId, HttpContext.RequestAborted);
        var canStart = published is null && publishing.Actor.CanDraft && CasePublication.IsDisclosed(outcome)
            && state is CaseState.Replied or CaseState.Delivered or CaseState.Archived;
        return published is null && !canStart
            ? Content("")
            : View("/Catalog/_CasePublication.cshtml", new CasePublicationView(applicationId, published, canStart));
    }
}
