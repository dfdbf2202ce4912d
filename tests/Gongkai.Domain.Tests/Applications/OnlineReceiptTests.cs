using Gongkai.Applications;
using Gongkai.Tests.Calendar;
using static Gongkai.Tests.Applications.CaseScript;

namespace Gongkai.Tests.Applications;

/// <summary>条例第三十一条 for online applications: counted from submission or from the agency's confirmation.</summary>
public class OnlineReceiptTests
{
    [Fact]
    public void An_online_application_awaiting_confirmation_has_no_receipt_date_and_no_due_date()
    {
        var application = DisclosureApplication.Receive("W-1", ApplicantType.NaturalPerson, Receipt.AwaitingConfirmation(Day.Of("2023-09-23")));

        application.Receipt.IsAwaitingConfirmation.ShouldBeTrue();
        application.Receipt.ReceiptDate.ShouldBeNull();
        application.Receipt.ConfirmedOn.ShouldBeNull();
        application.CorrectionNoticeDue(Rules).ShouldBeNull();
        application.DeadlineInput(Rules).ShouldBeNull();
        var deadline = application.Deadline(Rules);
        deadline.Due.ShouldBeNull();
        deadline.AwaitingConfirmation.ShouldBeTrue();
        deadline.AwaitingCorrection.ShouldBeFalse();
        deadline.IsProvisional.ShouldBeFalse();
        deadline.Steps.Select(s => s.Text).ShouldBe(
            ["在线提交：2023-09-23（星期六），本机关以确认收到之日为收到申请之日，尚未确认；20个工作日的答复期限自确认之日起计算"]);
        application.StatusOn(Day.Of("2023-12-01"), Rules).ShouldBe(DeadlineStatus.AwaitingConfirmation);
        CaseText.Label(DeadlineStatus.AwaitingConfirmation).ShouldBe("待确认收到");
        application.ToSummary().ReceivedOn.ShouldBe(Day.Of("2023-09-23"));
    }

    [Fact]
    public void Registering_an_application_awaiting_confirmation_confirms_it_and_starts_the_count()
    {
        var application = DisclosureApplication.Receive("W-1", ApplicantType.NaturalPerson, Receipt.AwaitingConfirmation(Day.Of("2023-09-23")))
            .Then(new Registered(At("2023-09-25"), Clerk));

        application.State.ShouldBe(CaseState.InProgress);
        application.Receipt.IsAwaitingConfirmation.ShouldBeFalse();
        application.Receipt.ArrivedOn.ShouldBe(Day.Of("2023-09-23"));
        application.Receipt.ConfirmedOn.ShouldBe(Day.Of("2023-09-25"));
        application.Receipt.ReceiptDate.ShouldBe(Day.Of("2023-09-25"));
        application.Deadline(Rules).Due.ShouldBe(Day.Of("2023-10-27"));
        application.Deadline(Rules).Steps[0].Text.ShouldBe("收到申请：2023-09-25（星期一），互联网渠道，以双方确认之日为收到申请之日，当日为第0日，答复期限为20个工作日");
        application.CorrectionNoticeDue(Rules).ShouldBe(Day.Of("2023-10-10"));
    }

    [Fact]
    public void Nothing_but_registration_or_withdrawal_happens_before_confirmation()
    {
        var application = DisclosureApplication.Receive("W-1", ApplicantType.NaturalPerson, Receipt.AwaitingConfirmation(Day.Of("2023-09-23")));

        application.Check(Reply("2023-09-25"), Rules)!.Message.ShouldBe("申请尚未登记，不能答复。");
        application.Check(new CorrectionRequested(At("2023-09-25"), Clerk, Day.Of("2023-10-20"), "请写明年份。"), Rules)!.Code.ShouldBe(RefusalCode.NotRegistered);
        var withdrawn = application.Then(new Withdrawn(At("2023-09-24"), Applicant));
        withdrawn.State.ShouldBe(CaseState.Withdrawn);
        withdrawn.StatusOn(Day.Of("2023-09-25"), Rules).ShouldBe(DeadlineStatus.ClosedWithoutReply);
    }

    [Fact]
    public void Confirming_is_only_for_a_receipt_awaiting_it_and_not_before_submission()
    {
        Should.Throw<InvalidOperationException>(() => Receipt.Create(ReceiptChannel.Online, Day.Of("2023-09-23"), Day.Of("2023-09-23")).Confirm(Day.Of("2023-09-25")));
        Should.Throw<CaseRuleException>(() => Receipt.AwaitingConfirmation(Day.Of("2023-09-23")).Confirm(Day.Of("2023-09-22")))
            .Refusal.Code.ShouldBe(RefusalCode.ReceiptConfirmationBeforeArrival);
        Receipt.AwaitingConfirmation(Day.Of("2023-09-23")).Confirm(Day.Of("2023-09-23")).ReceiptDate.ShouldBe(Day.Of("2023-09-23"));
    }

    /// <summary>
    /// A submission on a Saturday and one on 国庆节 (2023-10-01), under each rule; under confirmation the staff confirm
    /// on the next working day (Monday 09-25; the 调休 Saturday 10-07).
    /// </summary>
    [Theory]
    [InlineData("2023-09-23", OnlineReceiptRule.OnSubmission, null, "2023-09-23", "2023-10-26")]
    [InlineData("2023-09-23", OnlineReceiptRule.OnConfirmation, "2023-09-25", "2023-09-25", "2023-10-27")]
    [InlineData("2023-10-01", OnlineReceiptRule.OnSubmission, null, "2023-10-01", "2023-11-01")]
    [InlineData("2023-10-01", OnlineReceiptRule.OnConfirmation, "2023-10-07", "2023-10-07", "2023-11-02")]
    public void A_weekend_or_holiday_submission_counts_under_the_agencys_rule(
        string submitted, OnlineReceiptRule rule, string? confirmed, string receiptDate, string due)
    {
        var (channel, arrived, confirmation) = new IntakeRequest().ReceiptOn(Day.Of(submitted), online: true, rule);
        channel.ShouldBe(ReceiptChannel.Online);
        arrived.ShouldBe(Day.Of(submitted));
        var receipt = confirmation is { } on ? Receipt.Create(channel, arrived, on) : Receipt.AwaitingConfirmation(arrived);
        var application = DisclosureApplication.Receive("W-1", ApplicantType.NaturalPerson, receipt);
        application.Receipt.IsAwaitingConfirmation.ShouldBe(rule == OnlineReceiptRule.OnConfirmation);

        application = application.Then(new Registered(At(confirmed ?? submitted), Clerk));

        application.Receipt.ReceiptDate.ShouldBe(Day.Of(receiptDate));
        application.Deadline(Rules).Due.ShouldBe(Day.Of(due));
    }

    [Fact]
    public void Staff_registering_any_confirmation_channel_still_give_the_confirmation_date()
    {
        var request = new IntakeRequest { Channel = ReceiptChannel.Online, ArrivedOn = Day.Of("2023-09-23") };

        request.ReceiptOn(Day.Of("2023-09-25"), online: false, OnlineReceiptRule.OnConfirmation).ShouldBe((ReceiptChannel.Online, Day.Of("2023-09-23"), (DateOnly?)null));
        Should.Throw<CaseRuleException>(() => Receipt.Create(ReceiptChannel.Online, Day.Of("2023-09-23")))
            .Message.ShouldBe("互联网渠道的申请以双方确认之日为收到申请之日，须填写确认日期。");
    }

    [Fact]
    public void Each_rule_is_one_sentence()
    {
        OnlineReceiptRule.OnSubmission.Sentence().ShouldBe("通过本平台在线提交的申请，以提交之日为收到申请之日，20个工作日的答复期限自该日起计算。");
        OnlineReceiptRule.OnConfirmation.Sentence().ShouldBe("通过本平台在线提交的申请，以本机关确认收到之日为收到申请之日，20个工作日的答复期限自确认之日起计算；确认前不计算答复期限。");
        OnlineReceiptRule.OnConfirmation.Label().ShouldBe("以本机关确认收到之日为收到申请之日");
    }
}
