using Gongkai.Calendar;
using Gongkai.Interaction;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Interaction;

public class ConsultationPeriodTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    [Theory]
    // 30 日 from Monday 2024-06-17 ends on Wednesday 2024-07-17 (the opening day is not counted).
    [InlineData("2024-06-17", 30, PeriodUnit.CalendarDays, "2024-07-17")]
    // 30 日 from 2024-09-05 end on 2024-10-05, inside the National Day holiday: the period ends on the first working day after it.
    [InlineData("2024-09-05", 30, PeriodUnit.CalendarDays, "2024-10-08")]
    // A period ending on an ordinary Sunday ends on Monday.
    [InlineData("2024-06-16", 14, PeriodUnit.CalendarDays, "2024-07-01")]
    // 7 个工作日 from Friday 2024-09-20: Sunday 09-29 is a working day (调休), so the seventh is Monday 09-30.
    [InlineData("2024-09-20", 7, PeriodUnit.WorkingDays, "2024-09-30")]
    // 7 个工作日 from 2024-09-27 skip 10-01 to 10-07 and count Saturday 10-12 (调休).
    [InlineData("2024-09-27", 7, PeriodUnit.WorkingDays, "2024-10-12")]
    public void A_period_closes_on_its_last_day_on_the_working_calendar(string opens, int days, PeriodUnit unit, string closes) =>
        ConsultationPeriods.ClosesOn(Calendar, Day.Of(opens), days, unit).ShouldBe(Day.Of(closes));

    [Fact]
    public void A_normative_document_needs_seven_working_days_however_the_period_is_written()
    {
        var opens = Day.Of("2024-09-20");

        ConsultationPeriods.Problem(Calendar, DraftKind.NormativeDocument, opens, 6, PeriodUnit.WorkingDays)
            .ShouldBe("行政规范性文件征求意见的期限一般不少于 7 个工作日（《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号））。");
        ConsultationPeriods.Problem(Calendar, DraftKind.NormativeDocument, opens, 7, PeriodUnit.WorkingDays).ShouldBeNull();

        // 10 日 end on Monday 09-30, the seventh working day; 9 日 end on Sunday 09-29, a working day by 调休, one short.
        ConsultationPeriods.Problem(Calendar, DraftKind.NormativeDocument, opens, 10, PeriodUnit.CalendarDays).ShouldBeNull();
        ConsultationPeriods.Problem(Calendar, DraftKind.NormativeDocument, opens, 9, PeriodUnit.CalendarDays).ShouldNotBeNull();
    }

    [Fact]
    public void Regulations_and_major_decisions_need_thirty_days_and_other_drafts_have_no_minimum()
    {
        var opens = Day.Of("2024-06-17");

        ConsultationPeriods.Problem(Calendar, DraftKind.Regulation, opens, 29, PeriodUnit.CalendarDays)
            .ShouldBe("规章征求意见的期限一般不少于 30 日（《规章制定程序条例》第十六条）。");
        ConsultationPeriods.Problem(Calendar, DraftKind.MajorDecision, opens, 29, PeriodUnit.CalendarDays)
            .ShouldBe("重大行政决策征求意见的期限一般不少于 30 日（《重大行政决策程序暂行条例》第十五条）。");
        ConsultationPeriods.Problem(Calendar, DraftKind.Regulation, opens, 30, PeriodUnit.CalendarDays).ShouldBeNull();
        ConsultationPeriods.Problem(Calendar, DraftKind.General, opens, 1, PeriodUnit.CalendarDays).ShouldBeNull();
        ConsultationPeriods.Problem(Calendar, DraftKind.General, opens, 0, PeriodUnit.CalendarDays).ShouldBe("征求意见期限应为 1 至 366 日。");
        ConsultationPeriods.Problem(Calendar, DraftKind.General, opens, 367, PeriodUnit.CalendarDays).ShouldBe("征求意见期限应为 1 至 366 日。");
    }

    [Theory]
    [InlineData("2024-06-16", false, ConsultationStage.NotYetOpen)]
    [InlineData("2024-06-17", false, ConsultationStage.Open)]
    [InlineData("2024-07-17", false, ConsultationStage.Open)]
    [InlineData("2024-07-18", false, ConsultationStage.AwaitingFeedback)]
    [InlineData("2024-07-18", true, ConsultationStage.FeedbackPublished)]
    public void The_stage_follows_the_dates_and_the_feedback(string today, bool feedback, ConsultationStage stage) =>
        ConsultationPeriods.Stage(Day.Of(today), Day.Of("2024-06-17"), Day.Of("2024-07-17"), feedback).ShouldBe(stage);
}

public class CommentRuleTests
{
    [Fact]
    public void A_rejection_needs_a_reason_and_a_publication_does_not()
    {
        CommentRules.ModerationProblem(CommentStatus.Rejected, null).ShouldBe("不予公开的意见须写明理由。");
        CommentRules.ModerationProblem(CommentStatus.Rejected, "  ").ShouldBe("不予公开的意见须写明理由。");
        CommentRules.ModerationProblem(CommentStatus.Rejected, "广告").ShouldBeNull();
        CommentRules.ModerationProblem(CommentStatus.Rejected, new string('长', 501)).ShouldBe("理由不超过 500 字。");
        CommentRules.ModerationProblem(CommentStatus.Published, null).ShouldBeNull();
        CommentRules.ModerationProblem(CommentStatus.Pending, null).ShouldBe("审核结果只能是公开或不予公开。");
    }

    [Fact]
    public void Partly_and_not_adopted_need_a_reason_and_only_published_comments_are_answered()
    {
        CommentRules.AdoptionProblem(CommentStatus.Published, Adoption.Adopted, null).ShouldBeNull();
        CommentRules.AdoptionProblem(CommentStatus.Published, Adoption.PartlyAdopted, null).ShouldBe("部分采纳的意见须说明理由。");
        CommentRules.AdoptionProblem(CommentStatus.Published, Adoption.NotAdopted, "").ShouldBe("未采纳的意见须说明理由。");
        CommentRules.AdoptionProblem(CommentStatus.Published, Adoption.NotAdopted, "已有规定").ShouldBeNull();
        CommentRules.AdoptionProblem(CommentStatus.Pending, Adoption.Adopted, null).ShouldBe("只有已公开的意见需要反馈采纳情况。");
        CommentRules.AdoptionProblem(CommentStatus.Rejected, Adoption.Adopted, null).ShouldBe("只有已公开的意见需要反馈采纳情况。");
    }

    [Fact]
    public void Feedback_is_published_after_the_period_once_every_comment_is_moderated_and_answered()
    {
        CommentRules.FeedbackProblem(ConsultationStage.Open, 0, 0).ShouldBe("征求意见期限届满后才能发布采纳情况反馈。");
        CommentRules.FeedbackProblem(ConsultationStage.NotYetOpen, 0, 0).ShouldBe("征求意见期限届满后才能发布采纳情况反馈。");
        CommentRules.FeedbackProblem(ConsultationStage.AwaitingFeedback, 2, 1).ShouldBe("还有 2 条意见未审核。");
        CommentRules.FeedbackProblem(ConsultationStage.AwaitingFeedback, 0, 1).ShouldBe("还有 1 条已公开的意见未填写采纳情况。");
        CommentRules.FeedbackProblem(ConsultationStage.AwaitingFeedback, 0, 0).ShouldBeNull();
        CommentRules.FeedbackProblem(ConsultationStage.FeedbackPublished, 0, 0).ShouldBe("采纳情况反馈已经发布。");
    }
}
