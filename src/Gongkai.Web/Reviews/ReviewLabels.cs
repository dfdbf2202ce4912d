using Gongkai.AnnualReports;
using Gongkai.Applications;
using Gongkai.Data.Applications;

namespace Gongkai.Web.Reviews;

/// <summary>Chinese names of review kinds and results, taken from table 四's labels (NationalFormat).</summary>
public static class ReviewLabels
{
    public static string Kind(ReviewKind kind) => kind == ReviewKind.Reconsideration
        ? NationalFormat.Reconsideration
        : NationalFormat.Litigation + "（" + NationalFormat.Table4BlockLabels[(int)kind] + "）";

    /// <summary>维持 / 纠正 / 其他结果 / 尚未审结: the result columns of table 四 in their order.</summary>
    public static string Result(ReviewResult result) => NationalFormat.Table4ColumnLabels[(int)ResultColumn(result)];

    public static Table4Column ResultColumn(ReviewResult result) => result switch
    {
        ReviewResult.Upheld => Table4Column.Upheld,
        ReviewResult.Corrected => Table4Column.Corrected,
        ReviewResult.Other => Table4Column.Other,
        _ => Table4Column.Pending,
    };

    /// <summary>The stored record as the domain counts it. Stored records were checked by the same rules when saved.</summary>
    public static ReviewRecord ToDomain(this ReviewCaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ReviewRecord(record.Id.ToString(), record.Kind, record.ApplicationId.ToString(), record.FiledOn, record.Result, record.ConcludedOn);
    }

    /// <summary>
    /// 复议前置 (行政复议法 2023 第二十三条第一款第（四）项, in force 2024-01-01): a refusal under Articles 14–16 must first go to
    /// reconsideration. True when a direct lawsuit about such a refusal was filed after that date.
    /// </summary>
    public static bool SkipsMandatoryReconsideration(ReviewKind kind, DateOnly filedOn, Outcome? outcome) =>
        kind == ReviewKind.LitigationDirect && filedOn >= new DateOnly(2024, 1, 1) && outcome is
            Outcome.WithheldStateSecret or Outcome.WithheldProhibitedByLaw or Outcome.WithheldThreeSecurityOneStability
            or Outcome.WithheldThirdPartyRights or Outcome.WithheldInternalAffairs or Outcome.WithheldProcessInformation
            or Outcome.WithheldEnforcementCaseFiles;
}
