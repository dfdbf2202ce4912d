using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;

namespace Gongkai.Web.Portal;

/// <summary>What the public asks for: the words, the optional filters and the page (1-based).</summary>
public sealed record SearchRequest(string? Text, Guid? AgencyId = null, Guid? CategoryId = null, DateOnly? From = null, DateOnly? To = null, int Page = 1);

/// <summary>One result: the item's metadata, its title and a body snippet with the matches in &lt;mark&gt;.</summary>
public sealed record SearchHit(
    Guid Id,
    string Url,
    string? IndexNumber,
    string Title,
    string TitleHtml,
    string? DocumentNumber,
    string? DocumentNumberHtml,
    Guid AgencyId,
    string Agency,
    string? Topic,
    string? Genre,
    DateOnly PublishedOn,
    string SnippetHtml,
    SearchTier MatchedIn);

/// <summary>
/// A page of results. <see cref="Total"/> counts every match up to <see cref="CatalogSearch.CountCap"/>; beyond that
/// <see cref="TotalIsCapped"/> is true (the page says "超过 1000 条") and the pages stop there: a person refines a
/// search long before reading a thousand results, and counting further costs more than the rest of the request.
/// </summary>
public sealed record SearchResult(SearchQuery Query, string? Problem, int Total, bool TotalIsCapped, int Page, int PageSize, int PageCount, IReadOnlyList<SearchHit> Items)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// The public full-text search over published catalogue items (see <see cref="CatalogSearchIndex"/> for the index
/// and the ranking). Reads a page tier by tier without scanning more than the page needs: a tier is skipped by a
/// capped count, and every count stops at <see cref="CountCap"/>.
/// </summary>
public sealed class CatalogSearch([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db)
{
    public const int PageSize = 20;

    public const int CountCap = 1_000;

    private static readonly SearchTier[] Tiers = [SearchTier.Title, SearchTier.Number, SearchTier.Body];

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = SearchText.ParseQuery(request.Text);
        if (!query.IsValid)
        {
            return new SearchResult(query, query.Message, 0, false, 1, PageSize, 0, []);
        }

        if (request.From is { } from && request.To is { } to && from > to)
        {
            return new SearchResult(query, "起始日期晚于截止日期，请调换后再检索。", 0, false, 1, PageSize, 0, []);
        }

        var filter = new CatalogSearchFilter(query.Tokens, request.AgencyId, request.CategoryId, request.From, request.To);
        await using var read = await CatalogSearchIndex.BeginReadAsync(db, cancellationToken);
        var terms = await CatalogSearchIndex.TermCountsAsync(db, query.Tokens, cancellationToken);
        var counted = await CatalogSearchIndex.CountAsync(db, filter, SearchTier.Any, CountCap + 1, terms, cancellationToken);
        var total = Math.Min(counted, CountCap);
        var pageCount = (total + PageSize - 1) / PageSize;
        var page = Math.Clamp(request.Page, 1, Math.Max(pageCount, 1));
        if (total == 0)
        {
            return new SearchResult(query, null, 0, false, 1, PageSize, 0, []);
        }

        var keys = new List<(long Key, SearchTier Tier)>(PageSize);
        var skip = (page - 1) * PageSize;
        foreach (var tier in Tiers)
        {
            var need = PageSize - keys.Count;
            if (need == 0)
            {
                break;
            }

            var found = await CatalogSearchIndex.FindAsync(db, filter, tier, skip, need, terms, cancellationToken);
            if (found.Count > 0)
            {
                keys.AddRange(found.Select(k => (k, tier)));
                skip = 0;
            }
            else if (skip > 0)
            {
                // The page starts after this tier: step over it without reading it.
                skip -= await CatalogSearchIndex.CountAsync(db, filter, tier, skip, terms, cancellationToken);
            }
        }

        var rows = await CatalogSearchIndex.RowsAsync(db, [.. keys.Select(k => k.Key)], cancellationToken);
        var byKey = rows.ToDictionary(r => r.Key);
        var hits = new List<SearchHit>(keys.Count);
        foreach (var (key, tier) in keys)
        {
            if (!byKey.TryGetValue(key, out var row))
            {
                continue;
            }

            // The summary first: a title-only match then shows what the item is about.
            var text = row.Summary + "\n" + (row.Mode == DisclosureMode.Proactive ? row.Body : "");
            hits.Add(new SearchHit(
                row.Id,
                "/catalog/" + row.Id,
                row.IndexNumber,
                row.Title,
                SearchText.Highlight(row.Title, query.Tokens),
                row.DocumentNumber,
                row.DocumentNumber is null ? null : SearchText.Highlight(row.DocumentNumber, query.Tokens),
                row.AgencyId,
                row.Agency ?? "",
                row.Topic,
                row.Genre,
                row.PublishedOn ?? default,
                SearchText.Snippet(text, query.Tokens),
                tier));
        }

        return new SearchResult(query, null, total, counted > CountCap, page, PageSize, pageCount, hits);
    }
}
