using Gongkai.AnnualReports;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Web.AnnualReports;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.AnnualReports;

public class CaseTableQueryTests
{
    private static readonly DateTimeOffset January2025 = new(2025, 1, 10, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tables_three_and_four_of_2024_count_the_stored_cases_exactly(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false);
        var agency = await ReportCases.Seed2024Async(app);

        await using var scope = app.Services.CreateAsyncScope();
        var tables = await scope.ServiceProvider.GetRequiredService<CaseTableQuery>().ComputeAsync(agency, 2024);

        var t3 = tables.Table3;
        Row(t3, Table3Row.NewReceived).ShouldBe([3, 1, 1, 1, 1, 1, 8]);
        Row(t3, Table3Row.CarriedOver).ShouldBe([1, 0, 0, 0, 0, 0, 1]);
        Row(t3, Table3Row.Granted).ShouldBe([2, 0, 0, 0, 0, 0, 2]);
        Row(t3, Table3Row.PartiallyGranted).ShouldBe([1, 0, 0, 0, 0, 0, 1]);
        Row(t3, Table3Row.WithheldThirdPartyRights).ShouldBe([0, 1, 0, 0, 0, 0, 1]);
        Row(t3, Table3Row.UnableNotHeld).ShouldBe([0, 0, 1, 0, 0, 0, 1]);
        Row(t3, Table3Row.NotProcessedDuplicate).ShouldBe([0, 0, 0, 0, 1, 0, 1]);
        Row(t3, Table3Row.OtherOther).ShouldBe([0, 0, 0, 0, 0, 1, 1]);
        Row(t3, Table3Row.TotalProcessed).ShouldBe([3, 1, 1, 0, 1, 1, 7]);
        Row(t3, Table3Row.CarriedForward).ShouldBe([1, 0, 0, 1, 0, 0, 2]);
        Row(t3, Table3Row.WithheldStateSecret).ShouldBe([0, 0, 0, 0, 0, 0, 0]);

        Block(tables.Table4, Table4Block.Reconsideration).ShouldBe([1, 0, 0, 1, 2]);
        Block(tables.Table4, Table4Block.LitigationDirect).ShouldBe([0, 0, 0, 1, 1]);
        Block(tables.Table4, Table4Block.LitigationAfterReconsideration).ShouldBe([0, 0, 0, 0, 0]);
    }

    [Fact]
    public async Task The_year_after_carries_over_what_2024_carried_forward()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false);
        var agency = await ReportCases.Seed2024Async(app);

        await using var scope = app.Services.CreateAsyncScope();
        var tables = await scope.ServiceProvider.GetRequiredService<CaseTableQuery>().ComputeAsync(agency, 2025);

        Row(tables.Table3, Table3Row.CarriedOver).ShouldBe([1, 0, 0, 1, 0, 0, 2]);
        Row(tables.Table3, Table3Row.NewReceived).ShouldBe([1, 0, 0, 0, 0, 0, 1]);
        Row(tables.Table3, Table3Row.Granted).ShouldBe([0, 0, 0, 1, 0, 0, 1], "the 2024-12-25 application was answered on 2025-01-06");
        Block(tables.Table4, Table4Block.Reconsideration).ShouldBe([0, 1, 0, 0, 1], "decided (corrected) in 2025");
    }

    private static decimal[] Row(Table3 table, Table3Row row) =>
        [.. Enum.GetValues<Table3Column>().Select(c => table[row, c].Value!.Value)];

    private static decimal[] Block(Table4 table, Table4Block block) =>
        [.. Enum.GetValues<Table4Column>().Select(c => table[block, c].Value!.Value)];
}
