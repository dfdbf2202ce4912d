using System.Globalization;
using Gongkai.AnnualReports;
using Gongkai.Applications;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// From a table cell to the queue of the cases it counts. The applications queue reads: <c>reportYear</c> (the report
/// year); <c>outcome</c> (an <see cref="Outcome"/> name: concluded in the year with that outcome) or <c>row</c> for the
/// four count rows (<c>newReceived</c>: received in the year; <c>carriedOver</c>: received before and open on
/// 1 January; <c>totalProcessed</c>: concluded in the year; <c>carriedForward</c>: open at the end of 31 December);
/// <c>applicantType</c> (an <see cref="ApplicantType"/> name, absent for the 总计 column). Table 四 cells add
/// <c>review</c> (a <see cref="ReviewKind"/> name) and <c>reviewResult</c> (a <see cref="ReviewResult"/> name, absent
/// for 总计).
/// </summary>
public static class CaseLinks
{
    private static readonly Dictionary<string, FormatCell> Cells =
        FormatCell.All(ReportFormat.Format2021).ToDictionary(c => c.Path, StringComparer.Ordinal);

    /// <summary>The queue address for a table 三 or 四 cell, or null for table 二 and unknown paths.</summary>
    public static string? For(string path, int year)
    {
        if (!Cells.TryGetValue(path, out var cell))
        {
            return null;
        }

        var query = new List<string> { "reportYear=" + year.ToString(CultureInfo.InvariantCulture) };
        switch (cell.Table)
        {
            case ReportTable.Table3:
                var row = cell.Row!.Value;
                if (Outcomes.All.FirstOrDefault(o => o.Row == row) is { } outcome)
                {
                    query.Add("outcome=" + outcome.Outcome);
                }
                else
                {
                    query.Add("row=" + NationalFormat.Table3RowDefinition(ReportFormat.Format2021, row)!.JsonGroup);
                }

                if (cell.Column is { } column && column != Table3Column.Total)
                {
                    query.Add("applicantType=" + Enum.GetValues<ApplicantType>().First(t => t.Column() == column));
                }

                break;
            case ReportTable.Table4:
                // ReviewKind and ReviewResult are declared in table 四's block and column order.
                query.Add("review=" + (ReviewKind)(int)cell.Block!.Value);
                if (cell.Table4Column is { } result && result != Table4Column.Total)
                {
                    query.Add("reviewResult=" + (ReviewResult)(int)result);
                }

                break;
            default:
                return null;
        }

        return "/applications?" + string.Join("&", query);
    }
}
