using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Demo;

/// <summary>
/// 政民互动 of the demo 教育局: a consultation that closed with its feedback published and linked from the final
/// document, and one open now with comments published, waiting and rejected.
/// </summary>
internal static class DemoInteraction
{
    public static async Task SeedAsync(GongkaiDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var agency = await db.Agencies.Where(a => a.Name == "示范县教育局").Select(a => a.Id).SingleAsync(cancellationToken);
        var calendar = (await new CaseRulesProvider(db).GetAsync(cancellationToken)).Calendar;
        var today = ChinaTime.Today(clock);
        var final = await db.CatalogItems.AsNoTracking()
            .Where(i => i.AgencyId == agency && i.SearchKey != null && i.Title.Contains("课后服务"))
            .OrderByDescending(i => i.SearchKey).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        var at = clock.GetUtcNow().UtcDateTime;
        var sequence = 0;

        var closedOn = today.AddDays(-75);
        var closed = New("示范县中小学课后服务实施方案（征求意见稿）", DraftKind.NormativeDocument, closedOn, 30, PeriodUnit.CalendarDays,
            "为规范我县中小学课后服务工作，县教育局起草了《示范县中小学课后服务实施方案（征求意见稿）》，现向社会公开征求意见。",
            "第一条 课后服务由学生自愿参加，学校不得强制或变相强制。\n第二条 课后服务时间原则上不早于当地正常下班时间。\n第三条 课后服务收费标准按照县发展改革部门核定的标准执行，家庭经济困难学生免收。");
        closed.FeedbackNote = "征求意见期间共收到意见 4 条，经审核公开 3 条。我局逐条研究，对合理意见予以吸收，现将采纳情况公布如下。";
        closed.FeedbackPublishedAtUtc = at.AddDays(-30);
        closed.FinalItemId = final;
        var open = New("示范县学前教育资助实施办法（征求意见稿）", DraftKind.NormativeDocument, today.AddDays(-5), 30, PeriodUnit.CalendarDays,
            "为做好学前教育资助工作，县教育局起草了本办法，欢迎社会各界提出意见建议。",
            "第一条 本办法适用于本县经审批设立的普惠性幼儿园在园幼儿。\n第二条 资助对象为家庭经济困难儿童、孤儿和残疾儿童。\n第三条 资助标准为每生每年 1000 元。");
        db.Consultations.AddRange(closed, open);

        Comment(closed, "张先生", "建议延长课后服务时间至 18:30，方便双职工家庭。", CommentStatus.Published, null, Adoption.Adopted, null);
        Comment(closed, null, "课后服务应当增加体育和艺术活动，不要只是写作业。", CommentStatus.Published, null, Adoption.PartlyAdopted, "各校已将体育、艺术活动纳入课后服务，具体安排由学校根据师资确定。");
        Comment(closed, "一位家长", "建议课后服务全部免费。", CommentStatus.Published, null, Adoption.NotAdopted, "课后服务收费按照省、市规定的标准执行，家庭经济困难学生已免收。");
        Comment(closed, null, "广告：课外辅导班招生，电话 138…", CommentStatus.Rejected, "与征求意见内容无关的广告信息。", null, null);
        Comment(open, "李女士", "建议将资助标准提高到每生每年 1500 元。", CommentStatus.Published, null, null, null);
        Comment(open, null, "民办普惠园的幼儿也应纳入资助范围。", CommentStatus.Published, null, null, null);
        Comment(open, "王老师", "请明确资助申请的材料清单和办理时限。", CommentStatus.Pending, null, null, null);
        await db.SaveChangesAsync(cancellationToken);

        Consultation New(string title, DraftKind kind, DateOnly opensOn, int days, PeriodUnit unit, string description, string draft) => new()
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = agency,
            Title = title,
            Kind = kind,
            Description = description,
            DraftText = draft,
            OpensOn = opensOn,
            PeriodDays = days,
            PeriodUnit = unit,
            ClosesOn = ConsultationPeriods.ClosesOn(calendar, opensOn, days, unit),
            OtherChannels = "电话：0373-5000102\n电子邮箱：jyj@example.gov.cn",
            CreatedAtUtc = at,
            CreatedBy = "示范县教育局",
        };

        void Comment(Consultation consultation, string? name, string content, CommentStatus status, string? rejection, Adoption? adoption, string? reason) =>
            db.ConsultationComments.Add(new ConsultationComment
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                ConsultationId = consultation.Id,
                SubmittedAtUtc = new DateTimeOffset(consultation.OpensOn.AddDays(1 + sequence++ % 5).ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset).UtcDateTime,
                Name = name,
                Content = content,
                Status = status,
                RejectionReason = rejection,
                ModeratedAtUtc = status == CommentStatus.Pending ? null : at,
                ModeratedBy = status == CommentStatus.Pending ? null : "示范县教育局",
                Adoption = adoption,
                AdoptionReason = reason,
            });
    }
}
