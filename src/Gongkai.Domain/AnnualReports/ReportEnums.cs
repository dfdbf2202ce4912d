namespace Gongkai.AnnualReports;

/// <summary>The national annual-report format a report follows.</summary>
public enum ReportFormat
{
    /// <summary>国办公开办函〔2021〕30号, used from the 2021 reports on.</summary>
    Format2021 = 2021,

    /// <summary>国办公开办函〔2019〕60号, used for the 2019 and 2020 reports.</summary>
    Format2019 = 2019,
}

/// <summary>The six sections of the report, in their statutory order.</summary>
public enum SectionKey
{
    /// <summary>一、总体情况</summary>
    Overview,

    /// <summary>二、主动公开政府信息情况 (holds table 二)</summary>
    ProactiveDisclosure,

    /// <summary>三、收到和处理政府信息公开申请情况 (holds table 三)</summary>
    Applications,

    /// <summary>四、政府信息公开行政复议、行政诉讼情况 (holds table 四)</summary>
    ReviewAndLitigation,

    /// <summary>五、存在的主要问题及改进情况</summary>
    Problems,

    /// <summary>六、其他需要报告的事项</summary>
    Other,
}

/// <summary>The numbered tables of the report.</summary>
public enum ReportTable
{
    Table2 = 2,
    Table3 = 3,
    Table4 = 4,
}

/// <summary>
/// The numeric rows of table 三 in national order. The 2021 format has all 25; the 2019 format has no
/// <see cref="OtherNoCorrection"/> and <see cref="OtherUnpaidFee"/> and labels <see cref="OtherOther"/> as a single
/// （六）其他处理 row (the documented 2019→2021 migration maps that row to （六）3.其他).
/// </summary>
public enum Table3Row
{
    NewReceived,
    CarriedOver,
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
    TotalProcessed,
    CarriedForward,
}

/// <summary>The applicant columns of table 三; <see cref="Total"/> is the sum of the six others.</summary>
public enum Table3Column
{
    NaturalPerson,
    Commercial,
    Research,
    PublicInterest,
    LegalService,
    Other,
    Total,
}

/// <summary>The three blocks of table 四.</summary>
public enum Table4Block
{
    Reconsideration,
    LitigationDirect,
    LitigationAfterReconsideration,
}

/// <summary>The columns of each table 四 block; <see cref="Total"/> = the four others.</summary>
public enum Table4Column
{
    Upheld,
    Corrected,
    Other,
    Pending,
    Total,
}

/// <summary>
/// Every numeric cell of table 二 in either format. A report uses only the fields of its own format
/// (<see cref="NationalFormat.Table2Fields"/>); the others stay <see cref="CellKind.Missing"/>.
/// </summary>
public enum Table2Field
{
    // 2021
    RegulationsIssued,
    RegulationsRepealed,
    RegulationsInForce,
    NormativeDocumentsIssued,
    NormativeDocumentsRepealed,
    NormativeDocumentsInForce,
    Licensing,
    Penalty,
    Enforcement,
    FeesWanYuan,

    // 2019
    RegulationsMade2019,
    RegulationsPublished2019,
    RegulationsTotal2019,
    NormativeDocumentsMade2019,
    NormativeDocumentsPublished2019,
    NormativeDocumentsTotal2019,
    LicensingPrevious2019,
    LicensingChange2019,
    LicensingDecisions2019,
    OtherServicesPrevious2019,
    OtherServicesChange2019,
    OtherServicesDecisions2019,
    PenaltyPrevious2019,
    PenaltyChange2019,
    PenaltyDecisions2019,
    EnforcementPrevious2019,
    EnforcementChange2019,
    EnforcementDecisions2019,
    FeesPrevious2019,
    FeesChange2019,
    ProcurementCount2019,
    ProcurementAmountWanYuan2019,
}

/// <summary>What a numeric cell may hold.</summary>
public enum CellUnit
{
    /// <summary>A non-negative whole number of items (件).</summary>
    Count,

    /// <summary>A whole number that may be negative (the 2019 本年增/减 columns).</summary>
    SignedCount,

    /// <summary>A non-negative amount in 万元, fractions allowed.</summary>
    WanYuan,
}
