using Gongkai.Data.Agencies;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// When an annual report is due (条例第四十九条): government departments publish the previous year's report by
/// 31 January, people's governments (and the disclosure office that publishes the government's report) by 31 March.
/// Townships are people's governments and are given the later date.
/// </summary>
public static class ReportDeadlines
{
    /// <summary>The first report year the platform edits: 国办公开办函〔2021〕30号 applies from the 2021 reports on.</summary>
    public const int FirstYear = 2021;

    /// <summary>The year the 条例 took effect (1 May 2008): no report or statistic is about an earlier year.</summary>
    public const int FirstStatuteYear = 2008;

    /// <summary>A year a report, a statistic or a filter can name (2008 to 2100); any other is a typing error or a probe.</summary>
    public static bool IsPlausibleYear(int year) => year is >= FirstStatuteYear and <= 2100;

    /// <summary>The last day to publish the report for <paramref name="year"/>.</summary>
    public static DateOnly For(AgencyKind kind, int year) =>
        kind == AgencyKind.Department ? new DateOnly(year + 1, 1, 31) : new DateOnly(year + 1, 3, 31);

    /// <summary>The rule in Chinese, for the page that shows the date.</summary>
    public static string Basis(AgencyKind kind) => kind == AgencyKind.Department
        ? "条例第四十九条：县级以上人民政府部门于每年1月31日前公布上一年度报告"
        : "条例第四十九条：县级以上地方人民政府于每年3月31日前公布上一年度报告";

    /// <summary>The statistics year is over, so the report for it may be published.</summary>
    public static bool YearIsOver(int year, DateOnly today) => today.Year > year;

    /// <summary>Why a report cannot be published yet (its year is not over), shown beside the button and on refusal.</summary>
    public static string YearNotOver(int year) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}年度尚未结束（统计期为{year}年1月1日至12月31日），年度结束后才能发布本年度报告。");
}
