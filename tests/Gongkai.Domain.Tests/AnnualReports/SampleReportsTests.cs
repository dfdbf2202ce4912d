using Gongkai.AnnualReports;

namespace Gongkai.Tests.AnnualReports;

public class SampleReportsTests
{
    public static TheoryData<ReportFormat> Formats => [ReportFormat.Format2021, ReportFormat.Format2019];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_identity_of_the_format_holds_in_the_samples(ReportFormat format)
    {
        var report = format == ReportFormat.Format2019 ? SampleReports.Complete2019() : SampleReports.Complete2021();
        var table3 = report.Table3;

        report.Format.ShouldBe(format);
        FormatCell.All(format).ShouldAllBe(c => c.Get(report).HasNumber && c.Get(report).Location != null);
        FormatCell.All(format).Count(c => c.Get(report).Kind == CellKind.Number).ShouldBeGreaterThan(FormatCell.All(format).Count / 3);
        foreach (var column in Enum.GetValues<Table3Column>())
        {
            (table3.ValueOrZero(Table3Row.NewReceived, column) + table3.ValueOrZero(Table3Row.CarriedOver, column))
                .ShouldBe(table3.ValueOrZero(Table3Row.TotalProcessed, column) + table3.ValueOrZero(Table3Row.CarriedForward, column));
            NationalFormat.OutcomeRows(format).Sum(row => table3.ValueOrZero(row, column))
                .ShouldBe(table3.ValueOrZero(Table3Row.TotalProcessed, column));
        }

        foreach (var definition in NationalFormat.Table3Rows(format))
        {
            Enum.GetValues<Table3Column>().SkipLast(1).Sum(column => table3.ValueOrZero(definition.Row, column))
                .ShouldBe(table3.ValueOrZero(definition.Row, Table3Column.Total));
        }

        foreach (var block in Enum.GetValues<Table4Block>())
        {
            Enum.GetValues<Table4Column>().SkipLast(1).Sum(column => report.Table4[block, column].Value ?? 0)
                .ShouldBe(report.Table4[block, Table4Column.Total].Value ?? 0);
        }
    }
}
