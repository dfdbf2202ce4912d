using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Applications;

/// <summary>
/// The staff lists at province scale (ADR 0014, "Staff pages at 20 connections"): a total capped like search's, the
/// attention counts over open cases only, and the receipt-year menu by each agency's first case.
/// </summary>
public class QueueScaleTests
{
    private static readonly DateOnly Monday = new(2024, 6, 17);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_queue_total_is_exact_up_to_the_cap_and_says_more_than_the_cap_beyond_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid agency;
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
            agency = AddAgency(db, "示范县教育局");
            db.Applications.AddRange(Enumerable.Range(1, CappedCount.Cap).Select(i =>
                QueueTests.Case(agency, $"2024-{i:0000}", CaseState.Replied, due: null, received: new DateOnly(2024, 1, 2).AddDays(i % 150), concluded: new DateOnly(2024, 2, 1).AddDays(i % 120), outcome: Outcome.Granted)));
            db.Applications.Add(QueueTests.Case(agency, "2024-9999", CaseState.InProgress, due: new(2024, 7, 1), received: new(2024, 6, 3)));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var exactly = await QueueQuery.LoadAsync(db, CaseScope.Agency(agency), agency, new QueueFilter { Status = "replied", Page = 60 }, Monday, CaseRules.Default);
            (exactly.Total, exactly.TotalIsCapped, exactly.TotalText, exactly.PageCount, exactly.Page).ShouldBe((1000, false, "1000 件", 50, 50));
            exactly.Items.Count.ShouldBe(20);

            var beyond = await QueueQuery.LoadAsync(db, CaseScope.Agency(agency), agency, new QueueFilter { Page = 60 }, Monday, CaseRules.Default);
            (beyond.Total, beyond.TotalIsCapped, beyond.TotalText, beyond.PageCount, beyond.Page).ShouldBe((1000, true, "超过 1000 件", 50, 50), "1,001 cases: the pages stop at the cap");
            beyond.Counts.Open.ShouldBe(1);

            var first = await QueueQuery.LoadAsync(db, CaseScope.Agency(agency), agency, new QueueFilter(), Monday, CaseRules.Default);
            first.Items[0].Number.ShouldBe("2024-9999", "the open case first");

            var small = await QueueQuery.LoadAsync(db, CaseScope.Agency(agency), agency, new QueueFilter { Status = "open" }, Monday, CaseRules.Default);
            (small.Total, small.TotalIsCapped, small.TotalText).ShouldBe((1, false, "1 件"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_report_cells_list_counts_exactly_beyond_the_cap_and_pages_through_every_case(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        var agency = await ApplicantCases.AgencyIdAsync(app);
        await using (var db = database.CreateContext())
        {
            db.Applications.AddRange(Enumerable.Range(1, CappedCount.Cap + 1).Select(i =>
                QueueTests.Case(agency, $"2023-8{i:0000}", CaseState.Replied, due: null, received: new DateOnly(2023, 1, 2).AddDays(i % 150), concluded: new DateOnly(2023, 6, 1).AddDays(i % 120), outcome: Outcome.Granted)));
            await db.SaveChangesAsync();
        }

        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");
        var report = await client.GetPageAsync("/annual-reports/2023");
        var cell = report.QuerySelectorAll("td[data-path^='table3'] a")
            .Select(a => (Number: int.Parse(a.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture), Href: a.GetAttribute("href")!))
            .MaxBy(a => a.Number);
        cell.Number.ShouldBeGreaterThan(CappedCount.Cap);

        var list = await client.GetPageAsync(cell.Href);
        var pages = (cell.Number + QueueQuery.PageSize - 1) / QueueQuery.PageSize;
        list.QuerySelector("main p[role=status]")!.TextContent.ShouldStartWith($"共 {cell.Number} 件，第 1/{pages} 页", customMessage: "the cell's number, not '超过 1000 件'");

        var last = await client.GetPageAsync(cell.Href + "&page=" + pages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        last.QuerySelector("main p[role=status]")!.TextContent.ShouldStartWith($"共 {cell.Number} 件，第 {pages}/{pages} 页");
        last.QuerySelectorAll("table.queue tbody tr").Length.ShouldBe(cell.Number - ((pages - 1) * QueueQuery.PageSize), "the last page holds the last of the cell's cases");

        var queue = await client.GetPageAsync("/applications");
        queue.QuerySelector("main p[role=status]")!.TextContent.ShouldStartWith("共 超过 1000 件", customMessage: "the ordinary queue still stops at the cap");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_attention_counts_are_the_case_engines_own_classification_of_the_open_cases(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        var agency = await ApplicantCases.AgencyIdAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var rules = await scope.ServiceProvider.GetRequiredService<CaseRulesProvider>().GetAsync();

        var records = await db.Applications.AsNoTracking().Include(a => a.Events).Where(a => a.AgencyId == agency).ToListAsync();
        var open = records.Where(r => r.State.IsOpen()).ToList();
        var statuses = open.Select(r => r.ToCase(rules).StatusOn(Monday, rules)).ToList();
        var counts = await QueueQuery.CountAsync(db, CaseScope.Agency(agency), Monday, rules);

        counts.ShouldBe(new QueueCounts(
            Open: open.Count,
            Overdue: statuses.Count(s => s == DeadlineStatus.Overdue),
            DueSoon: statuses.Count(s => s == DeadlineStatus.DueSoon),
            Unregistered: open.Count(r => r.State == CaseState.Received),
            AwaitingCorrection: statuses.Count(s => s == DeadlineStatus.AwaitingCorrection),
            ExtensionPending: open.Count(r => r.ExtensionRequestedDays != null)));
        (counts.Overdue, counts.DueSoon).ShouldNotBe((0, 0), "the demo desk has cases in both, so the comparison can fail");
        open.Count.ShouldBeLessThan(records.Count, "closed cases exist and are not counted");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_receipt_year_menu_starts_at_the_earliest_first_case_of_the_agencies(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid early, late, empty;
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
            early = AddAgency(db, "示范县教育局");
            late = AddAgency(db, "示范县民政局");
            empty = AddAgency(db, "示范县档案馆");
            db.Applications.AddRange(
                QueueTests.Case(early, "2022-0001", CaseState.Replied, due: null, received: new(2022, 3, 4), concluded: new(2022, 3, 20), outcome: Outcome.Granted),
                QueueTests.Case(early, "2024-0001", CaseState.InProgress, due: new(2024, 6, 3), received: new(2024, 5, 6)),
                QueueTests.Case(late, "2023-0007", CaseState.Replied, due: null, received: new(2023, 12, 29), concluded: new(2024, 1, 15), outcome: Outcome.Granted),
                QueueTests.Case(late, "2024-0002", CaseState.InProgress, due: new(2024, 7, 1), received: new(2024, 6, 3)));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            (await IndexModel.YearsAsync(db, CaseScope.Agencies([early, late, empty]), Monday, default)).ShouldBe([2024, 2023, 2022]);
            (await IndexModel.YearsAsync(db, CaseScope.Agencies([late, empty]), Monday, default)).ShouldBe([2024, 2023]);
            (await IndexModel.YearsAsync(db, CaseScope.Agencies([late]), Monday, default)).ShouldBe([2024, 2023]);
            (await IndexModel.YearsAsync(db, CaseScope.Agencies([empty]), Monday, default)).ShouldBe([2024], "no cases: this year alone");
            (await IndexModel.YearsAsync(db, CaseScope.Agencies([]), Monday, default)).ShouldBe([2024]);
        }
    }

    private static Guid AddAgency(GongkaiDbContext db, string name)
    {
        var region = db.Regions.Local.FirstOrDefault() ?? new Region { Id = Guid.NewGuid(), Name = "示范县", Level = RegionLevel.County, Path = "" };
        if (region.Path.Length == 0)
        {
            region.Path = Region.ChildPath(null, region.Id);
            db.Regions.Add(region);
        }

        var id = Guid.NewGuid();
        db.Agencies.Add(new Agency { Id = id, RegionId = region.Id, Name = name, Kind = AgencyKind.Department });
        return id;
    }
}
