using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;

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
/// <see cref="Problem"/>: the request cannot be searched as asked (the person changes it). <see cref="Unavailable"/>:
/// this node cannot search at all now (on PostgreSQL, its local index is being built), with what to tell the person;
/// the result then has no items and no total.
/// </summary>
public sealed record SearchResult(SearchQuery Query, string? Problem, int Total, bool TotalIsCapped, int Page, int PageSize, int PageCount, IReadOnlyList<SearchHit> Items, string? Unavailable = null)
{
    public bool IsValid => Problem is null && Unavailable is null;
}

/// <summary>
/// The public full-text search over published catalogue items (see <see cref="CatalogSearchIndex"/> for the index
/// and the ranking). Reads a page tier by tier without scanning more than the page needs: a tier is skipped by a
/// capped count, and every count stops at <see cref="CountCap"/>. On PostgreSQL the keys come from the node's
/// <see cref="LocalSearchIndex"/> (SQLite's FTS5 statements), and so does what a result shows; PostgreSQL keeps
/// no search index of its own, so while the node's index is not usable (first build, rebuild after damage) the result
/// says the search is unavailable and how far the build has got (<see cref="SearchResult.Unavailable"/>, ADR 0014
/// "No PostgreSQL fallback search") — never a partial or empty answer that looks like a real one.
/// </summary>
public sealed class CatalogSearch([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db, LocalSearchIndex? local = null)
{
    public const int PageSize = 20;

    public const int CountCap = Infrastructure.CappedCount.Cap;

    /// <summary>
    /// The Retry-After (seconds) of a search this node cannot answer yet (<see cref="SearchResult.Unavailable"/>): a
    /// build reports progress every few seconds and takes minutes to hours, so a client asks again in a minute.
    /// </summary>
    public const int UnavailableRetryAfterSeconds = 60;

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
        PageKeys found;
        IReadOnlyList<CatalogSearchRow> rows;
        IReadOnlyDictionary<long, string>? snippets = null;
        if (db.Database.IsSqlite())
        {
            var connection = db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open)
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
            }

            found = await PageAsync(new SqliteTiers(connection, null), filter, request.Page, cancellationToken);
            rows = await CatalogSearchIndex.RowsAsync(db, found.KeyList, cancellationToken);
        }
        else if (local is { Enabled: true } && await LocalAsync(local, filter, request.Page, cancellationToken) is { } answer)
        {
            (found, rows, snippets) = answer;
        }
        else
        {
            return new SearchResult(query, null, 0, false, 1, PageSize, 0, [], LocalSearchIndex.UnavailableText(local));
        }

        var (counted, page, keys) = found;
        var total = Math.Min(counted, CountCap);
        var pageCount = (total + PageSize - 1) / PageSize;
        if (total == 0)
        {
            return new SearchResult(query, null, 0, false, 1, PageSize, 0, []);
        }

        var byKey = rows.ToDictionary(r => r.Key);
        var hits = new List<SearchHit>(keys.Count);
        foreach (var (key, tier) in keys)
        {
            if (!byKey.TryGetValue(key, out var row))
            {
                continue;
            }

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
                snippets?.GetValueOrDefault(key) ?? SearchText.Snippet(row.Text, query.Tokens) ?? SearchText.Snippet(row.Text.Text, query.Tokens),
                tier));
        }

        return new SearchResult(query, null, total, counted > CountCap, page, PageSize, pageCount, hits);
    }

    /// <summary>
    /// The page and what its results show from the node's local index; from PostgreSQL only the change log's head, in
    /// one round trip, together with the whole text of the few results whose snippet lies beyond the start of the text
    /// the index keeps (ADR 0014). Only when the head shows changes the lookup did not have is the index caught up and
    /// the page looked up again. Null when the local index cannot answer: the search is unavailable on this node until
    /// the index is rebuilt.
    /// </summary>
    private async Task<(PageKeys Found, IReadOnlyList<CatalogSearchRow> Rows, IReadOnlyDictionary<long, string> Snippets)?> LocalAsync(LocalSearchIndex local, CatalogSearchFilter filter, int page, CancellationToken cancellationToken)
    {
        await using var index = await local.OpenAsync(cancellationToken);
        if (index is null)
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            PageKeys found;
            IReadOnlyList<CatalogSearchRow> rows;
            try
            {
                // One read transaction: the rows are those of the index the lookup saw, even if a catch-up commits meanwhile.
                // Deferred: a reader, never the index's write lock.
                await using var read = index.Connection.BeginTransaction(deferred: true);
                found = await PageAsync(new SqliteTiers(index.Connection, read), filter, page, cancellationToken);
                rows = await LocalSearchIndex.RowsAsync(index, read, found.KeyList, cancellationToken);
            }
            catch (Microsoft.Data.Sqlite.SqliteException exception)
            {
                local.Failed(exception);
                return null;
            }

            var snippets = new Dictionary<long, string>(rows.Count);
            var undecided = new List<CatalogSearchRow>();
            foreach (var row in rows)
            {
                if (SearchText.Snippet(row.Text, filter.Tokens) is { } snippet)
                {
                    snippets[row.Key] = snippet;
                }
                else
                {
                    undecided.Add(row);
                }
            }

            var (head, texts) = await CatalogSearchIndex.LogHeadAsync(db, [.. undecided.Select(r => r.Id)], cancellationToken);
            switch (await local.CheckAsync(db, index, head, catchUp: attempt == 0, cancellationToken))
            {
                case LocalSearchCheck.Current:
                    if (undecided.Count > 0)
                    {
                        local.ReadTexts();
                    }

                    foreach (var row in undecided)
                    {
                        // A published version's text never changes; its row is never deleted.
                        snippets[row.Key] = SearchText.Snippet(texts.GetValueOrDefault(row.Id) ?? row.Text.Text, filter.Tokens);
                    }

                    return (found, rows, snippets);
                case LocalSearchCheck.Unusable:
                    return null;
                default:
                    continue;
            }
        }
    }

    /// <summary>The capped total, the page shown (clamped to the pages there are) and its keys with their tiers.</summary>
    private static async Task<PageKeys> PageAsync(ITiers tiers, CatalogSearchFilter filter, int requested, CancellationToken cancellationToken)
    {
        var counted = await tiers.CountAsync(filter, SearchTier.Any, CountCap + 1, cancellationToken);
        var total = Math.Min(counted, CountCap);
        var pageCount = (total + PageSize - 1) / PageSize;
        var page = Math.Clamp(requested, 1, Math.Max(pageCount, 1));
        var keys = new List<(long Key, SearchTier Tier)>(PageSize);
        if (total == 0)
        {
            return new PageKeys(0, 1, keys);
        }

        var skip = (page - 1) * PageSize;
        foreach (var tier in Tiers)
        {
            var need = PageSize - keys.Count;
            if (need == 0)
            {
                break;
            }

            var found = await tiers.FindAsync(filter, tier, skip, need, cancellationToken);
            if (found.Count > 0)
            {
                keys.AddRange(found.Select(k => (k, tier)));
                skip = 0;
            }
            else if (skip > 0)
            {
                // The page starts after this tier: step over it without reading it.
                skip -= await tiers.CountAsync(filter, tier, skip, cancellationToken);
            }
        }

        return new PageKeys(counted, page, keys);
    }

    private sealed record PageKeys(int Counted, int Page, List<(long Key, SearchTier Tier)> Keys)
    {
        public long[] KeyList => [.. Keys.Select(k => k.Key)];
    }

    /// <summary>Where a search reads its tiers: an FTS5 index, the SQLite database's or the node's local one.</summary>
    private interface ITiers
    {
        Task<int> CountAsync(CatalogSearchFilter filter, SearchTier tier, int cap, CancellationToken cancellationToken);

        Task<IReadOnlyList<long>> FindAsync(CatalogSearchFilter filter, SearchTier tier, int skip, int take, CancellationToken cancellationToken);
    }

    private sealed class SqliteTiers(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction) : ITiers
    {
        public Task<int> CountAsync(CatalogSearchFilter filter, SearchTier tier, int cap, CancellationToken cancellationToken) =>
            CatalogSearchIndex.SqliteCountAsync(connection, transaction, filter, tier, cap, cancellationToken);

        public Task<IReadOnlyList<long>> FindAsync(CatalogSearchFilter filter, SearchTier tier, int skip, int take, CancellationToken cancellationToken) =>
            CatalogSearchIndex.SqliteFindAsync(connection, transaction, filter, tier, skip, take, cancellationToken);
    }
}
