using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>
/// Table 二（一） of an agency's annual report from its catalogue: the 规章 and 行政规范性文件 whose current version is
/// published (a withdrawn publication does not count; a superseded version counts once, through its successor),
/// counted by <see cref="NormativeDocumentTally"/> from their 成文日期, 废止日期 and 有效期.
/// The annual-report workspace calls <see cref="For"/> to fill the six cells.
/// </summary>
public sealed class NormativeDocumentCounts(GongkaiDbContext db)
{
    public async Task<NormativeDocumentFigures> For(Guid agencyId, int year, CancellationToken cancellationToken = default)
    {
        var documents = await Documents(agencyId)
            .Select(i => new NormativeDocumentDates(i.Kind, i.WrittenOn!.Value, i.RepealedOn, i.ExpiresOn))
            .ToListAsync(cancellationToken);
        return NormativeDocumentTally.Count(documents, year);
    }

    /// <summary>The documents that table 二（一） counts for an agency (for listing them next to the figures).</summary>
    public IQueryable<CatalogItem> Documents(Guid agencyId) => db.CatalogItems.AsNoTracking()
        .Where(i => i.AgencyId == agencyId
            && i.Status == CatalogStatus.Published
            && (i.Kind == CatalogItemKind.Rule || i.Kind == CatalogItemKind.NormativeDocument)
            && i.WrittenOn != null);
}
