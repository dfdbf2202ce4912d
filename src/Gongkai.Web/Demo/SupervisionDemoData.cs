using System.Security.Claims;
using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Demo;

/// <summary>
/// The demo county's supervision: the default quarterly scheme in force since the first quarter of last year; the four
/// quarters of last year assessed from the demo's live data and closed (考核结果定稿) as the demo supervisor would; and
/// rectifications to the departments without demo accounts — closed on time and late, returned and overdue, waiting
/// for verification, open and overdue, open and not yet due — so /supervision, the rankings, the rectification list and
/// the 工作台 are alive on first start. Each part is added only when it is missing, so seeding twice adds nothing.
/// </summary>
internal static class SupervisionDemoData
{
    private const string Supervisor = "陈静（监督人）";

    public static async Task SeedAsync(GongkaiDbContext db, TimeProvider clock, IServiceProvider services)
    {
        var today = ChinaTime.Today(clock);
        var lastYear = today.Year - 1;
        var county = await db.Regions.SingleAsync(r => r.Name == "示范县");
        var office = await db.Agencies.SingleAsync(a => a.Name == "示范县人民政府办公室");
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.AssessmentSchemes.AnyAsync(s => s.RegionId == county.Id && s.Kind == PeriodKind.Quarter))
        {
            db.AssessmentSchemes.Add(new AssessmentSchemeRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                RegionId = county.Id,
                Kind = PeriodKind.Quarter,
                Version = 1,
                EffectiveFrom = AssessmentPeriod.OfQuarter(lastYear, 1).Key,
                IndicatorsJson = JsonSerializer.Serialize(AssessmentSchemes.DefaultIndicators, Assessments.Json),
                Note = "示范县政府信息公开工作季度考核方案",
                CreatedAtUtc = now,
                CreatedBy = Supervisor,
            });
            await db.SaveChangesAsync();
        }

        var assessments = AsSupervisor(services, await db.Users.Where(u => u.UserName == "supervisor").Select(u => u.Id).SingleAsync(), office.Id);
        var calendar = await assessments.CalendarAsync(CancellationToken.None);
        var agencies = await db.Agencies.Where(a => a.RegionId == county.Id).ToDictionaryAsync(a => a.Name, a => a.Id);
        var existing = (await db.Rectifications.Select(r => new { r.AgencyId, r.Title }).ToListAsync()).Select(r => (r.AgencyId, r.Title)).ToHashSet();

        // answeredAfter: working days after raising that the agency answered (null: not answered); the state says the rest.
        void Add(string agency, string title, string detail, DateOnly raised, int workingDays, RectificationState state, int? answeredAfter, string? answer, string? returnReason = null)
        {
            if (existing.Contains((agencies[agency], title)))
            {
                return;
            }

            var due = RectificationFlow.DueOn(calendar, raised, workingDays);
            var answeredOn = answeredAfter is { } after ? Min(calendar.AddWorkingDays(raised, after), today) : (DateOnly?)null;
            db.Rectifications.Add(new RectificationRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                AgencyId = agencies[agency],
                RaisedByAgencyId = office.Id,
                Source = RectificationSource.Manual,
                Title = title,
                Detail = detail,
                RaisedOn = raised,
                WorkingDays = workingDays,
                DueOn = due,
                State = state,
                Answer = answer,
                AnsweredOn = answeredOn,
                ReturnReason = returnReason,
                ClosedOn = state == RectificationState.Closed && answeredOn is { } answered ? Min(calendar.AddWorkingDays(answered, 2), today) : null,
                RaisedBy = Supervisor,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            });
        }

        // Last year, one a quarter: they count in that quarter's 整改按时办结率 and its 通报.
        Add("示范县人力资源和社会保障局", "依申请公开答复书未告知救济途径", "2 份答复书未告知申请人申请行政复议或者提起行政诉讼的途径，请更正并完善答复书模板。",
            new DateOnly(lastYear, 3, 6), 10, RectificationState.Closed, 8, "已更正答复书模板，补充救济途径告知。");
        Add("示范县住房和城乡建设局", "主动公开信息未标注有效性", "规范性文件未标注有效性（有效、失效、废止），请逐件标注。",
            new DateOnly(lastYear, 5, 8), 15, RectificationState.Closed, 18, "已为 12 件规范性文件标注有效性。");
        Add("示范县市场监督管理局", "年度报告第三部分数据与正文不一致", "年度报告表三“本年新收政府信息公开申请数量”与正文所述不一致，请核实更正。",
            new DateOnly(lastYear, 9, 4), 10, RectificationState.Returned, 9, "已核实。", "未说明以哪一处为准，也未发布更正后的年度报告，请更正后重新说明。");
        Add("示范县住房和城乡建设局", "政务公开专栏栏目更新不及时", "“重大建设项目”栏目最近一次更新在半年以前，请补充公开。",
            new DateOnly(lastYear, 11, 13), 20, RectificationState.Closed, 12, "已补充公开 6 条项目批准和实施信息。");

        // This year, relative to the demo's day.
        Add("示范县住房和城乡建设局", "政策解读未与文件关联", "3 件规范性文件的政策解读未链接到所解读的文件，请补充关联。",
            today.AddDays(-60), 15, RectificationState.Closed, 10, "已在目录中为 3 件解读补充关联。");
        Add("示范县人力资源和社会保障局", "主动公开目录超期发布", "部分信息自形成之日起超过 20 个工作日才公开，请说明原因并完善发布流程。",
            today.AddDays(-40), 10, RectificationState.Raised, null, null);
        Add("示范县市场监督管理局", "政府信息公开指南联系电话有误", "指南中的受理电话与实际不符，请更正。",
            today.AddDays(-5), 15, RectificationState.Answered, 2, "已更正指南中的电话。");
        Add("示范县人力资源和社会保障局", "依申请公开受理登记信息不全", "部分申请登记时未记录申请人的联系方式，请补充登记并说明今后如何避免。",
            today.AddDays(-2), 10, RectificationState.Raised, null, null);
        await db.SaveChangesAsync();

        // The four quarters of last year, computed from the live data as the supervisor's page does, then closed in order
        // (each quarter's change from the last reads the stored quarter before it).
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            var period = AssessmentPeriod.OfQuarter(lastYear, quarter);
            if (await db.AssessmentResults.AnyAsync(r => r.RegionId == county.Id && r.PeriodKey == period.Key)
                || await assessments.AssessAsync(county, period, withIds: true, CancellationToken.None) is not { } result)
            {
                continue;
            }

            var closedOn = Min(calendar.AddWorkingDays(period.End, 5), today);
            db.AssessmentResults.Add(new AssessmentResultRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                RegionId = county.Id,
                PeriodKey = period.Key,
                SchemeId = result.Scheme.Id,
                ResultsJson = JsonSerializer.Serialize(result.Ranking, Assessments.Json),
                ClosedAtUtc = Min(closedOn.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), now),
                ClosedBy = Supervisor,
            });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The assessment service as the demo supervisor sees it (their region, their office not assessed).</summary>
    private static Assessments AsSupervisor(IServiceProvider services, Guid userId, Guid officeId)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
            new Claim(ClaimTypes.Name, "supervisor"),
            new Claim(StaffClaims.DisplayName, Supervisor),
            new Claim(StaffClaims.AgencyId, officeId.ToString()),
            new Claim(ClaimTypes.Role, Data.Accounts.Roles.Supervisor),
        ], "demo"));
        var staff = new Staff(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });
        var scope = ActivatorUtilities.CreateInstance<RegionScope>(services, staff);
        var reports = ActivatorUtilities.CreateInstance<SupervisedReports>(services, scope);
        return ActivatorUtilities.CreateInstance<Assessments>(services, scope, reports, staff);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
