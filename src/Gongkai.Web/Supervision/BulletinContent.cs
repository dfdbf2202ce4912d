using System.Globalization;
using Gongkai.Calendar;
using Gongkai.Data.Agencies;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;

namespace Gongkai.Web.Supervision;

/// <summary>A row of the 通报's ranking table, as printed.</summary>
public sealed record BulletinRankingRow(string Rank, string Unit, string Score, string Change);

/// <summary>A row of the 通报's rectification table, as printed.</summary>
public sealed record BulletinRectificationRow(string Unit, string Title, string DueOn, string State);

/// <summary>
/// The text of a 考核通报 — title, opening, the ranking table, the main problems (the indicators where agencies lost
/// points, most first) and the rectifications raised or due in the period — written once for the printable page and
/// the Word document.
/// </summary>
public sealed record BulletinContent(
    string Title,
    string Opening,
    IReadOnlyList<BulletinRankingRow> Ranking,
    IReadOnlyList<string> Problems,
    IReadOnlyList<BulletinRectificationRow> Rectifications)
{
    public const string RankingHeading = "一、考核结果";
    public const string ProblemsHeading = "二、存在的主要问题";
    public const string RectificationsHeading = "三、整改事项";
    public const string NoProblems = "各单位各项指标均得满分。";
    public const string NoRectifications = "本考核期没有提出或到期的整改事项。";
    public const string Closing = "请各单位对照通报的问题认真整改，按期报送整改情况。";

    public static IReadOnlyList<string> RankingHeaders { get; } = ["排名", "单位", "得分", "较上期"];

    public static IReadOnlyList<string> RectificationHeaders { get; } = ["单位", "整改事项", "整改期限", "办理情况"];

    public static string TitleOf(Region region, AssessmentPeriod period)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(period);
        return $"{region.Name}{period.Label}政府信息公开工作考核通报";
    }

    /// <summary>The 通报 of an assessment and the rectifications raised or due in its period.</summary>
    public static BulletinContent From(AssessmentResult result, IReadOnlyList<RectificationRecord> rectifications, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(rectifications);
        var period = result.Period;
        string Name(Guid agency) => result.Agencies.TryGetValue(agency, out var a) ? a.Name : "";
        var asOf = period.End < today ? period.End : today;
        var opening = $"按照{result.Region.Name}政府信息公开工作考核方案（第 {result.Scheme.Scheme.Version} 版），对 {result.Ranking.Count} 个单位{period.Label}的政府信息公开工作进行了考核。"
            + (result.ClosedAtUtc is not null ? "考核结果已定稿。" : $"以下结果按截至 {DateText.Iso(asOf)} 的数据计算，尚未定稿。")
            + "现将有关情况通报如下。";
        var ranking = result.Ranking.Select(row => new BulletinRankingRow(
            row.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", Name(row.Score.AgencyId), AssessmentText.Points(row.Score.Total), AssessmentText.RankChange(row))).ToList();
        var problems = result.Scheme.Scheme.Indicators.Select((line, i) => (line.Name, Agencies: result.Ranking
                .Where(r => r.Score.Lines.Count > i && r.Score.Lines[i].Points is { } p && p < line.Weight)
                .Select(r => Name(r.Score.AgencyId)).ToList()))
            .Where(p => p.Agencies.Count > 0)
            .OrderByDescending(p => p.Agencies.Count)
            .Select(p => $"“{p.Name}”有 {p.Agencies.Count} 个单位失分：{string.Join("、", p.Agencies)}。")
            .ToList();
        var rows = rectifications.Select(r => new BulletinRectificationRow(Name(r.AgencyId), r.Title, DateText.Iso(r.DueOn),
            RectificationFlow.StateLabel(r.State)
            + (RectificationFlow.IsOverdue(r.State, r.DueOn, today) ? "（已逾期）" : "")
            + (r.ClosedOn is { } closed ? $"（{DateText.Iso(closed)} 办结）" : ""))).ToList();
        return new BulletinContent(TitleOf(result.Region, period), opening, ranking, problems, rows);
    }
}
