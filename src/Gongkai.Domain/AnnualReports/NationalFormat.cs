using System.Collections.Frozen;

namespace Gongkai.AnnualReports;

/// <summary>A numbered heading of the report's narrative.</summary>
public sealed record SectionDefinition(SectionKey Key, int Number, string Heading, string JsonName);

/// <summary>A row of table 三 with its exact label; <paramref name="Group"/> is the merged group label, if any.</summary>
public sealed record Table3RowDefinition(Table3Row Row, string Label, string? Group, string JsonGroup, string? JsonName);

/// <summary>One row of a table 二 block: its label and the fields of its cells, left to right.</summary>
public sealed record Table2RowDefinition(string Label, IReadOnlyList<Table2Field> Fields);

/// <summary>A block of table 二, headed by the article item it reports on.</summary>
public sealed record Table2BlockDefinition(
    string Header,
    IReadOnlyList<string> ColumnLabels,
    IReadOnlyList<Table2RowDefinition> Rows);

/// <summary>How one table 二 field is named, measured and stored in JSON.</summary>
public sealed record Table2FieldDefinition(Table2Field Field, string RowLabel, string ColumnLabel, CellUnit Unit, string JsonPath);

/// <summary>
/// The national annual-report format as data: every Chinese label of 国办公开办函〔2021〕30号 (and of the 2019
/// format) is written here once, exactly, and nowhere else.
/// </summary>
public static class NationalFormat
{
    public const string TitleSuffix = "政府信息公开工作年度报告";

    public const string InformationContent = "信息内容";

    public const string Table3Note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    public const string ApplicantGroup = "申请人情况";
    public const string LegalPersonGroup = "法人或其他组织";
    public const string OutcomeGroup = "三、本年度办理结果";

    public const string Reconsideration = "行政复议";
    public const string Litigation = "行政诉讼";

    public static IReadOnlyList<SectionDefinition> Sections { get; } =
    [
        new(SectionKey.Overview, 1, "一、总体情况", "overview"),
        new(SectionKey.ProactiveDisclosure, 2, "二、主动公开政府信息情况", "proactiveDisclosure"),
        new(SectionKey.Applications, 3, "三、收到和处理政府信息公开申请情况", "applications"),
        new(SectionKey.ReviewAndLitigation, 4, "四、政府信息公开行政复议、行政诉讼情况", "reviewAndLitigation"),
        new(SectionKey.Problems, 5, "五、存在的主要问题及改进情况", "problems"),
        new(SectionKey.Other, 6, "六、其他需要报告的事项", "other"),
    ];

    public static IReadOnlyList<string> Table3ColumnLabels { get; } =
        ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

    public static IReadOnlyList<string> Table3ColumnJsonNames { get; } =
        ["naturalPerson", "commercial", "research", "publicInterest", "legalService", "other", "total"];

    public static IReadOnlyList<string> Table4BlockLabels { get; } = ["行政复议", "未经复议直接起诉", "复议后起诉"];

    public static IReadOnlyList<string> Table4BlockJsonNames { get; } =
        ["reconsideration", "litigationDirect", "litigationAfterReconsideration"];

    public static IReadOnlyList<string> Table4ColumnLabels { get; } = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

    public static IReadOnlyList<string> Table4ColumnJsonNames { get; } = ["upheld", "corrected", "other", "pending", "total"];

    private static readonly Table3RowDefinition[] Table3Rows2021 =
    [
        new(Table3Row.NewReceived, "一、本年新收政府信息公开申请数量", null, "newReceived", null),
        new(Table3Row.CarriedOver, "二、上年结转政府信息公开申请数量", null, "carriedOver", null),
        new(Table3Row.Granted, "（一）予以公开", OutcomeGroup, "granted", null),
        new(Table3Row.PartiallyGranted, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", OutcomeGroup, "partiallyGranted", null),
        new(Table3Row.WithheldStateSecret, "1.属于国家秘密", "（三）不予公开", "withheld", "stateSecret"),
        new(Table3Row.WithheldProhibitedByLaw, "2.其他法律行政法规禁止公开", "（三）不予公开", "withheld", "prohibitedByLaw"),
        new(Table3Row.WithheldThreeSecurityOneStability, "3.危及“三安全一稳定”", "（三）不予公开", "withheld", "threeSecurityOneStability"),
        new(Table3Row.WithheldThirdPartyRights, "4.保护第三方合法权益", "（三）不予公开", "withheld", "thirdPartyRights"),
        new(Table3Row.WithheldInternalAffairs, "5.属于三类内部事务信息", "（三）不予公开", "withheld", "internalAffairs"),
        new(Table3Row.WithheldProcessInformation, "6.属于四类过程性信息", "（三）不予公开", "withheld", "processInformation"),
        new(Table3Row.WithheldEnforcementCaseFiles, "7.属于行政执法案卷", "（三）不予公开", "withheld", "enforcementCaseFiles"),
        new(Table3Row.WithheldAdministrativeQuery, "8.属于行政查询事项", "（三）不予公开", "withheld", "administrativeQuery"),
        new(Table3Row.UnableNotHeld, "1.本机关不掌握相关政府信息", "（四）无法提供", "unableToProvide", "notHeld"),
        new(Table3Row.UnableNeedsCreation, "2.没有现成信息需要另行制作", "（四）无法提供", "unableToProvide", "needsCreation"),
        new(Table3Row.UnableUnclearAfterCorrection, "3.补正后申请内容仍不明确", "（四）无法提供", "unableToProvide", "unclearAfterCorrection"),
        new(Table3Row.NotProcessedPetitionComplaint, "1.信访举报投诉类申请", "（五）不予处理", "notProcessed", "petitionComplaint"),
        new(Table3Row.NotProcessedDuplicate, "2.重复申请", "（五）不予处理", "notProcessed", "duplicate"),
        new(Table3Row.NotProcessedPublication, "3.要求提供公开出版物", "（五）不予处理", "notProcessed", "publication"),
        new(Table3Row.NotProcessedExcessive, "4.无正当理由大量反复申请", "（五）不予处理", "notProcessed", "excessive"),
        new(Table3Row.NotProcessedConfirmation, "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", "notProcessed", "confirmation"),
        new(Table3Row.OtherNoCorrection, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理", "otherDisposal", "noCorrection"),
        new(Table3Row.OtherUnpaidFee, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理", "otherDisposal", "unpaidFee"),
        new(Table3Row.OtherOther, "3.其他", "（六）其他处理", "otherDisposal", "other"),
        new(Table3Row.TotalProcessed, "（七）总计", OutcomeGroup, "totalProcessed", null),
        new(Table3Row.CarriedForward, "四、结转下年度继续办理", null, "carriedForward", null),
    ];

    // 2019: the same rows up to （五）5, then a single （六）其他处理 row (stored as （六）3.其他), （七）总计 and 四.
    private static readonly Table3RowDefinition[] Table3Rows2019 =
    [
        .. Table3Rows2021[..(int)Table3Row.OtherNoCorrection],
        new(Table3Row.OtherOther, "（六）其他处理", OutcomeGroup, "otherDisposal", null),
        Table3Rows2021[(int)Table3Row.TotalProcessed],
        Table3Rows2021[(int)Table3Row.CarriedForward],
    ];

    private static readonly Table2BlockDefinition[] Table2Blocks2021 =
    [
        new("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
        [
            new("规章", [Table2Field.RegulationsIssued, Table2Field.RegulationsRepealed, Table2Field.RegulationsInForce]),
            new("行政规范性文件", [Table2Field.NormativeDocumentsIssued, Table2Field.NormativeDocumentsRepealed, Table2Field.NormativeDocumentsInForce]),
        ]),
        new("第二十条第（五）项", ["本年处理决定数量"], [new("行政许可", [Table2Field.Licensing])]),
        new("第二十条第（六）项", ["本年处理决定数量"],
        [
            new("行政处罚", [Table2Field.Penalty]),
            new("行政强制", [Table2Field.Enforcement]),
        ]),
        new("第二十条第（八）项", ["本年收费金额（单位：万元）"], [new("行政事业性收费", [Table2Field.FeesWanYuan])]),
    ];

    private static readonly Table2BlockDefinition[] Table2Blocks2019 =
    [
        new("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        [
            new("规章", [Table2Field.RegulationsMade2019, Table2Field.RegulationsPublished2019, Table2Field.RegulationsTotal2019]),
            new("规范性文件", [Table2Field.NormativeDocumentsMade2019, Table2Field.NormativeDocumentsPublished2019, Table2Field.NormativeDocumentsTotal2019]),
        ]),
        new("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
        [
            new("行政许可", [Table2Field.LicensingPrevious2019, Table2Field.LicensingChange2019, Table2Field.LicensingDecisions2019]),
            new("其他对外管理服务事项", [Table2Field.OtherServicesPrevious2019, Table2Field.OtherServicesChange2019, Table2Field.OtherServicesDecisions2019]),
        ]),
        new("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
        [
            new("行政处罚", [Table2Field.PenaltyPrevious2019, Table2Field.PenaltyChange2019, Table2Field.PenaltyDecisions2019]),
            new("行政强制", [Table2Field.EnforcementPrevious2019, Table2Field.EnforcementChange2019, Table2Field.EnforcementDecisions2019]),
        ]),
        new("第二十条第（八）项", ["上一年项目数量", "本年增/减"],
        [
            new("行政事业性收费", [Table2Field.FeesPrevious2019, Table2Field.FeesChange2019]),
        ]),
        new("第二十条第（九）项", ["采购项目数量", "采购总金额"],
        [
            new("政府集中采购", [Table2Field.ProcurementCount2019, Table2Field.ProcurementAmountWanYuan2019]),
        ]),
    ];

    private static readonly FrozenDictionary<Table2Field, string> Table2JsonPaths = new Dictionary<Table2Field, string>
    {
        [Table2Field.RegulationsIssued] = "regulations.issued",
        [Table2Field.RegulationsRepealed] = "regulations.repealed",
        [Table2Field.RegulationsInForce] = "regulations.inForce",
        [Table2Field.NormativeDocumentsIssued] = "normativeDocuments.issued",
        [Table2Field.NormativeDocumentsRepealed] = "normativeDocuments.repealed",
        [Table2Field.NormativeDocumentsInForce] = "normativeDocuments.inForce",
        [Table2Field.Licensing] = "licensing",
        [Table2Field.Penalty] = "penalty",
        [Table2Field.Enforcement] = "enforcement",
        [Table2Field.FeesWanYuan] = "feesWanYuan",
        [Table2Field.RegulationsMade2019] = "regulations.made",
        [Table2Field.RegulationsPublished2019] = "regulations.published",
        [Table2Field.RegulationsTotal2019] = "regulations.total",
        [Table2Field.NormativeDocumentsMade2019] = "normativeDocuments.made",
        [Table2Field.NormativeDocumentsPublished2019] = "normativeDocuments.published",
        [Table2Field.NormativeDocumentsTotal2019] = "normativeDocuments.total",
        [Table2Field.LicensingPrevious2019] = "licensing.previous",
        [Table2Field.LicensingChange2019] = "licensing.change",
        [Table2Field.LicensingDecisions2019] = "licensing.decisions",
        [Table2Field.OtherServicesPrevious2019] = "otherServices.previous",
        [Table2Field.OtherServicesChange2019] = "otherServices.change",
        [Table2Field.OtherServicesDecisions2019] = "otherServices.decisions",
        [Table2Field.PenaltyPrevious2019] = "penalty.previous",
        [Table2Field.PenaltyChange2019] = "penalty.change",
        [Table2Field.PenaltyDecisions2019] = "penalty.decisions",
        [Table2Field.EnforcementPrevious2019] = "enforcement.previous",
        [Table2Field.EnforcementChange2019] = "enforcement.change",
        [Table2Field.EnforcementDecisions2019] = "enforcement.decisions",
        [Table2Field.FeesPrevious2019] = "fees.previous",
        [Table2Field.FeesChange2019] = "fees.change",
        [Table2Field.ProcurementCount2019] = "procurement.count",
        [Table2Field.ProcurementAmountWanYuan2019] = "procurement.amountWanYuan",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Table2Field, Table2FieldDefinition> Table2FieldDefinitions = BuildTable2Fields();

    public static SectionDefinition Section(SectionKey key) => Sections[(int)key];

    /// <summary>The numeric rows of table 三 in the order the format prints them.</summary>
    public static IReadOnlyList<Table3RowDefinition> Table3Rows(ReportFormat format) =>
        format == ReportFormat.Format2019 ? Table3Rows2019 : Table3Rows2021;

    /// <summary>The label the format prints for a table 三 row, or null when the format has no such row.</summary>
    public static Table3RowDefinition? Table3RowDefinition(ReportFormat format, Table3Row row)
    {
        foreach (var definition in Table3Rows(format))
        {
            if (definition.Row == row)
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>The outcome rows that add up to （七）总计 in a format.</summary>
    public static IReadOnlyList<Table3Row> OutcomeRows(ReportFormat format) =>
        [.. Table3Rows(format).Select(r => r.Row).Where(r => r is >= Table3Row.Granted and <= Table3Row.OtherOther)];

    public static IReadOnlyList<Table2BlockDefinition> Table2Blocks(ReportFormat format) =>
        format == ReportFormat.Format2019 ? Table2Blocks2019 : Table2Blocks2021;

    /// <summary>The table 二 fields a format has, in print order.</summary>
    public static IReadOnlyList<Table2Field> Table2Fields(ReportFormat format) =>
        [.. Table2Blocks(format).SelectMany(b => b.Rows).SelectMany(r => r.Fields)];

    public static Table2FieldDefinition Table2FieldDefinition(Table2Field field) => Table2FieldDefinitions[field];

    /// <summary>The stable path of a cell, as used in findings and in the JSON form, e.g. "table2.regulations.issued".</summary>
    public static string PathOf(Table2Field field) => "table2." + Table2JsonPaths[field];

    /// <summary>E.g. "table3.withheld.stateSecret.naturalPerson" (2021 layout).</summary>
    public static string PathOf(Table3Row row, Table3Column column) => PathOf(ReportFormat.Format2021, row, column);

    /// <summary>The path in a format's own layout: the 2019 （六）其他处理 row is "table3.otherDisposal.*".</summary>
    public static string PathOf(ReportFormat format, Table3Row row, Table3Column column)
    {
        var definition = Table3RowDefinition(format, row) ?? Table3Rows2021[(int)row];
        var rowPath = definition.JsonName is null ? definition.JsonGroup : definition.JsonGroup + "." + definition.JsonName;
        return "table3." + rowPath + "." + Table3ColumnJsonNames[(int)column];
    }

    /// <summary>E.g. "table4.reconsideration.upheld".</summary>
    public static string PathOf(Table4Block block, Table4Column column) =>
        "table4." + Table4BlockJsonNames[(int)block] + "." + Table4ColumnJsonNames[(int)column];

    /// <summary>A Chinese description of a cell for messages, e.g. "表三「（七）总计」自然人".</summary>
    public static string Describe(Table2Field field)
    {
        var definition = Table2FieldDefinitions[field];
        return $"表二「{definition.RowLabel}」{definition.ColumnLabel}";
    }

    public static string Describe(ReportFormat format, Table3Row row, Table3Column column)
    {
        var definition = Table3RowDefinition(format, row) ?? Table3Rows2021[(int)row];
        var label = definition.Group is { } g && g != OutcomeGroup ? g + definition.Label : definition.Label;
        return $"表三「{label}」{Table3ColumnLabels[(int)column]}";
    }

    /// <summary>
    /// A table 二 cell named with its article item as well, for column headings that must be unique and readable on
    /// their own, e.g. "表二「第二十条第（一）项 规章」本年制发件数".
    /// </summary>
    public static string Heading(ReportFormat format, Table2Field field)
    {
        var block = Table2Blocks(format).First(b => b.Rows.Any(r => r.Fields.Contains(field)));
        var definition = Table2FieldDefinitions[field];
        return $"表二「{block.Header} {definition.RowLabel}」{definition.ColumnLabel}";
    }

    public static string Describe(Table4Block block, Table4Column column) =>
        $"表四「{Table4BlockLabels[(int)block]}」{Table4ColumnLabels[(int)column]}";

    /// <summary>The title the format expects for an organisation and year.</summary>
    public static string Title(string organization, int year) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{organization}{year}年{TitleSuffix}");

    private static FrozenDictionary<Table2Field, Table2FieldDefinition> BuildTable2Fields()
    {
        var result = new Dictionary<Table2Field, Table2FieldDefinition>();
        foreach (var format in new[] { ReportFormat.Format2021, ReportFormat.Format2019 })
        {
            foreach (var block in Table2Blocks(format))
            {
                foreach (var row in block.Rows)
                {
                    for (var i = 0; i < row.Fields.Count; i++)
                    {
                        var field = row.Fields[i];
                        var column = block.ColumnLabels[i];
                        var unit = column.Contains("万元", StringComparison.Ordinal) || column == "采购总金额"
                            ? CellUnit.WanYuan
                            : column == "本年增/减" ? CellUnit.SignedCount : CellUnit.Count;
                        result[field] = new Table2FieldDefinition(field, row.Label, column, unit, Table2JsonPaths[field]);
                    }
                }
            }
        }

        return result.ToFrozenDictionary();
    }
}
