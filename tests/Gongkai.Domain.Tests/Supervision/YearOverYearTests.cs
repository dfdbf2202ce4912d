using Gongkai.AnnualReports;
using Gongkai.Supervision;

namespace Gongkai.Tests.Supervision;

public class YearOverYearTests
{
    private static AnnualReport Report(int year, params (string Path, decimal Value)[] cells)
    {
        var report = new AnnualReport { Year = year, Organization = "示范县教育局" };
        foreach (var (path, value) in cells)
        {
            FormatCell.All(ReportFormat.Format2021).Single(c => c.Path == path).Set(report, Cell.Of(value));
        }

        return report;
    }

    private static readonly string NewReceived = NationalFormat.PathOf(Table3Row.NewReceived, Table3Column.Total);
    private static readonly string Granted = NationalFormat.PathOf(Table3Row.Granted, Table3Column.Total);
    private static readonly string Licensing = NationalFormat.PathOf(Table2Field.Licensing);
    private static readonly string Penalty = NationalFormat.PathOf(Table2Field.Penalty);
    private static readonly string Reconsideration = NationalFormat.PathOf(Table4Block.Reconsideration, Table4Column.Total);
    private static readonly string CarriedForward = NationalFormat.PathOf(Table3Row.CarriedForward, Table3Column.Total);

    [Fact]
    public void Every_cell_is_compared_under_its_national_label_and_large_changes_follow_the_threshold()
    {
        var previous = Report(2023, (NewReceived, 20), (Granted, 10), (Licensing, 100), (Penalty, 0), (Reconsideration, 3));
        var current = Report(2024, (NewReceived, 35), (Granted, 14), (Licensing, 40), (Penalty, 12), (CarriedForward, 4), (Reconsideration, 3));

        var changes = YearOverYear.Compare(current, previous, LargeChange.Default);

        changes.Count.ShouldBe(FormatCell.All(ReportFormat.Format2021).Count);
        changes.Select(c => c.Cell.Path).ShouldBe(FormatCell.All(ReportFormat.Format2021).Select(c => c.Path), "print order");
        var byPath = changes.ToDictionary(c => c.Cell.Path);
        byPath[NewReceived].ShouldBe(new CellChange(byPath[NewReceived].Cell, 20m, 35m, true));
        (byPath[NewReceived].Difference, byPath[NewReceived].Percent).ShouldBe((15m, 75m));
        (byPath[Granted].Difference, byPath[Granted].Percent, byPath[Granted].Large).ShouldBe((4m, 40m, false), "40% and only 4 more: below both points");
        (byPath[Licensing].Difference, byPath[Licensing].Percent, byPath[Licensing].Large).ShouldBe((-60m, -60m, true), "a fall is a change too");
        (byPath[Penalty].Difference, byPath[Penalty].Percent, byPath[Penalty].Large).ShouldBe((12m, (decimal?)null, true), "from 0 to 12: no percentage, large by the difference");
        (byPath[Reconsideration].Difference, byPath[Reconsideration].Large).ShouldBe((0m, false));
        (byPath[CarriedForward].Previous, byPath[CarriedForward].Difference, byPath[CarriedForward].Large).ShouldBe(((decimal?)null, (decimal?)null, false), "no figure last year: nothing to compare");
        changes.Where(c => c.Large).Select(c => c.Cell.Path).ShouldBe([Licensing, Penalty, NewReceived]);
        byPath[Licensing].Cell.Heading.ShouldBe(FormatCell.All(ReportFormat.Format2021).Single(c => c.Path == Licensing).Heading, "the one label table");

        var strict = YearOverYear.Compare(current, previous, new LargeChange(100m, 1m));
        strict.Where(c => c.Large).Select(c => c.Cell.Path).ShouldBe([Penalty], "with the threshold at 100% only the cell that started from 0 stands out");
        new LargeChange(0m, 1m).Problem.ShouldNotBeNull();
        LargeChange.Default.Problem.ShouldBeNull();
    }
}
