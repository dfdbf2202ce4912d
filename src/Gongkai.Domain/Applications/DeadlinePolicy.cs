using Gongkai.Calendar;

namespace Gongkai.Applications;

/// <summary>
/// The periods of the Regulation and the choices the law leaves open. Defaults are the statutory figures; the two
/// open choices (<see cref="FeeStopsClock"/>, <see cref="DueSoonWorkingDays"/>) are explained in docs/adr/0002.
/// </summary>
public sealed record DeadlinePolicy
{
    public static DeadlinePolicy Default { get; } = new();

    /// <summary>Reply period (条例第三十三条): 20 working days after receipt.</summary>
    public int ReplyWorkingDays { get; init; } = 20;

    /// <summary>Longest extension (条例第三十三条): 20 working days.</summary>
    public int MaxExtensionWorkingDays { get; init; } = 20;

    /// <summary>A correction must be requested within this many working days of receipt (条例第三十条).</summary>
    public int CorrectionNoticeWorkingDays { get; init; } = 7;

    /// <summary>A consulted third party or agency has this many working days to answer (条例第三十二条、第三十四条).</summary>
    public int ConsultationWorkingDays { get; init; } = 15;

    /// <summary>Working days to pay a fee, from the day after the notice is received (国办函〔2020〕109号).</summary>
    public int FeePaymentWorkingDays { get; init; } = Fees.InformationProcessingFee.PaymentWorkingDays;

    /// <summary>
    /// Whether the reply clock stops from the fee notice until payment. 109号 as retrieved does not say; the default
    /// is yes, so an agency is not pushed past its deadline by the applicant's payment time.
    /// </summary>
    public bool FeeStopsClock { get; init; } = true;

    /// <summary>A case is due soon when at most this many working days are left after today (0 = due today).</summary>
    public int DueSoonWorkingDays { get; init; } = 3;
}

/// <summary>What a case's deadline depends on: the working calendar and the policy.</summary>
public sealed record CaseRules(WorkingCalendar Calendar, DeadlinePolicy Policy)
{
    public static CaseRules Default => new(WorkingCalendar.Default, DeadlinePolicy.Default);
}
