using Gongkai.Calendar;
using Gongkai.Supervision;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Supervision;

public class RectificationFlowTests
{
    [Fact]
    public void A_rectification_is_answered_returned_answered_again_and_closed()
    {
        var state = RectificationState.Raised;
        state = RectificationFlow.Apply(state, RectificationAction.Answer, RectificationParty.Agency, "已更正表三第（四）项。");
        state.ShouldBe(RectificationState.Answered);
        state = RectificationFlow.Apply(state, RectificationAction.Return, RectificationParty.Supervisor, "表三合计仍不一致。");
        state.ShouldBe(RectificationState.Returned);
        state = RectificationFlow.Apply(state, RectificationAction.Answer, RectificationParty.Agency, "已发布第 3 版。");
        state = RectificationFlow.Apply(state, RectificationAction.Accept, RectificationParty.Supervisor, null);
        state.ShouldBe(RectificationState.Closed);
    }

    [Theory]
    [InlineData(RectificationState.Raised, RectificationAction.Answer, RectificationParty.Supervisor, "说明", "整改答复由被要求整改的机关提交。")]
    [InlineData(RectificationState.Raised, RectificationAction.Answer, RectificationParty.Agency, "  ", "请写明整改情况：改了什么、在哪里可以看到。")]
    [InlineData(RectificationState.Answered, RectificationAction.Answer, RectificationParty.Agency, "再说明", "已提交整改答复，正在等待验收。")]
    [InlineData(RectificationState.Raised, RectificationAction.Accept, RectificationParty.Supervisor, null, "该机关尚未提交整改答复，不能验收或退回。")]
    [InlineData(RectificationState.Returned, RectificationAction.Return, RectificationParty.Supervisor, "理由", "该机关尚未提交整改答复，不能验收或退回。")]
    [InlineData(RectificationState.Answered, RectificationAction.Accept, RectificationParty.Agency, null, "验收和退回由提出整改的监督机关办理。")]
    [InlineData(RectificationState.Answered, RectificationAction.Return, RectificationParty.Supervisor, "", "退回须写明理由。")]
    [InlineData(RectificationState.Closed, RectificationAction.Answer, RectificationParty.Agency, "说明", "该整改事项已办结，不能再办理。")]
    [InlineData(RectificationState.Closed, RectificationAction.Return, RectificationParty.Supervisor, "理由", "该整改事项已办结，不能再办理。")]
    public void Refused_steps_say_why(RectificationState state, RectificationAction action, RectificationParty party, string? text, string reason)
    {
        RectificationFlow.Refusal(state, action, party, text).ShouldBe(reason);
        Should.Throw<RectificationRuleException>(() => RectificationFlow.Apply(state, action, party, text)).Message.ShouldBe(reason);
    }

    [Fact]
    public void The_deadline_counts_working_days_of_the_holiday_calendar_and_overdue_means_still_waiting_for_the_agency()
    {
        // Raised on Thursday 2025-09-25: 26 Sep (1), Sunday 28 Sep worked for the National Day holiday (2), 29 and
        // 30 Sep (3, 4), 1–8 Oct off, 9 Oct (5).
        var due = RectificationFlow.DueOn(WorkingCalendar.Default, Day.Of("2025-09-25"), 5);

        due.ShouldBe(Day.Of("2025-10-09"));
        RectificationFlow.IsOverdue(RectificationState.Raised, due, Day.Of("2025-10-09")).ShouldBeFalse();
        RectificationFlow.IsOverdue(RectificationState.Raised, due, Day.Of("2025-10-10")).ShouldBeTrue();
        RectificationFlow.IsOverdue(RectificationState.Returned, due, Day.Of("2025-10-10")).ShouldBeTrue();
        RectificationFlow.IsOverdue(RectificationState.Answered, due, Day.Of("2025-10-10")).ShouldBeFalse("the agency has answered; the supervisor is verifying");
        RectificationFlow.IsOverdue(RectificationState.Closed, due, Day.Of("2025-10-10")).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => RectificationFlow.DueOn(WorkingCalendar.Default, Day.Of("2025-09-25"), 0));
        Should.Throw<ArgumentOutOfRangeException>(() => RectificationFlow.DueOn(WorkingCalendar.Default, Day.Of("2025-09-25"), 61));
    }
}
