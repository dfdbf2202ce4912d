using Gongkai.AnnualReports;
using Gongkai.Applications;
using Gongkai.Fees;
using Gongkai.Tests.Calendar;
using static Gongkai.Tests.Applications.CaseScript;

namespace Gongkai.Tests.Applications;

public class LifecycleTests
{
    [Fact]
    public void A_granted_application_goes_from_receipt_to_archive()
    {
        var application = Received("2023-09-25");
        application.State.ShouldBe(CaseState.Received);

        application = application
            .Then(new Registered(At("2023-09-25"), Clerk))
            .Then(Reply("2023-10-20"))
            .Then(new Delivered(At("2023-10-20"), Clerk))
            .Then(new Archived(At("2023-10-23"), Clerk));

        application.State.ShouldBe(CaseState.Archived);
        application.Outcome.ShouldBe(Outcome.Granted);
        application.ConcludedOn.ShouldBe(Day.Of("2023-10-20"));
        application.Events.Count.ShouldBe(4);
        application.StatusOn(Day.Of("2024-01-01"), Rules).ShouldBe(DeadlineStatus.RepliedOnTime);
        application.ToSummary().ShouldBe(new CaseSummary(ApplicantType.NaturalPerson, Day.Of("2023-09-25"), Day.Of("2023-10-20"), Outcome.Granted));
    }

    [Theory]
    [InlineData(ReceiptChannel.InPerson, "2023-09-25", null, "2023-09-25")]
    [InlineData(ReceiptChannel.PostWithSignature, "2023-09-26", null, "2023-09-26")]
    [InlineData(ReceiptChannel.OrdinaryLetter, "2023-09-25", "2023-09-27", "2023-09-27")]
    [InlineData(ReceiptChannel.Online, "2023-09-25", "2023-09-25", "2023-09-25")]
    [InlineData(ReceiptChannel.Email, "2023-09-24", "2023-09-25", "2023-09-25")]
    [InlineData(ReceiptChannel.Fax, "2023-09-25", "2023-09-26", "2023-09-26")]
    public void The_receipt_date_follows_article_31(ReceiptChannel channel, string arrived, string? confirmed, string receiptDate)
    {
        var receipt = Receipt.Create(channel, Day.Of(arrived), confirmed is null ? null : Day.Of(confirmed));

        receipt.ReceiptDate.ShouldBe(Day.Of(receiptDate));
    }

    [Fact]
    public void A_receipt_without_the_confirmation_article_31_needs_is_refused()
    {
        Should.Throw<CaseRuleException>(() => Receipt.Create(ReceiptChannel.OrdinaryLetter, Day.Of("2023-09-25")))
            .Message.ShouldBe("平常信函的申请以与申请人确认之日为收到申请之日，须填写确认日期。");
        Should.Throw<CaseRuleException>(() => Receipt.Create(ReceiptChannel.Online, Day.Of("2023-09-25"), Day.Of("2023-09-24")))
            .Refusal.Code.ShouldBe(RefusalCode.ReceiptConfirmationBeforeArrival);
        Should.Throw<CaseRuleException>(() => Receipt.Create(ReceiptChannel.InPerson, Day.Of("2023-09-25"), Day.Of("2023-09-25")))
            .Message.ShouldBe("当面提交的申请以提交之日为收到申请之日，不使用确认日期。");
    }

    [Fact]
    public void The_deadline_of_a_confirmed_letter_counts_from_the_confirmation()
    {
        var application = DisclosureApplication.Receive("L-1", ApplicantType.Commercial,
            Receipt.Create(ReceiptChannel.OrdinaryLetter, Day.Of("2023-09-20"), Day.Of("2023-09-25")));

        var deadline = application.Deadline(Rules);

        deadline.Due.ShouldBe(Day.Of("2023-10-27"));
        deadline.Steps[0].Text.ShouldBe("收到申请：2023-09-25（星期一），平常信函，以与申请人确认之日为收到申请之日，当日为第0日，答复期限为20个工作日");
    }

    [Fact]
    public void A_reply_before_registration_is_refused()
    {
        var refusal = Received("2023-09-25").Refusal(Reply("2023-09-26"));

        refusal.ShouldBe(new CaseRefusal(RefusalCode.NotRegistered, "申请尚未登记，不能答复。"));
    }

    [Fact]
    public void Registering_twice_and_events_out_of_order_are_refused()
    {
        var application = Registered("2023-09-25").Then(new ConsultationStarted(At("2023-09-28"), Clerk, ConsultationKind.ThirdParty, "某公司"));

        application.Refusal(new Registered(At("2023-09-29"), Clerk)).Message.ShouldBe("申请已经登记，不能重复登记。");
        application.Refusal(Reply("2023-09-27")).Message.ShouldBe("事件日期 2023-09-27 早于上一事件日期 2023-09-28，事件须按时间顺序登记。");
        Received("2023-09-25").Refusal(new Registered(At("2023-09-24"), Clerk)).Code.ShouldBe(RefusalCode.EventBeforeReceipt);
    }

    [Fact]
    public void A_correction_must_be_requested_within_7_working_days_and_only_once()
    {
        // 2023-09-25 + 7 working days = 2023-10-10 (National Day in between; make-up days 10-07 and 10-08 count).
        var application = Registered("2023-09-25");

        application.Refusal(new CorrectionRequested(At("2023-10-11"), Clerk, Day.Of("2023-10-20"), "请写明文件名称"))
            .Message.ShouldBe("补正告知应在收到申请之日起7个工作日内发出（最迟 2023-10-10），2023-10-11 已超过。");
        application.Refusal(new CorrectionRequested(At("2023-10-09"), Clerk, Day.Of("2023-10-09"), "请写明文件名称"))
            .Code.ShouldBe(RefusalCode.CorrectionPeriodInvalid);

        var awaiting = application.Then(new CorrectionRequested(At("2023-10-10"), Clerk, Day.Of("2023-10-20"), "请写明文件名称"));
        awaiting.State.ShouldBe(CaseState.AwaitingCorrection);
        awaiting.StatusOn(Day.Of("2023-10-12"), Rules).ShouldBe(DeadlineStatus.AwaitingCorrection);
        awaiting.Refusal(Reply("2023-10-12")).Message.ShouldBe("申请正在等待补正，不能答复；应先登记收到补正材料，或按逾期未补正处理。");

        var corrected = awaiting.Then(new CorrectionReceived(At("2023-10-12"), Clerk));
        corrected.State.ShouldBe(CaseState.InProgress);
        corrected.Refusal(new CorrectionRequested(At("2023-10-13"), Clerk, Day.Of("2023-10-20"), "再补"))
            .Message.ShouldBe("补正应一次性告知（条例第三十条），本申请已经发出过补正告知。");
    }

    [Fact]
    public void The_reply_period_starts_again_when_the_corrected_application_arrives()
    {
        var application = Registered("2023-09-25")
            .Then(new CorrectionRequested(At("2023-09-27"), Clerk, Day.Of("2023-10-20"), "请写明文件名称"))
            .Then(new CorrectionReceived(At("2023-10-09"), Applicant));

        application.Deadline(Rules).Due.ShouldBe(Day.Of("2023-11-06"));
        application.Check(Reply("2023-10-20", Outcome.UnableUnclearAfterCorrection, "补正后仍无法确定所需信息"), Rules).ShouldBeNull();
    }

    [Fact]
    public void A_missed_correction_deadline_closes_the_case_under_6_1_only_after_the_period()
    {
        var application = Registered("2023-09-25")
            .Then(new CorrectionRequested(At("2023-09-27"), Clerk, Day.Of("2023-10-20"), "请写明文件名称"));

        application.Refusal(new CorrectionDeadlineMissed(At("2023-10-20"), Clerk))
            .Message.ShouldBe("补正期限 2023-10-20 尚未届满，不能按逾期未补正处理。");
        Registered("2023-09-25").Refusal(new CorrectionDeadlineMissed(At("2023-10-23"), Clerk)).Code.ShouldBe(RefusalCode.NoCorrectionPending);

        var closed = application.Then(new CorrectionDeadlineMissed(At("2023-10-23"), Clerk));

        closed.State.ShouldBe(CaseState.ClosedNoCorrection);
        closed.Outcome.ShouldBe(Outcome.OtherNoCorrection);
        closed.Outcome!.Value.Row().ShouldBe(Table3Row.OtherNoCorrection);
        closed.StatusOn(Day.Of("2023-12-01"), Rules).ShouldBe(DeadlineStatus.ClosedWithoutReply);
        closed.Then(new Archived(At("2023-10-24"), Clerk)).State.ShouldBe(CaseState.Archived);
    }

    [Fact]
    public void Consultation_time_is_not_counted()
    {
        var application = Registered("2023-09-25")
            .Then(new ConsultationStarted(At("2023-10-09"), Clerk, ConsultationKind.ThirdParty, "某公司"));

        application.Refusal(new ConsultationStarted(At("2023-10-10"), Clerk, ConsultationKind.ThirdParty, "某公司"))
            .Message.ShouldBe("对「某公司」的征求意见尚未结束，不能重复发起。");
        application.Refusal(new ConsultationAnswered(At("2023-10-10"), Clerk, "另一公司"))
            .Message.ShouldBe("没有正在进行的对「另一公司」的征求意见。");
        application.Deadline(Rules).HasOpenPause.ShouldBeTrue();

        var answered = application.Then(new ConsultationAnswered(At("2023-10-13"), Clerk, "某公司"));

        answered.Deadline(Rules).Due.ShouldBe(Day.Of("2023-11-02"));
        answered.Deadline(Rules).HasOpenPause.ShouldBeFalse();
        answered.Refusal(new CorrectionRequested(At("2023-10-13"), Clerk, Day.Of("2023-10-20"), "补正"))
            .Message.ShouldBe("已经征求意见、延长答复期限或发出收费通知，不能再要求补正。");
    }

    [Fact]
    public void A_correction_cannot_be_requested_after_an_extension()
    {
        // Art. 30 puts the correction inside the first 7 working days, before any processing; an extension is
        // already processing (Art. 33), and a correction after it would restart a period that was just extended.
        var extended = Registered("2023-09-25").Then(new ExtensionApproved(At("2023-09-26"), Head, 10, "需调取档案"));

        extended.Refusal(new CorrectionRequested(At("2023-09-27"), Clerk, Day.Of("2023-10-20"), "请写明文件名称"))
            .ShouldBe(new CaseRefusal(RefusalCode.CorrectionAfterProcessing, "已经征求意见、延长答复期限或发出收费通知，不能再要求补正。"));
    }

    [Fact]
    public void A_case_cannot_conclude_before_its_confirmed_receipt_date()
    {
        // Arrived 09-20, receipt confirmed with the applicant 09-25 (Art. 31): registering on arrival is fine, but
        // concluding before 09-25 would put the case into table 三 before it was received.
        var registered = DisclosureApplication.Receive("L-2", ApplicantType.NaturalPerson,
                Receipt.Create(ReceiptChannel.OrdinaryLetter, Day.Of("2023-09-20"), Day.Of("2023-09-25")))
            .Then(new Registered(At("2023-09-20"), Clerk));

        registered.Refusal(new Withdrawn(At("2023-09-22"), Applicant)).ShouldBe(new CaseRefusal(
            RefusalCode.ConcludedBeforeReceipt,
            "办结日期 2023-09-22 早于收到申请之日 2023-09-25（平常信函，以与申请人确认之日为收到申请之日），申请不能在收到之前办结；请核对办结日期。", EventField.Date));
        registered.Refusal(Reply("2023-09-22")).Code.ShouldBe(RefusalCode.ConcludedBeforeReceipt);

        var withdrawn = registered.Then(new Withdrawn(At("2023-09-25"), Applicant));
        withdrawn.ToSummary().ShouldBe(new CaseSummary(ApplicantType.NaturalPerson, Day.Of("2023-09-25"), Day.Of("2023-09-25"), Outcome.OtherOther));
    }

    [Fact]
    public void A_consultation_cannot_start_after_the_deadline()
    {
        Registered("2023-09-25").Refusal(new ConsultationStarted(At("2023-10-30"), Clerk, ConsultationKind.OtherAgency, "市发改委"))
            .Message.ShouldBe("答复期限已于 2023-10-27 届满，不能再以征求意见中止计时。");
    }

    [Fact]
    public void An_extension_needs_the_office_head_before_the_original_deadline_and_happens_once()
    {
        var application = Registered("2023-09-25");

        application.Refusal(new ExtensionApproved(At("2023-10-20"), Clerk, 20, "需调取档案"))
            .Message.ShouldBe("延长答复期限须经政府信息公开工作机构负责人同意，「李科员」不是负责人。");
        application.Refusal(new ExtensionApproved(At("2023-10-30"), Head, 20, "需调取档案"))
            .Message.ShouldBe("延长答复期限须在原答复期限 2023-10-27 届满前批准，2023-10-30 已超过。");
        application.Refusal(new ExtensionApproved(At("2023-10-20"), Head, 21, "需调取档案"))
            .Message.ShouldBe("延长的期限应为1至20个工作日，21个工作日不符合。");
        application.Refusal(new ExtensionApproved(At("2023-10-20"), Head, 20, " ")).Code.ShouldBe(RefusalCode.ExtensionReasonRequired);
        Received("2023-09-25").Refusal(new ExtensionApproved(At("2023-10-20"), Head, 20, "需调取档案")).Code.ShouldBe(RefusalCode.NotRegistered);

        var extended = application.Then(new ExtensionApproved(At("2023-10-27"), Head, 20, "需调取档案"));

        extended.Deadline(Rules).Due.ShouldBe(Day.Of("2023-11-24"));
        extended.Deadline(Rules).OriginalDue.ShouldBe(Day.Of("2023-10-27"));
        extended.Refusal(new ExtensionApproved(At("2023-11-01"), Head, 5, "再延"))
            .Message.ShouldBe("答复期限只能延长一次（条例第三十三条），本申请已经延长过。");
        application.Then(new ExtensionApproved(At("2023-10-20"), Head, 5, "需调取档案")).Deadline(Rules).Due.ShouldBe(Day.Of("2023-11-03"));
    }

    [Fact]
    public void A_fee_notice_stops_the_clock_until_payment_by_default()
    {
        var fee = InformationProcessingFee.ByPages(150);
        var application = Registered("2023-09-25").Then(new FeeNoticeSent(At("2023-10-09"), Clerk, fee, Day.Of("2023-10-10")));

        application.FeePaymentDue(Rules).ShouldBe(Day.Of("2023-11-07"));
        application.Refusal(Reply("2023-10-12")).Message.ShouldBe("收费通知尚未缴费，不能答复；应在缴费后答复，或在缴费期限届满后按逾期未缴费处理。");
        application.Refusal(new FeeNoticeSent(At("2023-10-10"), Clerk, InformationProcessingFee.ByCount(1, 12), Day.Of("2023-10-10")))
            .Message.ShouldBe("本申请已经发出过收费通知；同一申请只能按件或按量择一计收，不能重复收费。");

        var paid = application.Then(new FeePaid(At("2023-10-13"), Applicant));

        // 10-10..10-13 paused (4 working days) as with a consultation: 2023-10-27 → 2023-11-02.
        paid.Deadline(Rules).Due.ShouldBe(Day.Of("2023-11-02"));
        paid.Deadline(Rules with { Policy = DeadlinePolicy.Default with { FeeStopsClock = false } }).Due.ShouldBe(Day.Of("2023-10-27"));
        paid.Check(Reply("2023-10-20"), Rules).ShouldBeNull();
    }

    [Fact]
    public void An_unpaid_fee_closes_the_case_under_6_2_only_after_20_working_days()
    {
        var application = Registered("2023-09-25")
            .Then(new FeeNoticeSent(At("2023-10-09"), Clerk, InformationProcessingFee.ByCount(5, 30), Day.Of("2023-10-10")));

        application.Refusal(new FeeUnpaid(At("2023-11-07"), Clerk))
            .Message.ShouldBe("缴费期限（自收到收费通知次日起20个工作日）至 2023-11-07 尚未届满，不能按逾期未缴费处理。");

        var closed = application.Then(new FeeUnpaid(At("2023-11-08"), Clerk));

        closed.State.ShouldBe(CaseState.ClosedUnpaidFee);
        closed.Outcome.ShouldBe(Outcome.OtherUnpaidFee);
        closed.ConcludedOn.ShouldBe(Day.Of("2023-11-08"));
    }

    [Fact]
    public void A_fee_cannot_be_paid_after_the_payment_period()
    {
        var application = Registered("2023-09-25")
            .Then(new FeeNoticeSent(At("2023-10-09"), Clerk, InformationProcessingFee.ByCount(5, 30), Day.Of("2023-10-10")));

        application.Refusal(new FeePaid(At("2023-11-08"), Applicant)).ShouldBe(new CaseRefusal(
            RefusalCode.FeePaidAfterDue,
            "缴费期限（自收到收费通知次日起20个工作日）已于 2023-11-07 届满，2023-11-08 不能再登记缴费。申请人在期限内已缴费的，请以实际缴费日期登记；逾期未缴费的，应按逾期未缴费处理。", EventField.Date));
        application.Then(new FeePaid(At("2023-11-07"), Applicant)).FeePaidOn.ShouldBe(Day.Of("2023-11-07"));
    }

    [Fact]
    public void A_stored_history_is_replayed_without_its_time_limits_being_checked_again()
    {
        // Accepted under an earlier calendar or rule, and stored: a payment and a correction now outside their periods.
        var application = Registered("2023-09-25")
            .Then(new FeeNoticeSent(At("2023-10-09"), Clerk, InformationProcessingFee.ByCount(5, 30), Day.Of("2023-10-10")));
        var latePayment = new FeePaid(At("2023-11-08"), Applicant);
        Should.Throw<CaseRuleException>(() => application.Apply(latePayment, CaseRules.Default)).Refusal.Code.ShouldBe(RefusalCode.FeePaidAfterDue);

        var replayed = application.Replay(latePayment, CaseRules.Default);

        replayed.FeePaidOn.ShouldBe(Day.Of("2023-11-08"));
        var lateCorrection = new CorrectionRequested(At("2023-10-20"), Clerk, Day.Of("2023-11-03"), "请写明文件名称。");
        Registered("2023-09-25").Refusal(lateCorrection).Code.ShouldBe(RefusalCode.CorrectionTooLate);
        Registered("2023-09-25").Replay(lateCorrection, CaseRules.Default).State.ShouldBe(CaseState.AwaitingCorrection);
        Should.Throw<CaseRuleException>(() => replayed.Replay(new Registered(At("2023-11-09"), Clerk), CaseRules.Default))
            .Refusal.Code.ShouldBe(RefusalCode.AlreadyRegistered, "the order of the lifecycle is still checked");
    }

    [Fact]
    public void Fee_notices_are_refused_when_nothing_is_due_or_too_late()
    {
        var application = Registered("2023-09-25");

        application.Refusal(new FeeNoticeSent(At("2023-10-09"), Clerk, InformationProcessingFee.ByPages(30), Day.Of("2023-10-10")))
            .Message.ShouldBe("应收信息处理费为0元，不需要发出收费通知。");
        application.Refusal(new FeeNoticeSent(At("2023-10-30"), Clerk, InformationProcessingFee.ByPages(31), Day.Of("2023-10-30")))
            .Message.ShouldBe("收费通知应在答复期限内发出，答复期限已于 2023-10-27 届满。");
        application.Refusal(new FeeNoticeSent(At("2023-10-09"), Clerk, InformationProcessingFee.ByPages(31), Day.Of("2023-10-08")))
            .Code.ShouldBe(RefusalCode.FeeReceivedBeforeSent);
        application.Refusal(new FeePaid(At("2023-10-09"), Applicant)).Message.ShouldBe("没有待缴费的收费通知，不能登记缴费。");
    }

    [Theory]
    [InlineData(Outcome.WithheldStateSecret, "办理结果「（三）不予公开1.属于国家秘密」须说明理由（依据：《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项）。")]
    [InlineData(Outcome.PartiallyGranted, "办理结果「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」须说明理由（依据：《中华人民共和国政府信息公开条例》第三十七条）。")]
    public void An_outcome_that_needs_a_reason_is_refused_without_one(Outcome outcome, string message)
    {
        var refusal = Registered("2023-09-25").Refusal(Reply("2023-10-20", outcome, "  "));

        refusal.ShouldBe(new CaseRefusal(RefusalCode.ReasonRequired, message, EventField.Reason));
    }

    [Fact]
    public void Outcomes_reached_by_their_own_events_cannot_be_chosen_in_a_reply()
    {
        var application = Registered("2023-09-25");

        application.Refusal(Reply("2023-10-20", Outcome.OtherNoCorrection, "逾期"))
            .Message.ShouldBe("「（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」只能在补正期限届满后通过“逾期未补正”登记，不能作为答复结果直接选择。");
        application.Refusal(Reply("2023-10-20", Outcome.OtherUnpaidFee, "未缴费")).Code.ShouldBe(RefusalCode.OutcomeNeedsEvent);
        application.Refusal(Reply("2023-10-20", Outcome.UnableUnclearAfterCorrection, "不明确"))
            .Message.ShouldBe("「（四）无法提供3.补正后申请内容仍不明确」只适用于已经补正的申请，本申请没有补正。");
        application.Check(Reply("2023-10-20", Outcome.NotProcessedDuplicate), Rules).ShouldBeNull();
    }

    [Fact]
    public void For_post_the_posting_date_counts_and_for_direct_delivery_the_signing_date()
    {
        var application = Registered("2023-09-25");

        application.Refusal(Reply("2023-10-27", delivery: DeliveryMethod.Post)).Message.ShouldBe("邮寄送达的答复须填写交邮日期。");
        application.Refusal(Reply("2023-10-27", delivery: DeliveryMethod.Post, posted: "2023-10-26"))
            .Message.ShouldBe("交邮日期 2023-10-26 早于答复日期 2023-10-27。");
        application.Refusal(Reply("2023-10-27", posted: "2023-10-27")).Code.ShouldBe(RefusalCode.PostedOnNotApplicable);

        application.Then(Reply("2023-10-27", delivery: DeliveryMethod.Post, posted: "2023-10-27"))
            .StatusOn(Day.Of("2023-11-01"), Rules).ShouldBe(DeadlineStatus.RepliedOnTime);
        application.Then(Reply("2023-10-27", delivery: DeliveryMethod.Post, posted: "2023-10-30"))
            .StatusOn(Day.Of("2023-11-01"), Rules).ShouldBe(DeadlineStatus.RepliedLate);

        var direct = application.Then(Reply("2023-10-26", delivery: DeliveryMethod.Direct));
        direct.StatusOn(Day.Of("2023-10-26"), Rules).ShouldBe(DeadlineStatus.RepliedOnTime);
        direct.Then(new Delivered(At("2023-10-30"), Clerk)).StatusOn(Day.Of("2023-11-01"), Rules).ShouldBe(DeadlineStatus.RepliedLate);
    }

    [Fact]
    public void Delivery_and_archiving_follow_the_reply()
    {
        var registered = Registered("2023-09-25");
        registered.Refusal(new Delivered(At("2023-10-20"), Clerk)).Message.ShouldBe("申请尚未答复，不能登记送达。");
        registered.Refusal(new Archived(At("2023-10-20"), Clerk)).Message.ShouldBe("只有已送达、已撤回或已终止办理的申请才能归档，本申请办理中。");

        var replied = registered.Then(Reply("2023-10-20", delivery: DeliveryMethod.Post, posted: "2023-10-21"));
        replied.Refusal(new Delivered(At("2023-10-20"), Clerk)).Code.ShouldBe(RefusalCode.DeliveredBeforePosting);
        replied.Refusal(new Archived(At("2023-10-22"), Clerk)).Code.ShouldBe(RefusalCode.ArchiveNotReady);

        var archived = replied.Then(new Delivered(At("2023-10-23"), Clerk)).Then(new Archived(At("2023-10-24"), Clerk));
        archived.Refusal(new Delivered(At("2023-10-25"), Clerk)).Code.ShouldBe(RefusalCode.AlreadyDelivered);
        archived.Refusal(new Archived(At("2023-10-25"), Clerk)).Message.ShouldBe("申请已归档，不能再归档。");
        archived.Refusal(Reply("2023-10-25")).Message.ShouldBe("申请已归档，不能再答复。");
    }

    [Fact]
    public void An_open_application_can_be_withdrawn_and_counts_under_6_3()
    {
        var withdrawn = Received("2023-09-25").Then(new Withdrawn(At("2023-09-26"), Applicant, "不再需要"));

        withdrawn.State.ShouldBe(CaseState.Withdrawn);
        withdrawn.Outcome!.Value.Row().ShouldBe(Table3Row.OtherOther);
        withdrawn.Refusal(new Withdrawn(At("2023-09-27"), Applicant)).Code.ShouldBe(RefusalCode.CaseClosed);
        Registered("2023-09-25").Then(Reply("2023-10-20")).Refusal(new Withdrawn(At("2023-10-21"), Applicant))
            .Message.ShouldBe("申请已答复，不能再撤回。");
    }

    [Theory]
    [InlineData("2023-10-20", DeadlineStatus.OnTrack)] // 10-23..10-27: 5 working days left
    [InlineData("2023-10-23", DeadlineStatus.OnTrack)] // 10-24..10-27: 4 left
    [InlineData("2023-10-24", DeadlineStatus.DueSoon)] // 10-25, 26, 27: 3 left
    [InlineData("2023-10-27", DeadlineStatus.DueSoon)] // due today
    [InlineData("2023-10-28", DeadlineStatus.Overdue)]
    public void Open_cases_are_on_track_due_soon_or_overdue(string today, DeadlineStatus status)
    {
        Registered("2023-09-25").StatusOn(Day.Of(today), Rules).ShouldBe(status);
    }
}
