using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Gongkai.AnnualReports;

namespace Gongkai.Cli;

/// <summary>Tables of many reports side by side and summed.</summary>
internal static class ReportStats
{
    private static readonly (string Label, Func<AnnualReport, decimal?> Value)[] SummaryColumns =
    [
        ("新收", r => r.Table3[Table3Row.NewReceived, Table3Column.Total].Value),
        ("上年结转", r => r.Table3[Table3Row.CarriedOver, Table3Column.Total].Value),
        ("办结", r => r.Table3[Table3Row.TotalProcessed, Table3Column.Total].Value),
        ("予以公开", r => r.Table3[Table3Row.Granted, Table3Column.Total].Value),
        ("结转下年", r => r.Table3[Table3Row.CarriedForward, Table3Column.Total].Value),
        ("复议", r => r.Table4[Table4Block.Reconsideration, Table4Column.Total].Value),
        ("诉讼", r => Sum(r.Table4[Table4Block.LitigationDirect, Table4Column.Total].Value, r.Table4[Table4Block.LitigationAfterReconsideration, Table4Column.Total].Value)),
    ];

    private static readonly string[] LeadingColumns = ["file", "organization", "year", "format"];

    public static void WriteSummary(TextWriter output, IReadOnlyList<(string File, AnnualReport Report)> rows)
    {
        output.WriteLine("机关\t年度\t" + string.Join('\t', SummaryColumns.Select(c => c.Label)));
        foreach (var (file, report) in rows)
        {
            output.WriteLine($"{report.Organization ?? Path.GetFileName(file)}\t{report.Year?.ToString(CultureInfo.InvariantCulture) ?? "?"}\t"
                + string.Join('\t', SummaryColumns.Select(c => Text(c.Value(report)))));
        }

        output.WriteLine("合计\t\t" + string.Join('\t', SummaryColumns.Select(c => Text(Total(rows.Select(r => c.Value(r.Report)))))));
    }

    /// <summary>One row per report, one column per cell path of the formats present, and a 合计 row (blank where any report has no number).</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<(string File, AnnualReport Report)> rows)
    {
        var columns = rows.Select(r => r.Report.Format).Distinct().Order()
            .SelectMany(FormatCell.All).DistinctBy(c => c.Path).ToList();
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = writer.NewLine }, leaveOpen: true);
        void Row(IEnumerable<string> fields)
        {
            foreach (var field in fields)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }

        Row([.. LeadingColumns, .. columns.Select(c => c.Path)]);
        foreach (var (file, report) in rows)
        {
            Row([
                file, report.Organization ?? "", report.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
                report.Format == ReportFormat.Format2019 ? "2019" : "2021",
                .. columns.Select(c => Text(c.Get(report).Value)),
            ]);
        }

        Row(["合计", "", "", "", .. columns.Select(c => Text(Total(rows.Select(r => c.Get(r.Report).Value))))]);
    }

    private static decimal? Total(IEnumerable<decimal?> values)
    {
        decimal total = 0;
        foreach (var value in values)
        {
            if (value is not { } number)
            {
                return null;
            }

            total += number;
        }

        return total;
    }

    private static decimal? Sum(decimal? a, decimal? b) => a is { } x && b is { } y ? x + y : null;

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
