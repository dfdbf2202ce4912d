using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Demo;

/// <summary>
/// The demo county's assessment: the default quarterly scheme in force since the first quarter of last year, and
/// rectifications to departments without demo accounts — one closed, one overdue, one waiting for verification — so the
/// supervision pages are alive on first start.
/// </summary>
internal static class SupervisionDemoData
{
    public static async Task SeedAsync(GongkaiDbContext db, TimeProvider clock)
    {
        var today = ChinaTime.Today(clock);
        var county = await db.Regions.SingleAsync(r => r.Name == "示范县");
        var office = await db.Agencies.SingleAsync(a => a.Name == "示范县人民政府办公室");
        var now = clock.GetUtcNow().UtcDateTime;
        db.AssessmentSchemes.Add(new AssessmentSchemeRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            RegionId = county.Id,
            Kind = PeriodKind.Quarter,
            Version = 1,
            EffectiveFrom = AssessmentPeriod.OfQuarter(today.Year - 1, 1).Key,
            IndicatorsJson = System.Text.Json.JsonSerializer.Serialize(AssessmentSchemes.DefaultIndicators, Assessments.Json),
            Note = "示范县政府信息公开工作季度考核方案",
            CreatedAtUtc = now,
            CreatedBy = "陈静（监督人）",
        });

        var calendar = WorkingCalendar.Default;
        void Add(string agency, string title, string detail, int daysAgo, int workingDays, RectificationState state, string? answer)
        {
            var raised = today.AddDays(-daysAgo);
            var due = RectificationFlow.DueOn(calendar, raised, workingDays);
            var answeredOn = answer is null ? (DateOnly?)null : (due < today ? due : today);
            db.Rectifications.Add(new RectificationRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                AgencyId = db.Agencies.Local.Single(a => a.Name == agency).Id,
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
                ClosedOn = state == RectificationState.Closed ? answeredOn : null,
                RaisedBy = "陈静（监督人）",
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            });
        }

        await db.Agencies.LoadAsync();
        Add("示范县住房和城乡建设局", "政策解读未与文件关联", "3 件规范性文件的政策解读未链接到所解读的文件，请补充关联。", 60, 15, RectificationState.Closed, "已在目录中为 3 件解读补充关联。");
        Add("示范县人力资源和社会保障局", "主动公开目录超期发布", "部分信息自形成之日起超过 20 个工作日才公开，请说明原因并完善发布流程。", 40, 10, RectificationState.Raised, null);
        Add("示范县市场监督管理局", "政府信息公开指南联系电话有误", "指南中的受理电话与实际不符，请更正。", 5, 15, RectificationState.Answered, "已更正指南中的电话。");
        await db.SaveChangesAsync();
    }
}
