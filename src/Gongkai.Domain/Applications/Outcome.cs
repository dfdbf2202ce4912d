using Gongkai.AnnualReports;

namespace Gongkai.Applications;

/// <summary>
/// How an application was concluded: exactly one value per outcome row of table 三 (2021 format), in the table's
/// order, so an application is counted once. 部分公开 is <see cref="PartiallyGranted"/> only.
/// </summary>
public enum Outcome
{
    Granted,
    PartiallyGranted,
    WithheldStateSecret,
    WithheldProhibitedByLaw,
    WithheldThreeSecurityOneStability,
    WithheldThirdPartyRights,
    WithheldInternalAffairs,
    WithheldProcessInformation,
    WithheldEnforcementCaseFiles,
    WithheldAdministrativeQuery,
    UnableNotHeld,
    UnableNeedsCreation,
    UnableUnclearAfterCorrection,
    NotProcessedPetitionComplaint,
    NotProcessedDuplicate,
    NotProcessedPublication,
    NotProcessedExcessive,
    NotProcessedConfirmation,
    OtherNoCorrection,
    OtherUnpaidFee,
    OtherOther,
}

/// <summary>How an outcome is reached in a case.</summary>
public enum OutcomeOrigin
{
    /// <summary>Chosen in the reply (答复).</summary>
    Reply,

    /// <summary>Set only by the correction-deadline-missed event (（六）1).</summary>
    CorrectionDeadlineMissed,

    /// <summary>Set only by the fee-unpaid event (（六）2).</summary>
    FeeUnpaid,
}

/// <summary>
/// An outcome's table 三 row, the legal basis cited in the reply letter, and whether the reply must give reasons.
/// </summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Row">The table 三 row it is counted in.</param>
/// <param name="LegalBasis">The provisions the reply cites, e.g. 《中华人民共和国政府信息公开条例》第三十七条.</param>
/// <param name="RequiresReason">True when the Regulation makes the agency state reasons (or what the applicant must do instead).</param>
/// <param name="Origin">How a case reaches this outcome.</param>
public sealed record OutcomeDefinition(Outcome Outcome, Table3Row Row, string LegalBasis, bool RequiresReason, OutcomeOrigin Origin)
{
    /// <summary>The table 三 label, e.g. "（三）不予公开 1.属于国家秘密".</summary>
    public string Label => NationalFormat.Table3RowDefinition(ReportFormat.Format2021, Row) is { } row
        ? row.Group is { } g && g != NationalFormat.OutcomeGroup ? g + row.Label : row.Label
        : Row.ToString();
}

/// <summary>
/// The outcome catalogue. The Article → row assignment is the crosswalk used in practice (rules.md §2.1, not an
/// official table): it is data here so that a supervising office's different reading changes one line.
/// </summary>
public static class Outcomes
{
    private const string Regulation = "《中华人民共和国政府信息公开条例》";
    private const string Withheld = "第三十六条第（三）项";

    public static IReadOnlyList<OutcomeDefinition> All { get; } =
    [
        Define(Outcome.Granted, Table3Row.Granted, Regulation + "第三十六条第（一）项、第（二）项", false),
        Define(Outcome.PartiallyGranted, Table3Row.PartiallyGranted, Regulation + "第三十七条", true),
        Define(Outcome.WithheldStateSecret, Table3Row.WithheldStateSecret, Regulation + "第十四条、" + Withheld, true),
        Define(Outcome.WithheldProhibitedByLaw, Table3Row.WithheldProhibitedByLaw, Regulation + "第十四条、" + Withheld, true),
        Define(Outcome.WithheldThreeSecurityOneStability, Table3Row.WithheldThreeSecurityOneStability, Regulation + "第十四条、" + Withheld, true),
        Define(Outcome.WithheldThirdPartyRights, Table3Row.WithheldThirdPartyRights, Regulation + "第十五条、第三十二条、" + Withheld, true),
        Define(Outcome.WithheldInternalAffairs, Table3Row.WithheldInternalAffairs, Regulation + "第十六条第一款、" + Withheld, true),
        Define(Outcome.WithheldProcessInformation, Table3Row.WithheldProcessInformation, Regulation + "第十六条第二款、" + Withheld, true),
        Define(Outcome.WithheldEnforcementCaseFiles, Table3Row.WithheldEnforcementCaseFiles, Regulation + "第十六条第二款、" + Withheld, true),
        Define(Outcome.WithheldAdministrativeQuery, Table3Row.WithheldAdministrativeQuery, Regulation + "第三十六条第（七）项", true),
        Define(Outcome.UnableNotHeld, Table3Row.UnableNotHeld, Regulation + "第三十六条第（四）项、第（五）项", true),
        Define(Outcome.UnableNeedsCreation, Table3Row.UnableNeedsCreation, Regulation + "第三十八条", true),
        Define(Outcome.UnableUnclearAfterCorrection, Table3Row.UnableUnclearAfterCorrection, Regulation + "第三十条", true),
        Define(Outcome.NotProcessedPetitionComplaint, Table3Row.NotProcessedPetitionComplaint, Regulation + "第三十九条第一款", true),
        Define(Outcome.NotProcessedDuplicate, Table3Row.NotProcessedDuplicate, Regulation + "第三十六条第（六）项", false),
        Define(Outcome.NotProcessedPublication, Table3Row.NotProcessedPublication, Regulation + "第三十九条第二款", false),
        Define(Outcome.NotProcessedExcessive, Table3Row.NotProcessedExcessive, Regulation + "第三十五条", true),
        Define(Outcome.NotProcessedConfirmation, Table3Row.NotProcessedConfirmation, "条例未单列条款，按年度报告格式（五）5统计（实践做法），答复中应具体说明理由", true),
        Define(Outcome.OtherNoCorrection, Table3Row.OtherNoCorrection, Regulation + "第三十条", false, OutcomeOrigin.CorrectionDeadlineMissed),
        Define(Outcome.OtherUnpaidFee, Table3Row.OtherUnpaidFee, Regulation + "第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", false, OutcomeOrigin.FeeUnpaid),
        Define(Outcome.OtherOther, Table3Row.OtherOther, "依实际情况说明（如申请人撤回申请）", true),
    ];

    public static OutcomeDefinition Get(Outcome outcome) => All[(int)outcome];

    public static Table3Row Row(this Outcome outcome) => Get(outcome).Row;

    private static OutcomeDefinition Define(
        Outcome outcome, Table3Row row, string basis, bool requiresReason, OutcomeOrigin origin = OutcomeOrigin.Reply) =>
        new(outcome, row, basis, requiresReason, origin);
}
