namespace Gongkai.Applications;

/// <summary>Where a disclosure application stands.</summary>
public enum CaseState
{
    /// <summary>Arrived, not yet registered. The reply clock already runs from the receipt date.</summary>
    Received,

    /// <summary>Registered and being handled (consultations and fee notices happen here).</summary>
    InProgress,

    /// <summary>A correction (补正) was requested; the clock starts again when the corrected application arrives.</summary>
    AwaitingCorrection,

    /// <summary>Answered; counted as concluded on the reply date.</summary>
    Replied,

    /// <summary>The reply reached the applicant.</summary>
    Delivered,

    /// <summary>Filed away; no further events.</summary>
    Archived,

    /// <summary>The applicant withdrew (counted under （六）3).</summary>
    Withdrawn,

    /// <summary>No correction within the period: deemed abandoned (（六）1).</summary>
    ClosedNoCorrection,

    /// <summary>The fee was not paid within 20 working days: deemed abandoned (（六）2).</summary>
    ClosedUnpaidFee,
}

/// <summary>Where a case stands against its deadline on a given day.</summary>
public enum DeadlineStatus
{
    /// <summary>Open, more than the due-soon margin left.</summary>
    OnTrack,

    /// <summary>Open, at most <see cref="DeadlinePolicy.DueSoonWorkingDays"/> working days left (due today included).</summary>
    DueSoon,

    /// <summary>Open and past its due date.</summary>
    Overdue,

    /// <summary>Waiting for the applicant's correction: no due date until it arrives.</summary>
    AwaitingCorrection,

    /// <summary>An online application the agency has not confirmed yet (it counts from confirmation): no due date until then.</summary>
    AwaitingConfirmation,

    /// <summary>Replied no later than the due date.</summary>
    RepliedOnTime,

    /// <summary>Replied after the due date.</summary>
    RepliedLate,

    /// <summary>Ended without a reply (withdrawn, no correction, fee unpaid).</summary>
    ClosedWithoutReply,
}

public static class CaseStates
{
    public static bool IsOpen(this CaseState state) =>
        state is CaseState.Received or CaseState.InProgress or CaseState.AwaitingCorrection;

    public static string Label(CaseState state) => state switch
    {
        CaseState.Received => "已收到、尚未登记",
        CaseState.InProgress => "办理中",
        CaseState.AwaitingCorrection => "待补正",
        CaseState.Replied => "已答复",
        CaseState.Delivered => "已送达",
        CaseState.Archived => "已归档",
        CaseState.Withdrawn => "已撤回",
        CaseState.ClosedNoCorrection => "因逾期未补正终止办理",
        CaseState.ClosedUnpaidFee => "因逾期未缴费终止办理",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
