using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
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
        await SeedMessagesAsync(db, clock, calendar, agency, cancellationToken);
        await SeedChannelsAsync(db, clock, agency, cancellationToken);

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

    /// <summary>
    /// 留言 of the 教育局 in every state: new, overdue, a draft, submitted, returned, approved, answered and published
    /// (rated 满意), answered without consent to publish (rated 不满意 with its reason), and one transferred in from the
    /// 自然资源局 with both agencies in its history; and two FAQ entries for 智能问答.
    /// </summary>
    /// <summary>
    /// The 教育局's channels: a WeChat account updated two days ago, a Weibo account 20 days ago (stale at the default 14),
    /// the 政务公开专区 and a reading room; every third published item also went out on WeChat; monthly counts of last
    /// year and of this year's months so far — so that section 一's panel has figures on first start.
    /// </summary>
    private static async Task SeedChannelsAsync(GongkaiDbContext db, TimeProvider clock, Guid agency, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var at = clock.GetUtcNow().UtcDateTime;
        var wechat = Channel(ChannelKind.WeChat, "示范教育", "微信公众号 sfx-jiaoyu", "王芳（办公室）", today.AddDays(-2));
        var weibo = Channel(ChannelKind.Weibo, "示范县教育局", "weibo.com/sfxjyj", "赵强（办公室）", today.AddDays(-20));
        db.PublicationChannels.AddRange(
            wechat,
            weibo,
            Channel(ChannelKind.ServiceCentre, "县政务服务中心政务公开专区", "示范县人民路 8 号政务服务中心一楼", "孙丽（政务公开专区）", null),
            Channel(ChannelKind.ReadingRoom, "示范县档案馆政府信息查阅室", "示范县文化路 3 号县档案馆二楼", "周敏（县档案馆）", null));
        var items = await db.CatalogItems.AsNoTracking()
            .Where(i => i.AgencyId == agency && i.SearchKey != null)
            .OrderBy(i => i.SearchKey).Select(i => i.Id).ToListAsync(cancellationToken);
        db.CatalogItemChannels.AddRange(items.Where((_, index) => index % 3 == 0).Select(id => new CatalogItemChannel { CatalogItemId = id, ChannelId = wechat.Id }));
        for (var month = new DateOnly(today.Year - 1, 1, 1); month < new DateOnly(today.Year, today.Month, 1); month = month.AddMonths(1))
        {
            Count(wechat, month, 20 + month.Month, "公众号后台“发表记录”导出");
            Count(weibo, month, 6 + (month.Month % 4), "微博后台“内容管理”统计");
        }

        await db.SaveChangesAsync(cancellationToken);

        PublicationChannel Channel(ChannelKind kind, string name, string address, string responsible, DateOnly? lastUpdated) => new()
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = agency,
            Kind = kind,
            Name = name,
            Address = address,
            Responsible = responsible,
            LastUpdatedOn = lastUpdated,
            OpenedOn = new DateOnly(today.Year - 1, 1, 1),
            UpdatedAtUtc = at,
        };

        void Count(PublicationChannel channel, DateOnly month, int count, string source) => db.ChannelMonthlyCounts.Add(new ChannelMonthlyCount
        {
            ChannelId = channel.Id,
            Year = month.Year,
            Month = month.Month,
            Count = count,
            Source = source,
            EnteredBy = "王芳（发布人）",
            EnteredAtUtc = at,
        });
    }

    private static async Task SeedMessagesAsync(GongkaiDbContext db, TimeProvider clock, Gongkai.Calendar.WorkingCalendar calendar, Guid agency, CancellationToken cancellationToken)
    {
        var resources = await db.Agencies.Where(a => a.Name == "示范县自然资源局").Select(a => a.Id).SingleAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        var days = MessageDeadlines.DefaultWorkingDays;
        var line = 0;
        Add(1, MessageCategory.Inquiry, "小学入学需要准备哪些材料", "孩子今年满六周岁，户籍在城关镇，请问报名需要准备哪些材料？我的电话13800138000。", "王女士", true, null, null);
        Add(12, MessageCategory.Complaint, "校车接送时间不合理", "学校校车早上6点就到村口，孩子太早起床，希望调整。", null, false, null, null);
        Add(2, MessageCategory.Suggestion, "建议增加课后服务的体育项目", "建议课后服务增加篮球、足球等体育项目。", "刘先生", true, LetterStatus.Draft, "感谢您的建议。我局将指导各校结合师资和场地增加体育类课后服务项目。");
        Add(3, MessageCategory.Inquiry, "学前教育资助什么时候发放", "去年申请的学前教育资助什么时候能发放？", "陈女士", true, LetterStatus.Submitted, "学前教育资助资金按学期发放，春季学期资金于 6 月底前发放到位。");
        Add(3, MessageCategory.Inquiry, "转学手续怎么办理", "从外县转学到本县小学，需要到哪里办理手续？", null, true, LetterStatus.Returned, "请到学校办理。");
        Add(4, MessageCategory.Suggestion, "建议公开学校食堂收费标准", "希望各学校在网站上公开食堂收费标准。", "赵先生", true, LetterStatus.Approved, "感谢您的建议。我局已要求各学校在校务公开栏和学校网站公开食堂收费标准。");
        var published = Add(20, MessageCategory.Inquiry, "义务教育阶段招生划片范围在哪里查询", "请问城区小学的招生划片范围在哪里可以查到？我家住示范县城关镇李庄村3组12号，身份证号410724198001011234。", "李先生", true, LetterStatus.Issued,
            "您好！城区小学招生划片范围已在县教育局网站“法定主动公开内容—义务教育招生”栏目公布，也可拨打招生咨询电话0373-5000102查询。");
        var unhappy = Add(25, MessageCategory.Complaint, "学校乱收资料费", "孩子所在学校要求每人交 200 元资料费，是否合规？", "孙先生", false, LetterStatus.Issued, "经核查，该校收取的是家长自愿订购的教辅资料费用，学校已退还不愿订购的家长费用。");
        Add(2, MessageCategory.Inquiry, "学校周边违建何时拆除", "实验小学门口有违章建筑影响学生通行，何时拆除？", "周女士", true, null, null, from: resources);
        await db.SaveChangesAsync(cancellationToken);

        published.PublishedAtUtc = published.RepliedAtUtc!.Value.AddHours(2);
        Event(published, "在门户网站公开留言和答复（个人信息已隐去）", "王芳（发布人）", published.PublishedAtUtc.Value, true);
        Rate(published, Satisfaction.Satisfied, null);
        Rate(unhappy, Satisfaction.Dissatisfied, "答复没有说明学校是否违规，也没有说明以后如何避免。");
        Faq("义务教育阶段学校招生报名需要哪些材料", "一般需要儿童户口簿、监护人身份证、居住证明（房产证或租赁合同）。具体以当年《示范县义务教育学校招生入学工作方案》为准。");
        Faq("学生资助申请到哪里办理", "在校学生向就读学校提出申请，学校审核公示后报县学生资助管理中心。咨询电话：县教育局学生资助管理中心。");

        await db.SaveChangesAsync(cancellationToken);

        Message Add(int daysAgo, MessageCategory category, string title, string content, string? name, bool mayPublish, LetterStatus? reply, string? text, Guid? from = null)
        {
            var receivedOn = today.AddDays(-daysAgo);
            var submitted = new DateTimeOffset(receivedOn.ToDateTime(new TimeOnly(9, 30)), ChinaTime.Offset).UtcDateTime;
            var dueOn = MessageDeadlines.DueOn(calendar, receivedOn, days);
            var repliedOn = reply == LetterStatus.Issued ? calendar.AddWorkingDays(receivedOn, daysAgo > 21 ? days + 2 : 3) : (DateOnly?)null;
            var message = new Message
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                AgencyId = agency,
                ReceiptCode = "DEMOLY" + (++line).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                Category = category,
                Title = title,
                Content = content,
                Name = name,
                Phone = "1390000" + line.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                MayPublish = mayPublish,
                SubmittedAtUtc = submitted,
                ReceivedOn = receivedOn,
                DueOn = dueOn,
                Reply = text,
                ReplyStatus = reply,
                SubmittedByName = reply is null or LetterStatus.Draft ? null : "张明（经办人）",
                ReturnReason = reply == LetterStatus.Returned ? "答复过于简单，请写明办理地点、材料和时限。" : null,
                ReturnedByName = reply == LetterStatus.Returned ? "李华（审核人）" : null,
                ApprovedByName = reply is LetterStatus.Approved or LetterStatus.Issued ? "李华（审核人）" : null,
                RepliedByName = repliedOn is null ? null : "张明（经办人）",
                RepliedOn = repliedOn,
                RepliedAtUtc = repliedOn is { } r ? new DateTimeOffset(r.ToDateTime(new TimeOnly(16, 0)), ChinaTime.Offset).UtcDateTime : null,
                UpdatedAtUtc = submitted,
            };
            db.Messages.Add(message);
            if (from is { } first)
            {
                // Transferred on the day it arrived: first at the 自然资源局, then here, with the period restarting that day.
                Event(message, $"收到{InteractionText.Category(category)}留言，答复期限 {DateText.Iso(dueOn)}", "留言人", submitted, true, first);
                Event(message, "转办至示范县教育局：校园周边建筑由教育局会同有关部门处理", "赵强（经办人）", submitted.AddHours(3), true, first);
                Event(message, $"由示范县自然资源局转来，答复期限 {DateText.Iso(dueOn)}", "赵强（经办人）", submitted.AddHours(3).AddTicks(10), true);
                return message;
            }

            Event(message, $"收到{InteractionText.Category(category)}留言，答复期限 {DateText.Iso(dueOn)}", "留言人", submitted, true);
            if (message.RepliedAtUtc is { } at)
            {
                Event(message, "签发答复，" + (repliedOn <= dueOn ? "按时答复" : $"超过答复期限（{DateText.Iso(dueOn)}）答复"), "张明（经办人）", at, true);
            }

            return message;
        }

        void Faq(string question, string answer) => db.FaqEntries.Add(new FaqEntry
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = agency,
            Question = question,
            Answer = answer,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime.AddDays(-10),
            CreatedBy = "张明（经办人）",
        });

        void Event(Message message, string text, string actor, DateTime at, bool isPublic, Guid? where = null) => db.MessageEvents.Add(new MessageEvent
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            MessageId = message.Id,
            AtUtc = at,
            AgencyId = where ?? message.AgencyId,
            Text = text,
            Actor = actor,
            IsPublic = isPublic,
        });

        void Rate(Message message, Satisfaction level, string? reason) => db.Ratings.Add(new Rating
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Subject = RatedSubject.Message,
            SubjectId = message.Id,
            AgencyId = message.AgencyId,
            Level = level,
            Reason = reason,
            RatedAtUtc = message.RepliedAtUtc!.Value.AddDays(1),
        });
    }
}
