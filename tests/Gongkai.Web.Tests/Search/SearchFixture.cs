using Gongkai.Catalog;
using Gongkai.Data.Agencies;
using Gongkai.Data.Catalog;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Search;

/// <summary>
/// A small published catalogue with fixed ids, loaded the same way into any database: the shared fixture on which
/// SQLite and PostgreSQL must give the same results in the same order.
/// </summary>
internal static class SearchFixture
{
    public static readonly Guid Government = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid Education = Guid.Parse("0193a000-0000-7000-8000-000000000002");
    public static readonly Guid SocialAid = Guid.Parse("0193a000-0000-7000-8000-0000000000c1");
    public static readonly Guid Notice = Guid.Parse("0193a000-0000-7000-8000-0000000000c2");

    /// <summary>(number, agency, title, 文号, body, published on, mode).</summary>
    public static readonly (int N, Guid Agency, string Title, string? Number, string Body, string PublishedOn, DisclosureMode Mode)[] Items =
    [
        (1, Government, "关于调整城乡低保标准的通知", "示政〔2024〕12号", "城乡低保标准每人每月提高20元。", "2024-03-01", DisclosureMode.Proactive),
        (2, Government, "城乡低保对象名单公示", null, "公示期7日。", "2024-05-10", DisclosureMode.Proactive),
        (3, Government, "关于做好防汛工作的通知", "豫政〔2024〕12号", "做好低保对象等困难群众的转移安置。", "2024-06-01", DisclosureMode.Proactive),
        (4, Government, "房屋拆迁补偿方案", "示建〔2023〕7号", "补偿标准见附件。", "2023-08-01", DisclosureMode.Proactive),
        (5, Education, "国有土地上房屋征收与补偿实施办法", "示建〔2023〕8号", "不得以拆迁名义强制搬迁。", "2023-09-01", DisclosureMode.Proactive),
        (6, Government, "关于低收入人口动态监测的通知", null, "按月比对数据。", "2024-02-01", DisclosureMode.Proactive),
        (7, Government, "示范县2012年工作总结", "示政〔2012〕3号", "全年完成各项任务。", "2013-01-15", DisclosureMode.Proactive),
        (8, Education, "关于学生资助的通知", "示教〔2024〕112号", "资助对象包括家庭经济困难学生。", "2024-05-10", DisclosureMode.Proactive),
        (9, Education, "政府信息公开申请办理台账", null, "含低保申请人的个人信息。", "2024-04-01", DisclosureMode.OnRequest),
        (10, Education, "学前教育低保家庭幼儿资助名单", null, "按学期发放。", "2024-05-10", DisclosureMode.Proactive),
    ];

    public static Guid IdOf(int n) => Guid.Parse(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0193a000-0000-7000-8000-{n:000000000000}"));

    public static async Task<TestDatabase> CreateAsync(string provider, int extraTitleMatches = 0)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        var regionId = Guid.Parse("0193a000-0000-7000-8000-0000000000f0");
        db.Regions.Add(new Region { Id = regionId, Name = "示范县", Level = RegionLevel.County, Path = Region.ChildPath(null, regionId) });
        db.Agencies.Add(new Agency { Id = Government, RegionId = regionId, Name = "示范县人民政府办公室", Kind = AgencyKind.Government, CreditCode = "11410799MB0000001X" });
        db.Agencies.Add(new Agency { Id = Education, RegionId = regionId, Name = "示范县教育局", Kind = AgencyKind.Department, CreditCode = "11410799MB0000002X" });
        db.CatalogCategories.Add(new CatalogCategory { Id = SocialAid, Scheme = CategoryScheme.Topic, Group = "民政、扶贫、救灾", Name = "社会救助" });
        db.CatalogCategories.Add(new CatalogCategory { Id = Notice, Scheme = CategoryScheme.Genre, Name = "通知" });
        await db.SaveChangesAsync();

        var items = Items.ToList();
        for (var i = 0; i < extraTitleMatches; i++)
        {
            items.Add((100 + i, Education, $"第{i + 1}批低保家庭学生资助名单", null, "名单见附件。", new DateOnly(2022, 1, 3).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), DisclosureMode.Proactive));
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (n, agency, title, number, body, publishedOn, mode) in items)
        {
            var published = DateOnly.Parse(publishedOn, System.Globalization.CultureInfo.InvariantCulture);
            var item = new CatalogItem
            {
                Id = IdOf(n),
                SeriesId = IdOf(n),
                AgencyId = agency,
                Status = CatalogStatus.Published,
                Title = title,
                Publisher = agency == Government ? "示范县人民政府办公室" : "示范县教育局",
                DocumentNumber = number,
                Body = body,
                Mode = mode,
                FormedOn = published,
                PublishedOn = published,
                TopicCategoryId = title.Contains("低保", StringComparison.Ordinal) ? SocialAid : null,
                GenreCategoryId = title.EndsWith("通知", StringComparison.Ordinal) ? Notice : null,
                IndexNumber = IndexNumberScheme.Default.Format(agency == Government ? "MB0000001" : "MB0000002", published, n),
                DraftedByName = "测试",
                SearchKey = await CatalogSearchIndex.NextKeyAsync(db, published),
            };
            db.CatalogItems.Add(item);
            await db.SaveChangesAsync();
            await CatalogSearchIndex.AddAsync(db, CatalogSearchDocument.From(item));
        }

        await transaction.CommitAsync();
        return database;
    }

    /// <summary>
    /// Searches a database as the platform does: on SQLite its own FTS5 index; on PostgreSQL, which keeps no search
    /// index of its own (ADR 0014 "No PostgreSQL fallback search"), through an app whose local index is built and
    /// serving (built in batches of three items, so even the fixture goes through several batches).
    /// </summary>
    public static async Task<FixtureSearch> SearchOnAsync(TestDatabase database)
    {
        if (database.Provider == DatabaseProviders.Sqlite)
        {
            return new FixtureSearch(database, null);
        }

        var app = new GongkaiApp(database, demo: false);
        app.Settings["Search:LocalIndex:BatchSize"] = "3";
        await app.Services.GetRequiredService<LocalSearchIndex>().WhenServingAsync();
        return new FixtureSearch(database, app);
    }
}

/// <summary>The search of one fixture database (<see cref="SearchFixture.SearchOnAsync"/>).</summary>
internal sealed class FixtureSearch(TestDatabase database, GongkaiApp? app) : IAsyncDisposable
{
    public async Task<SearchResult> SearchAsync(SearchRequest request)
    {
        if (app is null)
        {
            await using var db = database.CreateContext();
            return await new CatalogSearch(db).SearchAsync(request);
        }

        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogSearch>().SearchAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
