using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Applications;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>The queue's order and filters: in SQL on both providers, and on the page.</summary>
public class QueueTests
{
    private static readonly DateOnly Monday = new(2024, 6, 17);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Open_cases_come_first_by_due_date_then_closed_ones_by_conclusion_and_filters_run_in_sql(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rules = CaseRules.Default;
        var handler = Guid.NewGuid();
        Guid agency;
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
            var region = new Region { Id = Guid.NewGuid(), Name = "示范县", Level = RegionLevel.County, Path = "" };
            region.Path = Region.ChildPath(null, region.Id);
            agency = Guid.NewGuid();
            db.Regions.Add(region);
            db.Agencies.Add(new Agency { Id = agency, RegionId = region.Id, Name = "示范县教育局", Kind = AgencyKind.Department });
            db.Applications.AddRange(
                Case(agency, "2024-0001", CaseState.InProgress, due: new(2024, 6, 20), received: new(2024, 5, 22), handler: handler),
                Case(agency, "2024-0002", CaseState.InProgress, due: new(2024, 6, 14), received: new(2024, 5, 16)),
                Case(agency, "2024-0003", CaseState.AwaitingCorrection, due: null, received: new(2024, 6, 3)),
                Case(agency, "2024-0004", CaseState.Received, due: new(2024, 7, 15), received: Monday, channel: ReceiptChannel.Email),
                Case(agency, "2024-0005", CaseState.Replied, due: new(2024, 5, 10), received: new(2024, 4, 12), concluded: new(2024, 5, 8), outcome: Outcome.Granted),
                Case(agency, "2024-0006", CaseState.Archived, due: null, received: new(2024, 4, 1), concluded: new(2024, 6, 1), outcome: Outcome.OtherNoCorrection),
                Case(agency, "2024-0007", CaseState.Withdrawn, due: new(2024, 6, 28), received: new(2024, 5, 30), concluded: new(2024, 6, 1), outcome: Outcome.OtherOther),
                Case(agency, "2024-0008", CaseState.InProgress, due: new(2024, 6, 21), received: new(2024, 5, 24), handler: handler),
                Case(agency, "2023-0099", CaseState.Delivered, due: new(2024, 1, 12), received: new(2023, 12, 13), concluded: new(2024, 1, 10), outcome: Outcome.UnableNotHeld));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            async Task<List<string>> NumbersOf(List<Guid> ids) =>
                [.. (await db.Applications.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Number }).ToListAsync()).OrderBy(a => ids.IndexOf(a.Id)).Select(a => a.Number)];
            async Task<List<string>> Numbers(QueueFilter filter, DateOnly today) =>
                await NumbersOf(await db.Applications.Where(a => a.AgencyId == agency).Filter(filter, today, rules).PageIdsAsync(0, 100));

            (await Numbers(new QueueFilter(), Monday)).ShouldBe(
                ["2024-0002", "2024-0001", "2024-0008", "2024-0004", "2024-0003", "2024-0007", "2024-0006", "2024-0005", "2023-0099"],
                "open by due date, waiting-for-correction last among open; closed by conclusion date (newest first), then by receipt");
            var whole = await Numbers(new QueueFilter(), Monday);
            for (var size = 1; size <= 4; size++)
            {
                var paged = new List<string>();
                for (var skip = 0; skip < whole.Count; skip += size)
                {
                    paged.AddRange(await NumbersOf(await db.Applications.Where(a => a.AgencyId == agency).PageIdsAsync(skip, size)));
                }

                paged.ShouldBe(whole, $"pages of {size}, also those that span the last open and the first closed case");
            }

            (await Numbers(new QueueFilter { Status = "overdue" }, Monday)).ShouldBe(["2024-0002"]);
            (await Numbers(new QueueFilter { Status = "due-soon" }, Monday)).ShouldBe(["2024-0001"], "Thursday 20 June is the 3rd working day after Monday 17 June (due soon), Friday 21 the 4th (not)");
            (await Numbers(new QueueFilter { Status = "due-soon" }, new DateOnly(2024, 6, 14))).ShouldBe(["2024-0002"], "due today is due soon; Thursday 20 June is the 4th working day after Friday 14 June");
            (await Numbers(new QueueFilter { Status = "open" }, Monday)).Count.ShouldBe(5);
            (await Numbers(new QueueFilter { Status = "ended" }, Monday)).ShouldBe(["2024-0007"]);
            (await Numbers(new QueueFilter { Status = "awaiting-correction" }, Monday)).ShouldBe(["2024-0003"]);
            (await Numbers(new QueueFilter { Outcome = Outcome.Granted }, Monday)).ShouldBe(["2024-0005"]);
            (await Numbers(new QueueFilter { Channel = ReceiptChannel.Email }, Monday)).ShouldBe(["2024-0004"]);
            (await Numbers(new QueueFilter { Handler = handler.ToString() }, Monday)).ShouldBe(["2024-0001", "2024-0008"]);
            (await Numbers(new QueueFilter { Handler = "none", Status = "open" }, Monday)).ShouldBe(["2024-0002", "2024-0004", "2024-0003"]);
            (await Numbers(new QueueFilter { Year = 2023 }, Monday)).ShouldBe(["2023-0099"]);
            (await Numbers(new QueueFilter { ApplicantType = ApplicantType.Commercial }, Monday)).ShouldBeEmpty();

            var page = await QueueQuery.LoadAsync(db, CaseScope.Agency(agency), namesFor: null, new QueueFilter { Status = "open" }, Monday, rules);
            page.Total.ShouldBe(5);
            page.Items.Select(i => i.Number).ShouldBe(["2024-0002", "2024-0001", "2024-0008", "2024-0004", "2024-0003"]);
            page.Items.ShouldAllBe(i => i.ApplicantName == null && i.AgencyName == "示范县教育局");
            page.Items.Single(i => i.Number == "2024-0001").HandlerId.ShouldBe(handler);

            var counts = await QueueQuery.CountAsync(db, CaseScope.Agency(agency), Monday, rules);
            counts.ShouldBe(new QueueCounts(Open: 5, Overdue: 1, DueSoon: 1, Unregistered: 1, AwaitingCorrection: 1, ExtensionPending: 0));
        }
    }

    [Fact]
    public async Task The_queue_page_shows_open_cases_by_due_date_with_engine_badges_and_keeps_filters_in_its_links()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = await app.SignedInAsync("handler");

        var page = await client.GetPageAsync("/applications");
        var rows = page.QuerySelectorAll("table.queue tbody tr").ToList();
        rows.Count.ShouldBe(QueueQuery.PageSize);
        await using var db = app.Database.CreateContext();
        var agency = await app.AgencyIdAsync(Desk.Education);
        var open = await db.Applications.Where(a => a.AgencyId == agency).Open().ToListAsync();
        var openDated = open.Where(a => a.DueOn != null)
            .OrderBy(a => a.DueOn).ThenByDescending(a => a.ReceivedOn).ThenByDescending(a => a.Number, StringComparer.Ordinal).ToList();
        openDated.Count.ShouldBeInRange(3, QueueQuery.PageSize);
        var shownNumbers = rows.Take(openDated.Count).Select(r => r.QuerySelector("td a")!.TextContent).ToList();
        shownNumbers.ShouldBe(openDated.Select(a => a.Number).ToList(), "open cases first, the earliest due first");
        var overdueRows = rows.Where(r => r.QuerySelector(".badge.overdue")?.TextContent == "已逾期").Count();
        overdueRows.ShouldBe(openDated.Count(a => a.DueOn < Monday));
        rows.Count(r => r.QuerySelector(".badge.soon")?.TextContent == "即将到期").ShouldBeGreaterThan(0);

        var filtered = await client.GetPageAsync("/applications?status=open&channel=InPerson&year=2024");
        filtered.QuerySelector("#filter-status option[selected]")!.GetAttribute("value").ShouldBe("open");
        filtered.QuerySelector("#filter-channel option[selected]")!.GetAttribute("value").ShouldBe("InPerson");
        filtered.QuerySelector("#filter-year option[selected]")!.GetAttribute("value").ShouldBe("2024");
        var expected = open.Count(a => a.Channel == ReceiptChannel.InPerson && a.ReceivedOn.Year == 2024);
        filtered.QuerySelectorAll("table.queue tbody tr").Length.ShouldBe(expected);
        filtered.QuerySelector("[role=status]")!.TextContent.ShouldStartWith($"共 {expected} 件");

        var all = await client.GetPageAsync("/applications?channel=Online");
        var next = all.QuerySelector(".pager a[rel=next]")!.GetAttribute("href");
        next.ShouldBe("/applications?channel=Online&page=2");
        (await client.GetAsync(new Uri(next!, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    internal static ApplicationRecord Case(
        Guid agency,
        string number,
        CaseState state,
        DateOnly? due,
        DateOnly received,
        DateOnly? concluded = null,
        Outcome? outcome = null,
        ReceiptChannel channel = ReceiptChannel.InPerson,
        Guid? handler = null) => new()
    {
        Id = Guid.NewGuid(),
        AgencyId = agency,
        Number = number,
        ReceiptCode = "C" + number.Replace("-", "", StringComparison.Ordinal),
        ApplicantType = ApplicantType.NaturalPerson,
        ApplicantName = "申请人" + number,
        Description = "测试申请 " + number,
        Channel = channel,
        ArrivedOn = received,
        ConfirmedOn = Receipt.NeedsConfirmation(channel) ? received : null,
        ReceivedOn = received,
        State = state,
        DueOn = due,
        ConcludedOn = concluded,
        Outcome = outcome,
        HandlerId = handler,
    };
}
