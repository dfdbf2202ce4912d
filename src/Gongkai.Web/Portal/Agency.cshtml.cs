using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Gongkai.Data.Catalog;
using Gongkai.Web.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal;

/// <summary>A 主题分类 class with how many published items of the agency it holds.</summary>
public sealed record CategoryCount(Guid Id, string Name, int Count);

/// <summary>A first-level class of the 标准目录 with its second-level classes (or itself, when it has none).</summary>
public sealed record CategoryGroup(string Name, IReadOnlyList<CategoryCount> Classes)
{
    public int Count => Classes.Sum(c => c.Count);
}

/// <summary>
/// An agency's 政府信息公开 column as visitors know it from every government site: 信息公开指南, 信息公开制度,
/// 法定主动公开内容 by the 标准目录 (主题分类) tree, 信息公开年报 (each year viewable and downloadable), 依申请公开 and
/// 政民互动. Only what exists is linked: an empty class is named with its count of 0, not linked.
/// </summary>
[AllowAnonymous]
public sealed class AgencyModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Titles that mark an item as one of the agency's own disclosure rules (制度) wherever it is filed.</summary>
    private static readonly string[] RuleWords = ["政务公开", "信息公开"];

    public PortalAgency Agency { get; private set; } = null!;

    public IReadOnlyList<CatalogListItem> Rules { get; private set; } = [];

    public IReadOnlyList<CategoryGroup> Topics { get; private set; } = [];

    public int PublishedCount { get; private set; }

    public int Unfiled { get; private set; }

    public IReadOnlyList<int> ReportYears { get; private set; } = [];

    /// <summary>The agency's consultations that have opened.</summary>
    public int Consultations { get; private set; }

    public IReadOnlyList<(string Format, string Label)> DownloadFormats => PublicReportFiles.Formats;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var agencies = await PortalQueries.AgenciesAsync(db, cancellationToken);
        if (agencies.FirstOrDefault(a => a.Id == id) is not { } agency)
        {
            return NotFound();
        }

        Agency = agency;
        var published = PortalQueries.Published(db).Where(i => i.AgencyId == id);
        PublishedCount = await published.CountAsync(cancellationToken);
        var counts = await published.GroupBy(i => i.TopicCategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byCategory = counts.Where(c => c.Key != null).ToDictionary(c => c.Key!.Value, c => c.Count);
        Unfiled = counts.Where(c => c.Key == null).Sum(c => c.Count);
        var topics = (await CatalogCategories.ForAgencyAsync(db, id, cancellationToken)).Where(c => c.Scheme == CategoryScheme.Topic).ToList();
        Topics = [.. topics
            .GroupBy(c => c.Group ?? c.Name)
            .Select(g => new CategoryGroup(g.Key, [.. g.Select(c => new CategoryCount(c.Id, c.Name, byCategory.GetValueOrDefault(c.Id)))]))];

        var ruleTopic = topics.Where(c => c.FullName == "综合政务\\政务公开").Select(c => (Guid?)c.Id).FirstOrDefault();
        Rules = await published
            .Where(i => i.TopicCategoryId == ruleTopic || i.Title.Contains(RuleWords[0]) || i.Title.Contains(RuleWords[1]))
            .OrderByDescending(i => i.SearchKey)
            .Take(10)
            .AsListItems()
            .ToListAsync(cancellationToken);

        ReportYears = await db.AnnualReports.AsNoTracking()
            .Where(r => r.AgencyId == id && r.Status == AnnualReportStatus.Published)
            .Select(r => r.Year)
            .Distinct()
            .OrderByDescending(y => y)
            .ToListAsync(cancellationToken);
        var today = Infrastructure.ChinaTime.Today(clock);
        Consultations = await db.Consultations.CountAsync(c => c.AgencyId == id && c.OpensOn <= today, cancellationToken);
        return Page();
    }
}
