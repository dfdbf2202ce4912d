using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Data.Catalog;
using Gongkai.Data.Numbering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Tests.Data;

public class NumberCounterTests
{
    private const string BeforeCounters = "20261122000050_QueueIndexes";
    private const string LetterSeries = "示教公复〔2024〕{序号}号";
    private static readonly Guid Education = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid Resources = Guid.Parse("0193a000-0000-7000-8000-000000000002");
    private static readonly DateOnly Monday = new(2024, 6, 17);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_migration_starts_every_counter_from_the_numbers_already_stored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeCounters);
            await StoreNumberedRowsAsync(db);
            await db.Database.MigrateAsync();
        }

        await using (var db = database.CreateContext())
        {
            var counters = await db.NumberCounters.AsNoTracking().ToListAsync();

            counters.Select(c => (c.AgencyId, c.Series, c.Last)).ShouldBe(
            [
                (Education, "application/2023", 7),
                (Education, "application/2024", 12),
                (Resources, "application/2024", 2),
                (Education, "letter/" + LetterSeries, 4),
                (Education, "index/2024", 9),
                (NumberCounters.Platform, "search/" + Monday.DayNumber, 6),
                (NumberCounters.Platform, "search/" + Monday.AddDays(1).DayNumber, 1),
            ], ignoreOrder: true);

            // 20261204100001_LetterSignOff: a letter approved before letters had states was numbered and sent, i.e. issued.
            var letters = await db.Letters.AsNoTracking().Select(l => new { l.Status, l.IssuedByName, l.IssuedAtUtc }).ToListAsync();
            letters.ShouldAllBe(l => l.Status == LetterStatus.Issued && l.IssuedByName == "李华（审核人）" && l.IssuedAtUtc == new DateTime(2024, 6, 17, 2, 0, 0));
            letters.Count.ShouldBe(3);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Taking_numbers_continues_the_series_and_a_rolled_back_transaction_gives_its_number_back(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        await db.GetService<IMigrator>().MigrateAsync(BeforeCounters);
        await StoreNumberedRowsAsync(db);
        await db.Database.MigrateAsync();
        var series = NumberSeries.Applications(2024);

        await Should.ThrowAsync<InvalidOperationException>(() => NumberCounters.TakeAsync(db, Education, series));
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            (await NumberCounters.TakeAsync(db, Education, series)).ShouldBe(13);
            await transaction.RollbackAsync();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            (await NumberCounters.TakeAsync(db, Education, series)).ShouldBe(13, "the rolled-back 13 is issued again");
            (await NumberCounters.TakeAsync(db, Education, series, 5)).ShouldBe(18, "a block of five: 14 to 18");
            (await NumberCounters.TakeAsync(db, Education, series, 0)).ShouldBe(18, "a count of 0 only reads (and locks)");
            (await NumberCounters.TakeAsync(db, Education, NumberSeries.Applications(2025))).ShouldBe(1, "a new series starts at 1");
            await transaction.CommitAsync();
        }

        (await NumberCounters.LastAsync(db, Education, series)).ShouldBe(18);
        (await NumberCounters.LastAsync(db, Resources, NumberSeries.Applications(2025))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrating_down_gives_the_index_number_serials_back_to_their_table(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        await db.GetService<IMigrator>().MigrateAsync(BeforeCounters);
        await StoreNumberedRowsAsync(db);
        await db.Database.MigrateAsync();

        await db.GetService<IMigrator>().MigrateAsync(BeforeCounters);

        (await db.Database.SqlQuery<int>($"""SELECT "LastSerial" AS "Value" FROM "CatalogSerials" WHERE "Year" = 2024""").ToListAsync()).ShouldBe([9]);
    }

    /// <summary>Rows numbered before the counters existed: two agencies' applications, 文号, an index-number serial, search keys.</summary>
    private static async Task StoreNumberedRowsAsync(GongkaiDbContext db)
    {
        var regionId = Guid.NewGuid();
        db.Regions.Add(new Region { Id = regionId, Name = "示范县", Level = RegionLevel.County, Path = Region.ChildPath(null, regionId) });
        Agency[] agencies =
        [
            new() { Id = Education, RegionId = regionId, Name = "示范县教育局", Kind = AgencyKind.Department },
            new() { Id = Resources, RegionId = regionId, Name = "示范县自然资源局", Kind = AgencyKind.Department },
        ];
        var applications = new[] { (Education, "2023-0007"), (Education, "2024-0001"), (Education, "2024-0012"), (Education, "2024-0003"), (Resources, "2024-0002"), (Resources, "来信-17") }
            .Select((a, i) => new ApplicationRecord
            {
                Id = Guid.NewGuid(),
                AgencyId = a.Item1,
                Number = a.Item2,
                ReceiptCode = "ABCDEFGH" + (22 + i),
                ApplicantName = "张三",
                Description = "2023年度校舍维修项目的招标文件",
                Channel = ReceiptChannel.Online,
                ArrivedOn = Monday,
                ConfirmedOn = Monday,
                CreatedAtUtc = new DateTime(2024, 6, 17, 1, 0, 0, DateTimeKind.Utc),
            }).ToList();
        await db.SaveChangesAsync();
        await OlderSchemaRows.InsertAsync(db, agencies);
        await OlderSchemaRows.InsertAsync(db, applications);

        // Letters as the schema of the time stores them (status 2 was "approved", numbered and sent): later
        // migrations add columns the model has now, so the rows are written in SQL, not through the model.
        foreach (var (series, sequence, number) in new[] { (LetterSeries, 1, "示教公复〔2024〕1号"), (LetterSeries, 4, "示教公复〔2024〕4号"), ((string?)null, (int?)null, "示教收〔2024〕9号") })
        {
            var at = new DateTime(2024, 6, 17, 2, 0, 0, DateTimeKind.Utc);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Letters" ("Id", "AgencyId", "ApplicationId", "Kind", "Number", "NumberSeries", "NumberSequence", "Recipient", "Title", "Body", "Status",
                    "ApprovedByName", "ApprovedAtUtc", "CreatedAtUtc", "UpdatedAtUtc", "VisibleToApplicant")
                VALUES ({Guid.NewGuid()}, {Education}, {applications[0].Id}, 'Reply.Granted', {number}, {series}, {sequence}, '张三', '答复书', '张三：', 2,
                    '李华（审核人）', {at}, {at}, {at}, {true})
                """);
        }

        // Catalogue items too: later migrations add columns (SourceApplicationId) the schema of the time lacks.
        var items = new List<CatalogItem>();
        foreach (var key in new long?[] { CatalogSearchIndex.FirstKeyOf(Monday), CatalogSearchIndex.FirstKeyOf(Monday) + 5, CatalogSearchIndex.FirstKeyOf(Monday.AddDays(1)), null })
        {
            var id = Guid.NewGuid();
            items.Add(new CatalogItem { Id = id, SeriesId = id, AgencyId = Education, Title = "通知", Publisher = "示范县教育局", Body = "", DraftedByName = "张明", SearchKey = key });
        }

        await OlderSchemaRows.InsertAsync(db, items);
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "CatalogSerials" ("AgencyId", "Year", "LastSerial") VALUES ({Education}, 2024, 9)""");
    }
}
