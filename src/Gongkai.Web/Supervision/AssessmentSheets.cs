using System.Globalization;
using Gongkai.Supervision;

namespace Gongkai.Web.Supervision;

/// <summary>An assessment's tables for export, with the column names of the ranking page.</summary>
public static class AssessmentSheets
{
    /// <summary>排名: one row per agency — rank, change, total, then each indicator's points and value.</summary>
    public static Sheet Ranking(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = result.Scheme.Scheme.Indicators;
        var headers = new List<string> { "排名", "较上期", "机关", "总分" };
        foreach (var line in lines)
        {
            var weight = line.Weight.ToString("0.##", CultureInfo.InvariantCulture);
            headers.Add($"{line.Name}得分（满分 {weight}）");
            headers.Add($"{line.Name}数值");
        }

        var rows = result.Ranking.Select(row =>
        {
            var cells = new List<object?> { row.Rank, AssessmentText.RankChange(row), Name(result, row.Score.AgencyId), Points(row.Score.Total) };
            foreach (var line in row.Score.Lines)
            {
                cells.Add(Points(line.Points));
                cells.Add(AssessmentText.Value(line));
            }

            return (IReadOnlyList<object?>)cells;
        }).ToList();
        return new Sheet("排名", headers, rows);
    }

    /// <summary>指标明细: one row per agency and indicator, with its 口径 version and the counts behind the value.</summary>
    public static Sheet Lines(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var row in result.Ranking)
        {
            foreach (var line in row.Score.Lines)
            {
                var definition = IndicatorCatalogue.Get(line.Line.Kind);
                rows.Add(
                [
                    Name(result, row.Score.AgencyId), line.Line.Name, definition.Version, AssessmentText.Value(line), Points(line.Points), line.Line.Weight,
                    line.Value.NotApplicable ? null : line.Value.Denominator, line.Value.NotApplicable ? null : line.Value.Numerator,
                    line.Line.Rule.Describe(definition.Unit),
                ]);
            }
        }

        return new Sheet("指标明细", ["机关", "指标", "口径版本", "数值", "得分", "满分", "计入分母", "计入分子", "评分规则"], rows);
    }

    private static string Name(AssessmentResult result, Guid agency) => result.Agencies.TryGetValue(agency, out var a) ? a.Name : "（已不在本地区）";

    /// <summary>Points as a number, or the text 不适用.</summary>
    private static object Points(decimal? points) => points is { } p ? p : AssessmentText.NotApplicable;
}
