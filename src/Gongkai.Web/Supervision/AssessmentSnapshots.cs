using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Audit;
using Gongkai.Data.Jobs;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Supervision;

/// <summary>
/// When an open period's ranking is computed in the background (configuration section <c>Supervision</c>):
/// <c>AssessmentRefresh</c> (a computed ranking older than this is computed again when read), <c>AssessmentInlineAgencies</c>
/// (a region with at most this many assessed agencies is computed live in the request, as before), how often each node
/// looks for queued computations and when a claim is taken over from a node that died.
/// </summary>
public sealed class AssessmentSnapshotOptions
{
    public const string Section = "Supervision";

    public TimeSpan AssessmentRefresh { get; set; } = TimeSpan.FromMinutes(15);

    public int AssessmentInlineAgencies { get; set; } = 200;

    public TimeSpan AssessmentPollEvery { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan AssessmentStaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many times a computation may be claimed before it ends 失败 (one whose node keeps dying is not taken over for
    /// ever, as <see cref="LetterOptions.PdfMaxAttempts"/>); queuing it again (重试, or a stale read) starts the count again.
    /// </summary>
    public int AssessmentMaxAttempts { get; set; } = 3;
}

/// <summary>What the assessment page says about a background ranking: the job's state, its words, a detail and when the shown one was computed.</summary>
public sealed record SnapshotView(string State, string Label, string? Detail, DateTime? ComputedAtUtc, int? SchemeVersion, bool Outdated)
{
    /// <summary>Still to come: the page polls (or offers 刷新 without JavaScript).</summary>
    public bool InProgress => State is "queued" or "running";
}

/// <summary>An assessment as the page reads it: the ranking (null when there is none yet) and, when it is computed in the background, its state.</summary>
public sealed record AssessmentRead(AssessmentResult? Result, SnapshotView? Snapshot, bool HasScheme);

/// <summary>
/// Region-wide rankings of open periods computed in the background (<see cref="AssessmentSnapshotRecord"/>): a region
/// with more than <see cref="AssessmentSnapshotOptions.AssessmentInlineAgencies"/> assessed agencies reads its ranking
/// from storage, with 数据截至; a missing one, one older than <see cref="AssessmentSnapshotOptions.AssessmentRefresh"/>
/// or one scored under another scheme version than the one in force is queued for <see cref="AssessmentSnapshotWorker"/>.
/// Closed periods read their stored results and small regions compute live, as before. The stored ranking covers every
/// agency of the region's subtree; each reader sees it without their own office, ranked again.
/// </summary>
public sealed class AssessmentSnapshots(
    GongkaiDbContext db, Assessments assessments, AuditLog audit, IMemoryCache cache, IOptions<AssessmentSnapshotOptions> options, TimeProvider clock)
{
    public const string RequestedAction = "assessment.recompute-requested";

    public const string System = "系统";

    /// <summary>The key (in place of a period's) of a region's stored overview trends: not a period, so never parsed as one.</summary>
    public const string TrendsKey = "trends";

    /// <summary>The key (in place of a period's) of a region's stored aggregate for a year, e.g. "A2025": fits the column's 6 characters and never parses as a period.</summary>
    public static string AggregateKey(int year) => string.Create(CultureInfo.InvariantCulture, $"A{year}");

    /// <summary>The year of an <see cref="AggregateKey"/>, or null when the key is not one.</summary>
    public static int? AggregateYear(string key) =>
        key is ['A', .. var digits] && digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    /// <summary>How old a computed ranking may be before reading it queues a new computation.</summary>
    public TimeSpan Refresh => options.Value.AssessmentRefresh;

    /// <summary>The words of a computation's states.</summary>
    public static string Label(RenderJobState state) => state switch
    {
        RenderJobState.Queued => "排队中",
        RenderJobState.Running => "计算中",
        RenderJobState.Done => "已完成",
        _ => "失败",
    };

    /// <summary>The assessment of a region and period as the page shows it.</summary>
    public async Task<AssessmentRead> ReadAsync(Region region, AssessmentPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(period);
        var agencies = await assessments.AssessedAgenciesAsync(region, cancellationToken);
        var closed = await db.AssessmentResults.AsNoTracking().AnyAsync(r => r.RegionId == region.Id && r.PeriodKey == period.Key, cancellationToken);
        if (closed || agencies.Count <= options.Value.AssessmentInlineAgencies)
        {
            var live = await assessments.AssessAsync(region, period, cancellationToken);
            return new AssessmentRead(live, null, live is not null);
        }

        var schemes = await assessments.SchemesAsync(region.Id, period.Kind, cancellationToken);
        if (AssessmentSchemes.InForce(schemes.Select(s => s.Scheme), period) is not { } inForce)
        {
            return new AssessmentRead(null, null, false);
        }

        var schemeId = schemes.First(s => s.Scheme == inForce).Id;
        var row = await FindAsync(region.Id, period.Key, cancellationToken);
        if (row is null || (row.State == RenderJobState.Done && (row.SchemeId != schemeId || row.ComputedAtUtc < Now - options.Value.AssessmentRefresh)))
        {
            row = (await QueueAsync(region, period.Key, System, cancellationToken)).Row;
        }

        var result = row.SchemeId is null ? null : await FromSnapshotAsync(row.Id, region, period, agencies, cancellationToken);
        return new AssessmentRead(result, View(row, result?.Scheme.Scheme.Version, schemeId), true);
    }

    /// <summary>
    /// The region overview's twelve-month trends (<see cref="Trends.MonthlyAsync"/>) of a large region, stored in the
    /// same table under the key <see cref="TrendsKey"/> and computed by the same worker; null when the region has at most
    /// <see cref="AssessmentSnapshotOptions.AssessmentInlineAgencies"/> agencies (the caller counts live). A missing series,
    /// one older than <see cref="AssessmentSnapshotOptions.AssessmentRefresh"/> or a failed one asked for that long ago is
    /// queued; the charts are empty until the first computation is done.
    /// </summary>
    public async Task<(IReadOnlyList<TrendChart> Charts, SnapshotView View)?> ReadTrendsAsync(Region region, int agencies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (agencies <= options.Value.AssessmentInlineAgencies)
        {
            return null;
        }

        var row = await FindAsync(region.Id, TrendsKey, cancellationToken);
        var old = Now - options.Value.AssessmentRefresh;
        if (row is null || (row.State == RenderJobState.Done && row.ComputedAtUtc < old) || (row.State == RenderJobState.Failed && row.RequestedAtUtc < old))
        {
            row = (await QueueAsync(region, TrendsKey, System, cancellationToken)).Row;
        }

        var json = row.ComputedAtUtc is null ? null
            : await db.AssessmentSnapshots.AsNoTracking().Where(s => s.Id == row.Id).Select(s => s.ResultsJson).SingleOrDefaultAsync(cancellationToken);
        IReadOnlyList<TrendChart> charts = json is null ? [] : JsonSerializer.Deserialize<List<TrendChart>>(json, Assessments.Json) ?? [];
        return (charts, View(row, null, null));
    }

    /// <summary>
    /// The region aggregate of a year (<see cref="AggregateTable"/>) of a region with more than
    /// <see cref="AssessmentSnapshotOptions.AssessmentInlineAgencies"/> agencies (its whole subtree, <paramref name="agencies"/>),
    /// stored under <see cref="AggregateKey"/> and computed by the same worker; null for a smaller region (the caller adds
    /// up live). A missing aggregate, one older than <see cref="AssessmentSnapshotOptions.AssessmentRefresh"/>, one whose
    /// <see cref="AggregateTable.StampAsync"/> no longer matches (a report published or collected since) or a failed one
    /// asked for that long ago is queued; the stored one (null before the first computation) is shown meanwhile.
    /// <c>Computation</c> identifies the stored aggregate for what is made from it once (the workbook).
    /// </summary>
    public async Task<(AggregateTable? Table, SnapshotView View, (Guid Id, int Attempt, DateTime ComputedAtUtc)? Computation)?> ReadAggregateAsync(
        Region region, IReadOnlyList<ScopedAgency> agencies, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(agencies);
        if (agencies.Count <= options.Value.AssessmentInlineAgencies)
        {
            return null;
        }

        var key = AggregateKey(year);
        var row = await FindAsync(region.Id, key, cancellationToken);
        var stored = row is null ? null : await StoredAggregateAsync(row, cancellationToken);
        var old = Now - options.Value.AssessmentRefresh;
        if (row is null
            || (row.State == RenderJobState.Done
                && (row.ComputedAtUtc < old || stored?.Value.Stamp != await AggregateTable.StampAsync(db, agencies, year, cancellationToken)))
            || (row.State == RenderJobState.Failed && row.RequestedAtUtc < old))
        {
            row = (await QueueAsync(region, key, System, cancellationToken)).Row;
        }

        return (stored?.Value.Table, View(row, null, null), stored?.Computation);
    }

    /// <summary>
    /// A stored aggregate, deserialised once per node and computation (megabytes of JSON at 2,000 agencies), keyed as
    /// the ranking is (<see cref="RankingAsync"/>: the row, its attempts and <c>ComputedAtUtc</c>, read with the JSON) and
    /// not kept while a computation runs; its <c>Computation</c> is then null too, so nothing made from it is kept.
    /// </summary>
    private async Task<(StoredAggregate Value, (Guid, int, DateTime)? Computation)?> StoredAggregateAsync(AssessmentSnapshotRecord row, CancellationToken cancellationToken)
    {
        if (row.ComputedAtUtc is not { } computedAt)
        {
            return null;
        }

        if (row.State != RenderJobState.Running && cache.TryGetValue((nameof(StoredAggregate), row.Id, row.Attempts, computedAt), out StoredAggregate? known) && known is not null)
        {
            return (known, (row.Id, row.Attempts, computedAt));
        }

        var stored = await db.AssessmentSnapshots.AsNoTracking().Where(s => s.Id == row.Id)
            .Select(s => new { s.ComputedAtUtc, s.ResultsJson, s.Attempts, s.State }).SingleOrDefaultAsync(cancellationToken);
        if (stored is not { ComputedAtUtc: { } at, ResultsJson: { } json } || JsonSerializer.Deserialize<StoredAggregate>(json, Assessments.Json) is not { } value)
        {
            return null;
        }

        if (stored.State == RenderJobState.Running)
        {
            return (value, null);
        }

        cache.Set((nameof(StoredAggregate), row.Id, stored.Attempts, at), value, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
        return (value, (row.Id, stored.Attempts, at));
    }

    /// <summary>The background computation's state for the JSON the page polls; null when the region is computed live.</summary>
    public async Task<SnapshotView?> StateAsync(Region region, AssessmentPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(period);
        if (await FindAsync(region.Id, period.Key, cancellationToken) is not { } row)
        {
            return null;
        }

        var version = row.SchemeId is { } id ? await db.AssessmentSchemes.AsNoTracking().Where(s => s.Id == id).Select(s => (int?)s.Version).SingleOrDefaultAsync(cancellationToken) : null;
        return View(row, version, row.SchemeId);
    }

    /// <summary>True when the region's ranking is read from storage rather than computed in the request.</summary>
    public async Task<bool> InBackgroundAsync(Region region, CancellationToken cancellationToken) =>
        (await assessments.AssessedAgenciesAsync(region, cancellationToken)).Count > options.Value.AssessmentInlineAgencies;

    /// <summary>
    /// 重新计算: queues a computation of the region's ranking for the period unless one is queued or running. A queued
    /// request is one audit line. Returns the row and whether this request queued it.
    /// </summary>
    public async Task<(AssessmentSnapshotRecord Row, bool Queued)> RequestAsync(Region region, AssessmentPeriod period, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(period);
        var (row, queued) = await QueueAsync(region, period.Key, requestedBy, cancellationToken);
        if (queued)
        {
            audit.Record(RequestedAction, "AssessmentSnapshot", $"{region.Id}/{period.Key}", $"重新计算{region.Name}{period.Label}考核排名");
            await db.SaveChangesAsync(cancellationToken);
        }

        return (row, queued);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The row without its ranking's JSON (megabytes at region scale: read only when not in memory yet).</summary>
    private Task<AssessmentSnapshotRecord?> FindAsync(Guid regionId, string key, CancellationToken cancellationToken) =>
        WithoutResults(db.AssessmentSnapshots.Where(s => s.RegionId == regionId && s.PeriodKey == key)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The rows of <paramref name="rows"/> without their JSON, untracked.</summary>
    internal static IQueryable<AssessmentSnapshotRecord> WithoutResults(IQueryable<AssessmentSnapshotRecord> rows) =>
        rows.AsNoTracking()
            .Select(s => new AssessmentSnapshotRecord
            {
                Id = s.Id, RegionId = s.RegionId, PeriodKey = s.PeriodKey, State = s.State, SchemeId = s.SchemeId, ComputedAtUtc = s.ComputedAtUtc,
                DurationMs = s.DurationMs, Failure = s.Failure, Attempts = s.Attempts, Claims = s.Claims, ClaimedBy = s.ClaimedBy, ClaimedAtUtc = s.ClaimedAtUtc,
                RequestedBy = s.RequestedBy, RequestedAtUtc = s.RequestedAtUtc,
            });

    /// <summary>
    /// The stored ranking, deserialised once per node and computation: at region scale the JSON is megabytes and reading
    /// it on every request cost more than the page. The key is the row, its <c>Attempts</c> (each claim adds one, and
    /// only a claim changes the JSON) and <c>ComputedAtUtc</c>, read with the JSON; nothing is kept while a computation
    /// runs (its JSON is about to change under the same attempt).
    /// </summary>
    private async Task<(IReadOnlyList<RankedScore> Ranking, Guid SchemeId, DateTime? ComputedAtUtc, int? Attempt)?> RankingAsync(Guid id, CancellationToken cancellationToken)
    {
        var head = await db.AssessmentSnapshots.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Attempts, s.ComputedAtUtc, s.State }).SingleOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        if (head.State != RenderJobState.Running && cache.TryGetValue((nameof(AssessmentSnapshots), id, head.Attempts, head.ComputedAtUtc), out (IReadOnlyList<RankedScore>, Guid, DateTime?, int?) known))
        {
            return known;
        }

        var stored = await db.AssessmentSnapshots.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.SchemeId, s.ComputedAtUtc, s.ResultsJson, s.Attempts, s.State }).SingleAsync(cancellationToken);
        if (stored.SchemeId is not { } schemeId || stored.ResultsJson is null)
        {
            return null;
        }

        (IReadOnlyList<RankedScore>, Guid, DateTime?, int?) value = (JsonSerializer.Deserialize<List<RankedScore>>(stored.ResultsJson, Assessments.Json) ?? [], schemeId, stored.ComputedAtUtc,
            stored.State == RenderJobState.Running ? null : stored.Attempts);
        if (stored.State != RenderJobState.Running)
        {
            cache.Set((nameof(AssessmentSnapshots), id, stored.Attempts, stored.ComputedAtUtc), value, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
        }

        return value;
    }

    private async Task<(AssessmentSnapshotRecord Row, bool Queued)> QueueAsync(Region region, string key, string requestedBy, CancellationToken cancellationToken)
    {
        var now = Now;
        var by = requestedBy.Length > 100 ? requestedBy[..100] : requestedBy;
        if (await FindAsync(region.Id, key, cancellationToken) is not { } row)
        {
            var added = new AssessmentSnapshotRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                RegionId = region.Id,
                PeriodKey = key,
                State = RenderJobState.Queued,
                RequestedBy = by,
                RequestedAtUtc = now,
            };
            db.AssessmentSnapshots.Add(added);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(added).State = EntityState.Detached;
                return (added, true);
            }
            catch (DbUpdateException)
            {
                // Another request queued the same region and period at the same moment: the unique key settled it.
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is AssessmentSnapshotRecord or AuditEntry && e.State == EntityState.Added).ToList())
                {
                    entry.State = EntityState.Detached;
                }

                return (await FindAsync(region.Id, key, cancellationToken) ?? throw new InvalidOperationException("The snapshot that won the unique key is not there."), false);
            }
        }

        var queued = await db.AssessmentSnapshots
            .Where(s => s.Id == row.Id && s.State != RenderJobState.Queued && s.State != RenderJobState.Running)
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.State, RenderJobState.Queued).SetProperty(s => s.Failure, (string?)null).SetProperty(s => s.Claims, 0)
                    .SetProperty(s => s.ClaimedBy, (string?)null).SetProperty(s => s.ClaimedAtUtc, (DateTime?)null)
                    .SetProperty(s => s.RequestedBy, by).SetProperty(s => s.RequestedAtUtc, now),
                cancellationToken);
        return (await FindAsync(region.Id, key, cancellationToken) ?? row, queued == 1);
    }

    private async Task<AssessmentResult?> FromSnapshotAsync(
        Guid id, Region region, AssessmentPeriod period, IReadOnlyList<ScopedAgency> agencies, CancellationToken cancellationToken)
    {
        if (await RankingAsync(id, cancellationToken) is not var (ranking, schemeId, computedAt, attempt))
        {
            return null;
        }

        var scheme = Assessments.ToStored(await db.AssessmentSchemes.AsNoTracking().SingleAsync(s => s.Id == schemeId, cancellationToken));
        var byId = agencies.ToDictionary(a => a.Id);
        var visible = ranking.Where(r => byId.ContainsKey(r.Score.AgencyId)).ToList();
        IReadOnlyList<RankedScore> ranked = visible.Count == ranking.Count
            ? ranking
            : AssessmentSchemes.Rank([.. visible.Select(r => r.Score)], visible.ToDictionary(r => r.Score.AgencyId, r => r.PreviousTotal));
        return new AssessmentResult(region, period, scheme, ranked, byId, null, null) { ComputedAtUtc = computedAt, Computation = attempt is { } n ? (id, n) : null };
    }

    private SnapshotView View(AssessmentSnapshotRecord row, int? version, Guid? schemeInForce)
    {
        var key = RenderJobStates.Key(row.State);
        var last = row.DurationMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $"（上次用时 {Math.Max(1, (ms + 500) / 1000)} 秒）") : "";
        var detail = row.State switch
        {
            RenderJobState.Queued => RenderJobStates.Waited(Now - row.RequestedAtUtc) + last,
            RenderJobState.Running => RenderJobStates.Waited(Now - (row.ClaimedAtUtc ?? row.RequestedAtUtc)) + last,
            RenderJobState.Failed => row.Failure,
            _ => null,
        };
        return new SnapshotView(key, Label(row.State), detail, row.ComputedAtUtc, version, row.SchemeId is not null && row.SchemeId != schemeInForce);
    }
}

/// <summary>
/// The scheduled job (on every node, every <see cref="AssessmentSnapshotOptions.AssessmentPollEvery"/>) that computes
/// queued rankings. It claims one with a conditional update, as <see cref="LetterPdfWorker"/> does (a claim older than
/// <see cref="AssessmentSnapshotOptions.AssessmentStaleAfter"/> may be taken over; of two nodes only one update
/// matches), computes it with the counted path (<see cref="Assessments.AssessAsync(Region, AssessmentPeriod, CancellationToken)"/>,
/// one GROUP BY over the cases) for the region's whole subtree, and stores it — 已完成, or 失败 with the reason. A row
/// keyed <see cref="AssessmentSnapshots.TrendsKey"/> is the region overview's month series instead (<see cref="Trends.MonthlyAsync"/>),
/// one keyed <see cref="AssessmentSnapshots.AggregateKey"/> the region's aggregate of a year (<see cref="AggregateTable"/>).
/// </summary>
public sealed class AssessmentSnapshotWorker(IServiceScopeFactory scopes, IOptions<AssessmentSnapshotOptions> options) : IScheduledJob
{
    public const string NoScheme = "本考核期没有施行中的考核方案，无法计算。";

    /// <summary>Why a computation claimed <see cref="AssessmentSnapshotOptions.AssessmentMaxAttempts"/> times without finishing ended 失败.</summary>
    public static string GaveUp(int attempts) => string.Create(
        CultureInfo.InvariantCulture,
        $"已尝试计算 {attempts} 次均未完成（处理的服务器中途停止或出错），不再自动尝试；请点“重试”重新计算，仍失败的请联系系统管理员。");

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<GongkaiDbContext>();
            var node = services.GetRequiredService<NodeIdentity>().Name;
            var clock = services.GetRequiredService<TimeProvider>();
            if (await ClaimNextAsync(db, node, clock, cancellationToken) is not { } row)
            {
                return done;
            }

            var started = clock.GetUtcNow().UtcDateTime;
            var watch = Stopwatch.StartNew();
            var (json, schemeId, failure) = await ComputeAsync(services, row, cancellationToken);
            var duration = (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
            var finished = json is not null
                ? await db.AssessmentSnapshots.Where(s => s.Id == row.Id && s.ClaimedBy == node && s.State == RenderJobState.Running)
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(s => s.State, RenderJobState.Done).SetProperty(s => s.ResultsJson, json).SetProperty(s => s.SchemeId, schemeId)
                            .SetProperty(s => s.ComputedAtUtc, started).SetProperty(s => s.DurationMs, duration).SetProperty(s => s.Failure, (string?)null),
                        cancellationToken)
                : await db.AssessmentSnapshots.Where(s => s.Id == row.Id && s.ClaimedBy == node && s.State == RenderJobState.Running)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, RenderJobState.Failed).SetProperty(s => s.Failure, failure), cancellationToken);
            done += finished;
        }
    }

    private static async Task<(string? Json, Guid? SchemeId, string? Failure)> ComputeAsync(IServiceProvider services, AssessmentSnapshotRecord row, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<GongkaiDbContext>();
        try
        {
            var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == row.RegionId, cancellationToken);
            if (region is not null && row.PeriodKey == AssessmentSnapshots.TrendsKey)
            {
                var scope = services.GetRequiredService<RegionScope>();
                scope.ActFor(region);
                var charts = await services.GetRequiredService<Trends>().MonthlyAsync([.. (await scope.AgenciesAsync(cancellationToken)).Select(a => a.Id)], cancellationToken);
                return (JsonSerializer.Serialize(charts, Assessments.Json), null, null);
            }

            if (region is not null && AssessmentSnapshots.AggregateYear(row.PeriodKey) is { } year)
            {
                var scope = services.GetRequiredService<RegionScope>();
                scope.ActFor(region);
                var stamp = await AggregateTable.StampAsync(db, await scope.AgenciesAsync(cancellationToken), year, cancellationToken);
                var reports = await services.GetRequiredService<SupervisedReports>().ForYearAsync(year, withFindings: false, cancellationToken);
                return (JsonSerializer.Serialize(new StoredAggregate(stamp, AggregateTable.Of(year, reports)), Assessments.Json), null, null);
            }

            if (region is null || !AssessmentPeriod.TryParse(row.PeriodKey, out var period))
            {
                return (null, null, "地区或考核期已不存在。");
            }

            services.GetRequiredService<RegionScope>().ActFor(region);
            var result = await services.GetRequiredService<Assessments>().AssessAsync(region, period, cancellationToken);
            return result is null ? (null, null, NoScheme) : (JsonSerializer.Serialize(result.Ranking, Assessments.Json), result.Scheme.Id, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            services.GetRequiredService<ILogger<AssessmentSnapshotWorker>>().LogWarning(exception, "The assessment of region {Region} for {Period} could not be computed", row.RegionId, row.PeriodKey);
            return (null, null, "计算时出错，可以重新计算；如果再次失败，请把出错时间告诉平台管理员（详情见服务器日志）。");
        }
    }

    /// <summary>Claims the oldest computation that is queued or whose claim went stale; null when there is none left.</summary>
    private async Task<AssessmentSnapshotRecord?> ClaimNextAsync(GongkaiDbContext db, string node, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var staleBefore = now - options.Value.AssessmentStaleAfter;
            var maxAttempts = Math.Max(1, options.Value.AssessmentMaxAttempts);

            // A stale claim that has used up its attempts ends 失败 instead of being taken over again.
            var gaveUp = GaveUp(maxAttempts);
            await db.AssessmentSnapshots
                .Where(s => s.State == RenderJobState.Running && s.ClaimedAtUtc < staleBefore && s.Claims >= maxAttempts)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, RenderJobState.Failed).SetProperty(s => s.Failure, gaveUp), cancellationToken);
            var candidates = await db.AssessmentSnapshots.AsNoTracking()
                .Where(s => s.State == RenderJobState.Queued || (s.State == RenderJobState.Running && s.ClaimedAtUtc < staleBefore && s.Claims < maxAttempts))
                .OrderBy(s => s.RequestedAtUtc)
                .Select(s => s.Id)
                .Take(10)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return null;
            }

            foreach (var id in candidates)
            {
                var claimed = await db.AssessmentSnapshots
                    .Where(s => s.Id == id && (s.State == RenderJobState.Queued || (s.State == RenderJobState.Running && s.ClaimedAtUtc < staleBefore && s.Claims < maxAttempts)))
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(s => s.State, RenderJobState.Running).SetProperty(s => s.ClaimedBy, node)
                            .SetProperty(s => s.ClaimedAtUtc, now).SetProperty(s => s.Attempts, s => s.Attempts + 1).SetProperty(s => s.Claims, s => s.Claims + 1),
                        cancellationToken);
                if (claimed == 1)
                {
                    return await AssessmentSnapshots.WithoutResults(db.AssessmentSnapshots.Where(s => s.Id == id)).SingleAsync(cancellationToken);
                }
            }
        }
    }
}
