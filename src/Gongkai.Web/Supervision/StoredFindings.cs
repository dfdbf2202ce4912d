using System.Text.Json;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Validation;
using Gongkai.Data;
using Gongkai.Data.Supervision;
using Gongkai.Web.AnnualReports;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>A report as stored: a platform version (an <c>AnnualReports</c> row) or a collected report (a <c>CollectedReports</c> row).</summary>
public readonly record struct StoredReportId(Guid Id, bool Collected);

/// <summary>Whose findings to read: the report shown, and the year before's report its cross-year rules compare with (none: null).</summary>
public readonly record struct FindingsKey(StoredReportId Report, StoredReportId? Previous);

/// <summary>
/// The findings of report versions, stored (<see cref="ReportFindingsRecord"/>; ADR 0013, "Findings per report version,
/// stored"): a published version and a confirmed collected report never change, so their findings depend only on them,
/// on the year before's report they are checked against and on the rules. A stored row is used only when its key —
/// the report, that previous report and <see cref="RulesVersion"/> — is the reader's; otherwise (none yet, a previous
/// year corrected since, a new build) the findings are computed here by the same code as the live reading
/// (<see cref="SupervisedReports.Check"/>) and stored, so what is shown is always what a live check gives.
/// </summary>
public sealed class StoredFindings(GongkaiDbContext db, IServiceScopeFactory scopes, TimeProvider clock, ILogger<StoredFindings> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// One computation at a time per node: the requests that arrive while a large region is filled (after an upgrade
    /// every row is computed again) wait for it and then read, instead of each validating every report.
    /// </summary>
    private static readonly SemaphoreSlim Filling = new(1, 1);

    /// <summary>
    /// What the stored findings were computed by: the builds of the rules (the domain assembly) and of the reading of
    /// stored reports (this assembly). Deterministic builds give the same id for the same code, so a deployment that
    /// changes either computes every report's findings again, once, as readers ask for them; no one has to remember to
    /// raise a version number when a rule changes.
    /// </summary>
    public static string RulesVersion { get; } =
        typeof(ReportValidator).Assembly.ManifestModule.ModuleVersionId.ToString("N") + typeof(StoredFindings).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>How many reports' findings this instance computed (the others were read from storage).</summary>
    public int Computed { get; private set; }

    /// <summary>
    /// The findings of each report of <paramref name="keys"/>, by report id: stored ones when their key matches, the
    /// others computed and stored. <paramref name="reportIds"/>, when given, is a query of (at least) the keys' report
    /// ids that selects the stored rows in the database instead of thousands of ids sent as parameters.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Finding>>> ReadAsync(
        IReadOnlyCollection<FindingsKey> keys, IQueryable<Guid>? reportIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<Guid, IReadOnlyList<Finding>>(keys.Count);
        var missing = await ReadStoredAsync(db, keys, reportIds, result, cancellationToken);
        if (missing.Count == 0)
        {
            return result;
        }

        await Filling.WaitAsync(cancellationToken);
        try
        {
            // Another request may have stored them while this one waited.
            missing = await ReadStoredAsync(db, missing, null, result, cancellationToken);
            if (missing.Count > 0)
            {
                var computed = await ComputeAsync(missing, cancellationToken);
                Computed += computed.Count;
                foreach (var (id, findings) in computed)
                {
                    result[id] = findings;
                }

                await StoreAsync(missing, computed, cancellationToken);
            }
        }
        finally
        {
            Filling.Release();
        }

        return result;
    }

    /// <summary>Adds the stored findings whose key matches to <paramref name="result"/>; returns the keys that have none.</summary>
    private static async Task<List<FindingsKey>> ReadStoredAsync(
        GongkaiDbContext db, IReadOnlyCollection<FindingsKey> keys, IQueryable<Guid>? reportIds, Dictionary<Guid, IReadOnlyList<Finding>> result, CancellationToken cancellationToken)
    {
        if (reportIds is null)
        {
            var ids = keys.Select(k => k.Report.Id).ToList();
            reportIds = db.ReportFindings.Where(f => ids.Contains(f.ReportId)).Select(f => f.ReportId);
        }

        var version = RulesVersion;
        var stored = await db.ReportFindings.AsNoTracking()
            .Where(f => reportIds.Contains(f.ReportId) && f.RulesVersion == version)
            .Select(f => new { f.ReportId, f.PreviousId, f.FindingsJson })
            .ToDictionaryAsync(f => f.ReportId, cancellationToken);
        var missing = new List<FindingsKey>();
        foreach (var key in keys)
        {
            if (stored.TryGetValue(key.Report.Id, out var row) && row.PreviousId == key.Previous?.Id)
            {
                result[key.Report.Id] = JsonSerializer.Deserialize<List<Finding>>(row.FindingsJson, Json) ?? [];
            }
            else
            {
                missing.Add(key);
            }
        }

        return missing;
    }

    /// <summary>Reads the reports (and the years before) of <paramref name="keys"/> and checks them as the live reading does.</summary>
    private async Task<Dictionary<Guid, IReadOnlyList<Finding>>> ComputeAsync(List<FindingsKey> keys, CancellationToken cancellationToken)
    {
        var reports = keys.Select(k => k.Report).Concat(keys.Where(k => k.Previous is not null).Select(k => k.Previous!.Value)).Distinct().ToList();
        var platformIds = reports.Where(r => !r.Collected).Select(r => r.Id).ToList();
        var collectedIds = reports.Where(r => r.Collected).Select(r => r.Id).ToList();
        var platform = await db.AnnualReports.AsNoTracking()
            .Where(r => platformIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Year, r.Json, r.Table2Sources })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var collected = await db.CollectedReports.AsNoTracking()
            .Where(r => collectedIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Json, r.ParseFindings })
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        AnnualReport Report(StoredReportId id)
        {
            if (id.Collected)
            {
                return ReportJson.Deserialize(collected[id.Id].Json);
            }

            var stored = platform[id.Id];
            return AnnualReportStore.Frozen(stored.Year, stored.Json, stored.Table2Sources).Report;
        }

        var result = new Dictionary<Guid, IReadOnlyList<Finding>>(keys.Count);
        foreach (var key in keys)
        {
            var previous = key.Previous is { } p ? Report(p) : null;
            result[key.Report.Id] = SupervisedReports.Check(Report(key.Report), previous, key.Report.Collected ? collected[key.Report.Id].ParseFindings : null);
        }

        return result;
    }

    /// <summary>
    /// Replaces the rows of <paramref name="keys"/> with the computed findings, in a context of its own (the caller's may
    /// hold changes it has not saved). Two nodes storing the same report at once: one insert fails and is dropped — both
    /// computed the same findings for the same key, and a key that still differs is computed again by its next reader.
    /// </summary>
    private async Task StoreAsync(List<FindingsKey> keys, Dictionary<Guid, IReadOnlyList<Finding>> computed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var version = RulesVersion;
        foreach (var chunk in keys.Chunk(500))
        {
            var ids = chunk.Select(k => k.Report.Id).ToList();
            try
            {
                await writer.ReportFindings.Where(f => ids.Contains(f.ReportId)).ExecuteDeleteAsync(cancellationToken);
                writer.ReportFindings.AddRange(chunk.Select(k =>
                {
                    var findings = computed[k.Report.Id];
                    return new ReportFindingsRecord
                    {
                        ReportId = k.Report.Id, PreviousId = k.Previous?.Id, RulesVersion = version,
                        Errors = findings.Count(f => f.Severity == Severity.Error), Warnings = findings.Count(f => f.Severity == Severity.Warning),
                        FindingsJson = JsonSerializer.Serialize(findings, Json), ComputedAtUtc = now,
                    };
                }));
                await writer.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception)
            {
                logger.LogInformation(exception, "Findings of {Count} reports were stored by another node meanwhile", chunk.Length);
            }
            finally
            {
                writer.ChangeTracker.Clear();
            }
        }
    }
}

/// <summary>
/// The scheduled job that stores the findings a supervisor's overview will ask for before anyone asks (ADR 0013,
/// "Findings per report version, stored"): every region at the top of the tree, the last two report years — the year
/// reported on each January and the one before it. After a deployment (a new build of the rules makes every stored row
/// stale) or a batch of publications, the first overview would otherwise compute a province's reports in its request.
/// When everything is stored a round is two small reads per region and year; rows are computed and stored by
/// <see cref="StoredFindings"/> exactly as a reader would, so the job changes nothing a page shows.
/// </summary>
public sealed class StoredFindingsWarmup(IServiceScopeFactory scopes, TimeProvider clock) : IScheduledJob
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<Gongkai.Data.Agencies.Region> tops;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tops = await scope.ServiceProvider.GetRequiredService<GongkaiDbContext>().Regions.AsNoTracking()
                .Where(r => r.ParentId == null).ToListAsync(cancellationToken);
        }

        var year = clock.GetUtcNow().Year;
        var computed = 0;
        foreach (var top in tops)
        {
            foreach (var reportYear in (int[])[year - 1, year - 2])
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                services.GetRequiredService<RegionScope>().ActFor(top);
                await services.GetRequiredService<SupervisedReports>().ForYearAsync(reportYear, cancellationToken);
                computed += services.GetRequiredService<StoredFindings>().Computed;
            }
        }

        return computed;
    }
}
