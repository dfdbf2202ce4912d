using System.Globalization;
using Gongkai.Data.AnnualReports;

namespace Gongkai.Web.AnnualReports;

/// <summary>How report pages write times, dates, versions and deadline states.</summary>
public static class ReportDisplay
{
    public static string Version(AnnualReportStatus status, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{(status == AnnualReportStatus.Published ? "已发布" : "草稿")} 第{version}版");

    /// <summary>A deadline judged on a day: published on time or late, not yet due, or overdue.</summary>
    /// <returns>The badge class (<c>ok</c>, <c>soon</c>, <c>overdue</c>) and its text.</returns>
    public static (string Css, string Text) Deadline(DateOnly deadline, DateOnly? publishedOn, DateOnly today)
    {
        if (publishedOn is { } published)
        {
            return published <= deadline
                ? ("ok", "按时发布")
                : ("overdue", string.Create(CultureInfo.InvariantCulture, $"逾期 {published.DayNumber - deadline.DayNumber} 天发布"));
        }

        if (today > deadline)
        {
            return ("overdue", string.Create(CultureInfo.InvariantCulture, $"已逾期 {today.DayNumber - deadline.DayNumber} 天未发布"));
        }

        var left = deadline.DayNumber - today.DayNumber;
        return left <= 30
            ? ("soon", string.Create(CultureInfo.InvariantCulture, $"距期限还有 {left} 天"))
            : ("ok", string.Create(CultureInfo.InvariantCulture, $"距期限还有 {left} 天"));
    }
}
