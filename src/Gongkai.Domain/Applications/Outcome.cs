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
/// An outcome's table 三 row, the legal basis cited in the reply letter, whether the reply must give reasons, and its
/// plain name for the applicant.
/// </summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Row">The table 三 row it is counted in.</param>
/// <param name="LegalBasis">The provisions the reply cites, e.g. 《中华人民共和国政府信息公开条例》第三十七条.</param>
/// <param name="RequiresReason">True when the Regulation makes the agency state reasons (or what the applicant must do instead).</param>
/// <param name="Origin">How a case reaches this outcome.</param>
/// <param name="PublicName">
/// What the applicant reads (the status page), e.g. 部分公开 or 不予公开（属于国家秘密）: the result without the
/// statistics' numbering and counting notes. Staff pages and reports use <see cref="Label"/>.
/// </param>
public sealed record OutcomeDefinition(Outcome Outcome, Table3Row Row, string LegalBasis, bool RequiresReason, OutcomeOrigin Origin, string PublicName)
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
        Define(Outcome.Granted, Table3Row.Granted, Regulation + "第三十六条第（一）项、第（二）项", false, "予以公开"),
        Define(Outcome.PartiallyGranted, Table3Row.PartiallyGranted, Regulation + "第三十七条", true, "部分公开"),
        Define(Outcome.WithheldStateSecret, Table3Row.WithheldStateSecret, Regulation + "第十四条、" + Withheld, true, "不予公开（属于国家秘密）"),
        Define(Outcome.WithheldProhibitedByLaw, Table3Row.WithheldProhibitedByLaw, Regulation + "第十四条、" + Withheld, true, "不予公开（其他法律行政法规禁止公开）"),
        Define(Outcome.WithheldThreeSecurityOneStability, Table3Row.WithheldThreeSecurityOneStability, Regulation + "第十四条、" + Withheld, true, "不予公开（危及“三安全一稳定”）"),
        Define(Outcome.WithheldThirdPartyRights, Table3Row.WithheldThirdPartyRights, Regulation + "第十五条、第三十二条、" + Withheld, true, "不予公开（保护第三方合法权益）"),
        Define(Outcome.WithheldInternalAffairs, Table3Row.WithheldInternalAffairs, Regulation + "第十六条第一款、" + Withheld, true, "不予公开（属于三类内部事务信息）"),
        Define(Outcome.WithheldProcessInformation, Table3Row.WithheldProcessInformation, Regulation + "第十六条第二款、" + Withheld, true, "不予公开（属于四类过程性信息）"),
        Define(Outcome.WithheldEnforcementCaseFiles, Table3Row.WithheldEnforcementCaseFiles, Regulation + "第十六条第二款、" + Withheld, true, "不予公开（属于行政执法案卷）"),
        Define(Outcome.WithheldAdministrativeQuery, Table3Row.WithheldAdministrativeQuery, Regulation + "第三十六条第（七）项", true, "不予公开（属于行政查询事项）"),
        Define(Outcome.UnableNotHeld, Table3Row.UnableNotHeld, Regulation + "第三十六条第（四）项、第（五）项", true, "无法提供（本机关不掌握相关政府信息）"),
        Define(Outcome.UnableNeedsCreation, Table3Row.UnableNeedsCreation, Regulation + "第三十八条", true, "无法提供（没有现成信息需要另行制作）"),
        Define(Outcome.UnableUnclearAfterCorrection, Table3Row.UnableUnclearAfterCorrection, Regulation + "第三十条", true, "无法提供（补正后申请内容仍不明确）"),
        Define(Outcome.NotProcessedPetitionComplaint, Table3Row.NotProcessedPetitionComplaint, Regulation + "第三十九条第一款", true, "不予处理（信访举报投诉类申请）"),
        Define(Outcome.NotProcessedDuplicate, Table3Row.NotProcessedDuplicate, Regulation + "第三十六条第（六）项", false, "不予处理（重复申请）"),
        Define(Outcome.NotProcessedPublication, Table3Row.NotProcessedPublication, Regulation + "第三十九条第二款", false, "不予处理（要求提供公开出版物）"),
        Define(Outcome.NotProcessedExcessive, Table3Row.NotProcessedExcessive, Regulation + "第三十五条", true, "不予处理（无正当理由大量反复申请）"),
        Define(Outcome.NotProcessedConfirmation, Table3Row.NotProcessedConfirmation, "条例未单列条款，按年度报告格式（五）5统计（实践做法），答复中应具体说明理由", true, "不予处理（要求行政机关确认或重新出具已获取信息）"),
        Define(Outcome.OtherNoCorrection, Table3Row.OtherNoCorrection, Regulation + "第三十条", false, OutcomeOrigin.CorrectionDeadlineMissed, "终止办理（逾期未补正，视为放弃申请）"),
        Define(Outcome.OtherUnpaidFee, Table3Row.OtherUnpaidFee, Regulation + "第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", false, OutcomeOrigin.FeeUnpaid, "终止办理（逾期未缴纳信息处理费，视为放弃申请）"),
        Define(Outcome.OtherOther, Table3Row.OtherOther, "依实际情况说明（如申请人撤回申请）", true, "其他处理"),
    ];

    public static OutcomeDefinition Get(Outcome outcome) => All[(int)outcome];

    public static Table3Row Row(this Outcome outcome) => Get(outcome).Row;

    /// <summary>The applicant's word for an outcome (<see cref="OutcomeDefinition.PublicName"/>).</summary>
    public static string PublicName(this Outcome outcome) => Get(outcome).PublicName;

    private static OutcomeDefinition Define(Outcome outcome, Table3Row row, string basis, bool requiresReason, string publicName) =>
        new(outcome, row, basis, requiresReason, OutcomeOrigin.Reply, publicName);

    private static OutcomeDefinition Define(Outcome outcome, Table3Row row, string basis, bool requiresReason, OutcomeOrigin origin, string publicName) =>
        new(outcome, row, basis, requiresReason, origin, publicName);
}
