using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Catalog;
using Gongkai.Tests.Data;
using Gongkai.Web.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Catalog;

public class NormativeDocumentCountsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_the_current_published_version_of_a_document_counts(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        var region = Guid.CreateVersion7();
        var agency = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        db.Regions.Add(new Region { Id = region, Name = "示范县", Path = Region.ChildPath(null, region) });
        db.Agencies.Add(new Agency { Id = agency, RegionId = region, Name = "示范县教育局" });
        db.Agencies.Add(new Agency { Id = other, RegionId = region, Name = "示范县自然资源局" });
        var series = Guid.CreateVersion7();
        Add(db, agency, CatalogItemKind.NormativeDocument, CatalogStatus.Superseded, "2023-03-01", series: series, version: 1);
        Add(db, agency, CatalogItemKind.NormativeDocument, CatalogStatus.Published, "2023-03-01", series: series, version: 2, repealed: "2024-07-01");
        Add(db, agency, CatalogItemKind.NormativeDocument, CatalogStatus.Withdrawn, "2024-02-01");
        Add(db, agency, CatalogItemKind.NormativeDocument, CatalogStatus.Draft, "2024-02-02");
        Add(db, agency, CatalogItemKind.Rule, CatalogStatus.Published, "2024-05-01");
        Add(db, agency, CatalogItemKind.NormativeDocument, CatalogStatus.Published, "2024-06-01", expires: "2024-12-30");
        Add(db, agency, CatalogItemKind.General, CatalogStatus.Published, "2024-06-01");
        Add(db, other, CatalogItemKind.NormativeDocument, CatalogStatus.Published, "2024-06-01");
        await db.SaveChangesAsync();

        var counts = new NormativeDocumentCounts(db);

        (await counts.For(agency, 2024)).ShouldBe(new NormativeDocumentFigures(2024, 1, 0, 1, 1, 1, 0));
        (await counts.For(agency, 2023)).ShouldBe(new NormativeDocumentFigures(2023, 0, 0, 0, 1, 0, 1));
        (await counts.For(other, 2024)).ShouldBe(new NormativeDocumentFigures(2024, 0, 0, 0, 1, 0, 1));
    }

    private static void Add(GongkaiDbContext db, Guid agency, CatalogItemKind kind, CatalogStatus status, string written, Guid? series = null, int version = 1, string? repealed = null, string? expires = null)
    {
        var id = Guid.CreateVersion7();
        db.CatalogItems.Add(new CatalogItem
        {
            Id = id,
            SeriesId = series ?? id,
            Version = version,
            AgencyId = agency,
            Kind = kind,
            Status = status,
            Title = "文件",
            Publisher = "机关",
            DocumentNumber = "示〔2024〕1号",
            WrittenOn = DateOnly.Parse(written, System.Globalization.CultureInfo.InvariantCulture),
            FormedOn = DateOnly.Parse(written, System.Globalization.CultureInfo.InvariantCulture),
            RepealedOn = repealed is null ? null : DateOnly.Parse(repealed, System.Globalization.CultureInfo.InvariantCulture),
            ExpiresOn = expires is null ? null : DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture),
            Body = "",
            DraftedByName = "测试",
        });
    }
}
