using Gongkai.Data;
using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>
/// The 主题分类 and 体裁分类 an agency files its items under: the platform's default lists (the 主题分类 follows the
/// classes used by the national government-information catalogue; the 体裁分类 the official document types of
/// 《党政机关公文处理工作条例》 plus the kinds seen in published catalogues) and the agency's own additions.
/// </summary>
public static class CatalogCategories
{
    /// <summary>First level → second level (an empty array: the class has no second level).</summary>
    public static IReadOnlyList<(string Group, string[] Names)> DefaultTopics { get; } =
    [
        ("综合政务", ["政务公开", "政务督查", "应急管理", "电子政务", "其他"]),
        ("国民经济管理、国有资产监管", ["发展规划", "统计", "国有资产监管"]),
        ("财政、金融、审计", ["财政", "审计", "税务", "金融"]),
        ("国土资源、能源", ["土地", "矿产", "测绘", "能源"]),
        ("农业、林业、水利", ["农业、农村", "林业", "水利"]),
        ("工业、交通", ["工业", "交通", "信息产业"]),
        ("商贸、海关、旅游", ["商贸", "旅游"]),
        ("市场监管、安全生产监管", ["市场监管", "安全生产", "食品药品监管"]),
        ("城乡建设、环境保护", ["城乡建设（含住房）", "环境监测、保护与治理", "节能与资源综合利用"]),
        ("科技、教育", ["教育", "科技"]),
        ("文化、广电、新闻出版", ["文化", "广播影视", "新闻出版"]),
        ("卫生、体育", ["卫生", "体育"]),
        ("人口与计划生育、妇女儿童工作", ["人口与计划生育", "妇女儿童"]),
        ("劳动、人事、监察", ["就业", "社会保障", "人事工作", "公务员管理", "监察"]),
        ("公安、安全、司法", ["公安", "司法"]),
        ("民政、扶贫、救灾", ["社会救助", "社会福利", "减灾救灾", "乡村振兴"]),
        ("民族、宗教", []),
        ("其他", []),
    ];

    public static IReadOnlyList<string> DefaultGenres { get; } =
    [
        "命令（令）", "决定", "公告", "通告", "意见", "通知", "通报", "报告", "批复", "函", "纪要",
        "规定", "办法", "细则", "规划", "计划", "方案", "公示", "解读", "统计数据", "其他",
    ];

    /// <summary>Loads the default lists into a database that has none (idempotent).</summary>
    public static async Task SeedAsync(GongkaiDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (await db.CatalogCategories.AnyAsync(c => c.AgencyId == null, cancellationToken))
        {
            return;
        }

        var order = 0;
        foreach (var (group, names) in DefaultTopics)
        {
            if (names.Length == 0)
            {
                db.CatalogCategories.Add(New(CategoryScheme.Topic, null, group, order++));
            }

            foreach (var name in names)
            {
                db.CatalogCategories.Add(New(CategoryScheme.Topic, group, name, order++));
            }
        }

        foreach (var name in DefaultGenres)
        {
            db.CatalogCategories.Add(New(CategoryScheme.Genre, null, name, order++));
        }

        await db.SaveChangesAsync(cancellationToken);

        CatalogCategory New(CategoryScheme scheme, string? group, string name, int sortOrder) => new()
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Scheme = scheme,
            Group = group,
            Name = name,
            SortOrder = sortOrder,
        };
    }

    /// <summary>The categories offered to an agency (defaults, then its own), in display order.</summary>
    public static async Task<IReadOnlyList<CatalogCategory>> ForAgencyAsync(GongkaiDbContext db, Guid? agencyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.CatalogCategories.AsNoTracking()
            .Where(c => c.AgencyId == null || c.AgencyId == agencyId)
            .OrderBy(c => c.AgencyId != null).ThenBy(c => c.Scheme).ThenBy(c => c.SortOrder)
            .ToListAsync(cancellationToken);
    }
}
