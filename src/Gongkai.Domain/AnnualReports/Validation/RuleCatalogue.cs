using System.Collections.Frozen;

namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// Every rule Gongkai checks a report against, with its stable id. Ids never change meaning; a rule that changes is
/// a new id. `gongkai rules` prints this list.
/// </summary>
public static class RuleCatalogue
{
    public const string T3Balance = "T3-BALANCE";
    public const string T3RowTotal = "T3-ROW-TOTAL";
    public const string T3ProcessedTotal = "T3-PROCESSED-TOTAL";
    public const string T4BlockTotal = "T4-BLOCK-TOTAL";
    public const string CellValue = "CELL-VALUE";
    public const string CellBlank = "CELL-BLANK";
    public const string T2FeeUnit = "T2-FEE-UNIT";
    public const string T2Stock = "T2-STOCK";
    public const string FmtHeader = "FMT-HEADER";
    public const string FmtSection = "FMT-SECTION";
    public const string FmtOldFormat = "FMT-OLD-FORMAT";
    public const string FmtExtraRow = "FMT-EXTRA-ROW";
    public const string FmtRowMerged = "FMT-ROW-MERGED";
    public const string YearMismatch = "YEAR-MISMATCH";
    public const string TextTableMismatch = "TEXT-TABLE-MISMATCH";
    public const string TextSum = "TEXT-SUM";
    public const string Sec5Empty = "SEC5-EMPTY";
    public const string Sec6Fee = "SEC6-FEE";
    public const string XYearCarry = "XYEAR-CARRY";
    public const string XYearStock = "XYEAR-STOCK";
    public const string ParseTitle = "PARSE-TITLE";
    public const string ParseTableMissing = "PARSE-TABLE-MISSING";
    public const string ParseRowMissing = "PARSE-ROW-MISSING";
    public const string ParseRowShape = "PARSE-ROW-SHAPE";
    public const string ReadDigits = "READ-DIGITS";
    public const string ParseSpan = "PARSE-SPAN";

    public static IReadOnlyList<RuleDefinition> All { get; } =
    [
        new(T3Balance, Severity.Error, RuleBasis.Statutory, "表三勾稽关系",
            "表三每一列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（格式表头载明的勾稽关系）。"),
        new(T3RowTotal, Severity.Error, RuleBasis.Statutory, "表三总计列",
            "表三每一行的“总计”等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。"),
        new(T3ProcessedTotal, Severity.Error, RuleBasis.Statutory, "表三办理结果总计",
            "表三每一列的（七）总计等于（一）至（六）各项办理结果之和（部分公开只计一次）。"),
        new(T4BlockTotal, Severity.Error, RuleBasis.Statutory, "表四各栏总计",
            "表四行政复议、未经复议直接起诉、复议后起诉三栏，各自的结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。"),
        new(CellValue, Severity.Error, RuleBasis.Statutory, "数值不合规",
            "件数应为非负整数（2019 年格式的“本年增/减”可为负数），收费金额（万元）应为非负数；单元格中不能是文字。"),
        new(CellBlank, Severity.Error, RuleBasis.Statutory, "应填数字处为空或占位符",
            "国家格式要求填写数字的单元格为空，或填了“/”“-”“—”“无”等占位符；没有的应填 0。"),
        new(T2FeeUnit, Severity.Warning, RuleBasis.Heuristic, "金额单位疑误",
            "表二的金额（行政事业性收费、政府集中采购）以万元为单位：写明“元”的，或收费超过 100000 万元（10 亿元）的，通常是误按“元”填写。"),
        new(T2Stock, Severity.Warning, RuleBasis.Heuristic, "现行有效件数少于本年新增",
            "表二第二十条第（一）项：年末现行有效件数包含本年制发且未废止的文件，应不少于本年制发件数减本年废止件数（2019 年版：对外公开总数量不少于本年新公开数量）。"),
        new(FmtHeader, Severity.Warning, RuleBasis.Statutory, "表头或行名与国家格式不一致",
            "表格的表头、栏目或行名与国办公开办函〔2021〕30号格式的文字不一致（错字、漏字、改动）。"),
        new(FmtSection, Severity.Error, RuleBasis.Statutory, "报告部分缺失或顺序错误",
            "年度报告应依次包含六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"),
        new(FmtOldFormat, Severity.Error, RuleBasis.Statutory, "使用了旧版格式",
            "2021 年度及以后的报告应使用国办公开办函〔2021〕30号格式，不能再用国办公开办函〔2019〕60号的表格。"),
        new(FmtExtraRow, Severity.Warning, RuleBasis.Statutory, "表格增加了国家格式没有的行",
            "表格中出现国家格式没有的行（例如自行增加的“其他主动公开文件”），应删除或移入正文。"),
        new(FmtRowMerged, Severity.Error, RuleBasis.Statutory, "表三（六）其他处理未分行",
            "2021 年度及以后的报告，表三“（六）其他处理”应分为“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”“3.其他”三行，不能像 2019 年版格式那样只填一行。"),
        new(YearMismatch, Severity.Error, RuleBasis.Heuristic, "年度不一致",
            "标题中的报告年度与正文中统计年度不一致，常见于沿用上年报告时漏改年份。"),
        new(TextTableMismatch, Severity.Warning, RuleBasis.Heuristic, "正文数字与表格不一致",
            "正文中写明的申请收到、办结、结转件数，或行政复议、行政诉讼件数（含“未收到”“未发生”），与表三、表四不一致。"),
        new(TextSum, Severity.Warning, RuleBasis.Heuristic, "正文合计与分项之和不一致",
            "正文写明的合计数（如“共发布信息124条，其中……”）与所列各分项之和不一致。"),
        new(Sec5Empty, Severity.Warning, RuleBasis.Heuristic, "第五部分空泛",
            "“五、存在的主要问题及改进情况”为空或只写“无”，应如实说明问题和改进措施。"),
        new(Sec6Fee, Severity.Warning, RuleBasis.Heuristic, "第六部分未说明信息处理费",
            "“六、其他需要报告的事项”应说明依据国办函〔2020〕109号收取信息处理费的情况（未收取也应写明）。"),
        new(XYearCarry, Severity.Error, RuleBasis.Statutory, "跨年度结转不一致",
            "本年表三“二、上年结转”每一列应等于上一年度报告“四、结转下年度继续办理”的同一列。"),
        new(XYearStock, Severity.Warning, RuleBasis.Heuristic, "跨年度现行有效件数不一致",
            "本年“现行有效件数”一般应等于上年现行有效件数 + 本年制发件数 − 本年废止件数（规章、行政规范性文件分别计算）。"),
        new(ReadDigits, Severity.Review, RuleBasis.Heuristic, "数字连在一起，分隔待核对",
            "表格的数字之间没有分隔（从网页复制或抓取的文字常见），按表格自身的勾稽关系仍不能唯一确定每个单元格的数字；列出可能的分法，请对照原文核对。"),
        new(ParseTitle, Severity.Review, RuleBasis.Heuristic, "无法识别标题",
            "没有找到形如“××机关××××年政府信息公开工作年度报告”的标题，无法确定机关名称或报告年度。"),
        new(ParseTableMissing, Severity.Review, RuleBasis.Statutory, "缺少表格",
            "报告中没有找到国家格式规定的表格（表二、表三或表四）。"),
        new(ParseRowMissing, Severity.Review, RuleBasis.Statutory, "表格缺少行",
            "表格中找不到国家格式规定的某一行，该行各单元格无法读取。"),
        new(ParseRowShape, Severity.Review, RuleBasis.Heuristic, "表格行的单元格数不符",
            "表格某行的数字个数与国家格式的列数不一致，已按能确定的部分读取，请核对原表。"),
        new(ParseSpan, Severity.Review, RuleBasis.Heuristic, "合并单元格超出表格大小",
            "表格中某个单元格合并的行数或列数（rowspan、colspan、gridSpan）超过国家格式最大表格的行数或列数，已按该大小读取，请核对原表。"),
    ];

    private static readonly FrozenDictionary<string, RuleDefinition> ById = All.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

    public static RuleDefinition Get(string id) =>
        ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException($"Unknown rule id '{id}'.", nameof(id));

    /// <summary>A finding for a rule, with the rule's own severity.</summary>
    public static Finding Finding(
        string ruleId,
        string message,
        SourceLocation? location = null,
        IReadOnlyList<string>? cells = null,
        string? expected = null,
        string? actual = null) =>
        new(ruleId, Get(ruleId).Severity, message, location, cells, expected, actual);
}
