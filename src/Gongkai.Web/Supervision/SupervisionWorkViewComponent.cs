using Gongkai.Data.Accounts;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Supervision;

/// <summary>What the 工作台 shows about supervision: an agency's open rectifications; a supervisor's reports not submitted, rectifications awaiting verification or overdue, and the current period.</summary>
public sealed record SupervisionWork(
    IReadOnlyList<RectificationRecord> AgencyRectifications,
    bool IsSupervisor,
    int ReportYear,
    IReadOnlyList<SupervisedReport> NotSubmitted,
    IReadOnlyList<RectificationRecord> AwaitingVerification,
    IReadOnlyList<RectificationRecord> Overdue,
    AssessmentPeriod CurrentPeriod,
    DateOnly Today);

/// <summary>The supervision part of the 工作台 (one line in Work/Index.cshtml invokes it).</summary>
public sealed class SupervisionWorkViewComponent(Rectifications rectifications, SupervisedReports reports, Staff staff) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var today = rectifications.Today;
        IReadOnlyList<RectificationRecord> own = staff.IsAgencyStaff ? await rectifications.OpenForAgencyAsync(staff.AgencyId, cancellationToken) : [];
        var isSupervisor = staff.IsInRole(Roles.Supervisor);
        IReadOnlyList<SupervisedReport> missing = [];
        IReadOnlyList<RectificationRecord> awaiting = [];
        IReadOnlyList<RectificationRecord> overdue = [];
        if (isSupervisor)
        {
            missing = [.. (await reports.ForYearAsync(today.Year - 1, withFindings: false, cancellationToken)).Where(r => r.Source == ReportSource.None && r.Agency.Id != staff.AgencyId)];
            var inScope = await rectifications.InScopeAsync(cancellationToken);
            awaiting = [.. inScope.Where(r => r.State == RectificationState.Answered)];
            overdue = [.. inScope.Where(r => RectificationFlow.IsOverdue(r.State, r.DueOn, today))];
        }

        return View("/Supervision/_SupervisionWork.cshtml",
            new SupervisionWork(own, isSupervisor, today.Year - 1, missing, awaiting, overdue, AssessmentPeriod.Containing(today, PeriodKind.Quarter), today));
    }
}
