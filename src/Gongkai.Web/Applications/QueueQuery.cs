using Gongkai.AnnualReports;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// The queue's filters, as they appear in the URL (<c>?status=overdue&amp;channel=Email&amp;year=2024&amp;page=2</c>).
/// Every filter is optional; an unknown <see cref="Status"/> is ignored.
/// </summary>
public sealed class QueueFilter
{
    /// <summary>A <see cref="QueueStatus"/> as the URL writes it (<see cref="QueueStatuses.Key"/>), e.g. "due-soon".</summary>
    public string? Status { get; set; }

    /// <summary>The status filter, or null for none (also for an unknown <see cref="Status"/>).</summary>
    public QueueStatus? StatusFilter => QueueStatuses.Parse(Status);

    public Outcome? Outcome { get; set; }

    public ReceiptChannel? Channel { get; set; }

    public ApplicantType? ApplicantType { get; set; }

    /// <summary>A handler's user id, or "none" for cases nobody is assigned to.</summary>
    public string? Handler { get; set; }

    /// <summary>The year the application was received in (收到申请的年份).</summary>
    public int? Year { get; set; }

    /// <summary>
    /// The annual-report year a table cell counts for (set by the workspace's cell links). With <see cref="Outcome"/>:
    /// concluded in that year with that outcome; with <see cref="Row"/> or <see cref="Review"/>: see those.
    /// </summary>
    public int? ReportYear { get; set; }

    /// <summary>
    /// With <see cref="ReportYear"/>, a count row of table 三: "newReceived" (received in the year), "carriedOver"
    /// (received before it and open on 1 January), "totalProcessed" (concluded in the year), "carriedForward" (open at
    /// the end of 31 December) — exactly the cases the row counts.
    /// </summary>
    public string? Row { get; set; }

    /// <summary>With <see cref="ReportYear"/>, a block of table 四: cases with such a reconsideration or lawsuit.</summary>
    public ReviewKind? Review { get; set; }

    /// <summary>With <see cref="Review"/>, the column: decided in the year with this result, or still pending on 31 December.</summary>
    public ReviewResult? ReviewResult { get; set; }

    /// <summary>Supervision list only: one agency of the subtree.</summary>
    public Guid? Agency { get; set; }

    /// <summary>1-based.</summary>
    public int? Page { get; set; }

    /// <summary>
    /// In words, which table cell of which year's report this list is (set by the workspace's cell links), e.g.
    /// "2023年度报告 表三「（一）予以公开」自然人"; null when the list is not a cell's.
    /// </summary>
    public string? CellDescription()
    {
        if (ReportYear is not { } year)
        {
            return null;
        }

        string cell;
        if (Review is { } review)
        {
            var column = ReviewResult is { } result ? NationalFormat.Table4ColumnLabels[(int)result] : "总计";
            cell = $"表四「{NationalFormat.Table4BlockLabels[(int)review]}」{column}";
        }
        else
        {
            var row = Outcome is { } outcome ? Outcomes.Get(outcome).Row
                : NationalFormat.Table3Rows(ReportFormat.Format2021).FirstOrDefault(r => r.JsonGroup == Row)?.Row ?? Table3Row.TotalProcessed;
            var column = ApplicantType is { } type ? type.Column() : Table3Column.Total;
            cell = NationalFormat.Describe(ReportFormat.Format2021, row, column);
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}年度报告 {cell}");
    }

    /// <summary>The query string of these filters with another page number (for paging links).</summary>
    public string QueryString(int? page = null)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        void Add(string name, object? value)
        {
            if (value is not null && !(value is string text && text.Length == 0))
            {
                parts.Add(new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        Add("status", Status);
        Add("outcome", Outcome);
        Add("channel", Channel);
        Add("applicantType", ApplicantType);
        Add("handler", Handler);
        Add("year", Year);
        Add("reportYear", ReportYear);
        Add("row", Row);
        Add("review", Review);
        Add("reviewResult", ReviewResult);
        Add("agency", Agency);
        Add("page", page ?? Page);
        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToString();
    }
}

/// <summary>The queue's status filter: which cases of the list to show.</summary>
public enum QueueStatus
{
    Open,
    Overdue,
    DueSoon,
    Unregistered,
    AwaitingCorrection,
    ExtensionPending,
    Replied,
    Delivered,
    Archived,

    /// <summary>Ended without a reply: withdrawn, no correction, fee unpaid.</summary>
    Ended,
}

/// <summary>The status filter's URL keys and Chinese labels, in menu order (the order of <see cref="QueueStatus"/>).</summary>
public static class QueueStatuses
{
    public static IReadOnlyList<(QueueStatus Status, string Key, string Label)> All { get; } =
    [
        (QueueStatus.Open, "open", "未办结"),
        (QueueStatus.Overdue, "overdue", "已逾期"),
        (QueueStatus.DueSoon, "due-soon", "即将到期"),
        (QueueStatus.Unregistered, "unregistered", "未登记"),
        (QueueStatus.AwaitingCorrection, "awaiting-correction", "待补正"),
        (QueueStatus.ExtensionPending, "extension-pending", "延期待批"),
        (QueueStatus.Replied, "replied", "已答复待送达"),
        (QueueStatus.Delivered, "delivered", "已送达"),
        (QueueStatus.Archived, "archived", "已归档"),
        (QueueStatus.Ended, "ended", "未经答复终止（撤回、逾期未补正、逾期未缴费）"),
    ];

    /// <summary>The status as the URL writes it, e.g. "due-soon".</summary>
    public static string Key(this QueueStatus status) => All[(int)status].Key;

    public static string Label(this QueueStatus status) => All[(int)status].Label;

    /// <summary>The status a URL key names, or null for an empty or unknown key.</summary>
    public static QueueStatus? Parse(string? key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal)) is { Key: not null } found ? found.Status : null;
}

/// <summary>
/// One row of the queue. <see cref="ApplicantName"/> is null where the reader may not see it (supervisors);
/// <see cref="CorrectBy"/> is the correction period while the case waits for a correction.
/// </summary>
public sealed record QueueItem(
    Guid Id,
    string Number,
    Guid AgencyId,
    string AgencyName,
    string? ApplicantName,
    ApplicantType ApplicantType,
    string ApplicantTypeLabel,
    ReceiptChannel Channel,
    string ChannelLabel,
    DateOnly ReceivedOn,
    CaseState State,
    string StateLabel,
    DateOnly? DueOn,
    bool DueIsProvisional,
    DeadlineStatus DeadlineStatus,
    string DeadlineLabel,
    Outcome? Outcome,
    string? OutcomeLabel,
    DateOnly? ConcludedOn,
    Guid? HandlerId,
    string? HandlerName,
    string Description,
    bool ExtensionPending,
    DateOnly? CorrectBy);

/// <summary>How many of the readable cases need attention (independent of the filters).</summary>
public sealed record QueueCounts(int Open, int Overdue, int DueSoon, int Unregistered, int AwaitingCorrection, int ExtensionPending);

/// <summary>
/// A page of the queue: the filtered total (counted up to <see cref="CappedCount.Cap"/>; <see cref="TotalIsCapped"/>
/// says there are more and the pages stop there; a report cell's list is counted exactly), the rows of this page, and the attention counts.
/// </summary>
public sealed record QueuePage(int Total, bool TotalIsCapped, int Page, int PageSize, int PageCount, IReadOnlyList<QueueItem> Items, QueueCounts Counts)
{
    /// <summary>The total in words, e.g. "12 件" or "超过 1000 件".</summary>
    public string TotalText => new CappedCount(Total, TotalIsCapped).Text("件");
}

/// <summary>
/// The application queue: open cases first, by due date (the snapshot column DueOn, so ordering and paging happen in
/// SQL on both providers), then closed cases, most recently concluded first. The badge of each row comes from the case
/// engine (<see cref="DisclosureApplication.StatusOn"/>), replayed for the rows of the page only.
/// </summary>
public static class QueueQuery
{
    public const int PageSize = 20;

    /// <summary>Cases that are still open (the engine's <see cref="CaseStates.IsOpen"/>, as SQL).</summary>
    public static IQueryable<ApplicationRecord> Open(this IQueryable<ApplicationRecord> source) =>
        source.Where(a => a.State == CaseState.Received || a.State == CaseState.InProgress || a.State == CaseState.AwaitingCorrection);

    /// <summary>Applies the filters. "Due soon" is due today or within <see cref="DeadlinePolicy.DueSoonWorkingDays"/> working days after today, as the engine judges it.</summary>
    public static IQueryable<ApplicationRecord> Filter(
        this IQueryable<ApplicationRecord> source, QueueFilter filter, DateOnly today, CaseRules rules, IQueryable<ReviewCaseRecord>? reviews = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(rules);
        var query = filter.StatusFilter switch
        {
            QueueStatus.Open => source.Open(),
            QueueStatus.Overdue => source.Overdue(today),
            QueueStatus.DueSoon => source.DueSoon(today, rules),
            QueueStatus.Unregistered => source.Where(a => a.State == CaseState.Received),
            QueueStatus.AwaitingCorrection => source.Where(a => a.State == CaseState.AwaitingCorrection),
            QueueStatus.ExtensionPending => source.ExtensionPending(),
            QueueStatus.Replied => source.Where(a => a.State == CaseState.Replied),
            QueueStatus.Delivered => source.Where(a => a.State == CaseState.Delivered),
            QueueStatus.Archived => source.Where(a => a.State == CaseState.Archived),
            QueueStatus.Ended => source.Where(a => a.State == CaseState.Withdrawn || a.State == CaseState.ClosedNoCorrection || a.State == CaseState.ClosedUnpaidFee),
            _ => source,
        };

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(a => a.Outcome == outcome);
        }

        if (filter.ReportYear is { } reportYear && reportYear is > 1999 and < 3000)
        {
            query = query.CountedIn(reportYear, filter, reviews);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(a => a.Channel == channel);
        }

        if (filter.ApplicantType is { } applicantType)
        {
            query = query.Where(a => a.ApplicantType == applicantType);
        }

        if (string.Equals(filter.Handler, "none", StringComparison.Ordinal))
        {
            query = query.Where(a => a.HandlerId == null);
        }
        else if (Guid.TryParse(filter.Handler, out var handler))
        {
            query = query.Where(a => a.HandlerId == handler);
        }

        if (filter.Year is { } year && year is > 1999 and < 3000)
        {
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            query = query.Where(a => a.ReceivedOn >= first && a.ReceivedOn <= last);
        }

        if (filter.Agency is { } agency)
        {
            query = query.Where(a => a.AgencyId == agency);
        }

        return query;
    }

    /// <summary>
    /// The cases a table cell of <paramref name="year"/>'s report counts, by the same rules as the domain's
    /// <see cref="Gongkai.AnnualReports.CaseTables"/> (so a cell's number and its list of cases always agree).
    /// </summary>
    private static IQueryable<ApplicationRecord> CountedIn(this IQueryable<ApplicationRecord> query, int year, QueueFilter filter, IQueryable<ReviewCaseRecord>? reviews)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        if (filter.Review is { } kind && reviews is not null)
        {
            var counted = reviews.Where(r => r.Kind == kind && r.FiledOn <= end);
            counted = filter.ReviewResult switch
            {
                null => counted.Where(r => r.ConcludedOn == null || r.ConcludedOn >= start),
                Gongkai.Applications.ReviewResult.Pending => counted.Where(r => r.ConcludedOn == null || r.ConcludedOn > end),
                { } result => counted.Where(r => r.ConcludedOn >= start && r.ConcludedOn <= end && r.Result == result),
            };
            var ids = counted.Select(r => r.ApplicationId);
            return query.Where(a => ids.Contains(a.Id));
        }

        return filter.Row switch
        {
            "newReceived" => query.Where(a => a.ReceivedOn >= start && a.ReceivedOn <= end),
            "carriedOver" => query.Where(a => a.ReceivedOn < start && (a.ConcludedOn == null || a.ConcludedOn >= start)),
            "carriedForward" => query.Where(a => a.ReceivedOn <= end && (a.ConcludedOn == null || a.ConcludedOn > end)),
            _ => query.Where(a => a.ConcludedOn >= start && a.ConcludedOn <= end),
        };
    }

    /// <summary>
    /// Cases whose extension request waits for approval. A request is cleared when its case closes, so only open cases
    /// are looked at (along the (AgencyId, State, DueOn) index rather than every case the agency ever had).
    /// </summary>
    public static IQueryable<ApplicationRecord> ExtensionPending(this IQueryable<ApplicationRecord> source) =>
        source.Open().Where(a => a.ExtensionRequestedDays != null);

    public static IQueryable<ApplicationRecord> Overdue(this IQueryable<ApplicationRecord> source, DateOnly today) =>
        source.Open().Where(a => a.DueOn != null && a.DueOn < today);

    public static IQueryable<ApplicationRecord> DueSoon(this IQueryable<ApplicationRecord> source, DateOnly today, CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        // At most N working days after today ⇔ before the (N+1)-th working day after today.
        var limit = rules.Calendar.AddWorkingDays(today, rules.Policy.DueSoonWorkingDays + 1);
        return source.Open().Where(a => a.DueOn != null && a.DueOn >= today && a.DueOn < limit);
    }

    /// <summary>Cases that are no longer open (replied, delivered, archived or ended without a reply).</summary>
    public static IQueryable<ApplicationRecord> Closed(this IQueryable<ApplicationRecord> source) =>
        source.Where(a => a.State != CaseState.Received && a.State != CaseState.InProgress && a.State != CaseState.AwaitingCorrection);

    /// <summary>
    /// The ids of <paramref name="take"/> cases after <paramref name="skip"/> in queue order: open cases first, the
    /// earliest due first and cases waiting for a correction (no due date) last; then closed cases, the most recently
    /// concluded first. The two parts are ordered and paged separately, each along its own index ((AgencyId, State,
    /// DueOn) and (AgencyId, ConcludedOn)), so no query sorts an agency's whole history. Ties are broken by receipt
    /// date, number and id, so pages never overlap; no key mixes nulls with values, so SQLite and PostgreSQL agree.
    /// </summary>
    public static async Task<List<Guid>> PageIdsAsync(this IQueryable<ApplicationRecord> source, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);

        // On the first page a short open part means the closed part starts at its beginning: no count needed.
        var openCount = skip == 0 ? 0 : await source.Open().CountAsync(cancellationToken);
        var ids = skip == 0 || skip < openCount ? await source.OpenPageIdsAsync(skip, take, cancellationToken) : [];
        if (ids.Count < take)
        {
            // Every closed case has its conclusion date (the engine's ConcludedOn); saying so lets PostgreSQL start its
            // backward walk of the ConcludedOn index at the newest conclusion instead of first passing every open
            // case, whose null date sorts first in descending order (65–150 ms for a region's 29,000 open cases).
            ids.AddRange(await source.Closed().Where(a => a.ConcludedOn != null)
                .OrderByDescending(a => a.ConcludedOn)
                .ThenByDescending(a => a.ReceivedOn).ThenByDescending(a => a.Number).ThenBy(a => a.Id)
                .Skip(Math.Max(0, skip - openCount)).Take(take - ids.Count).Select(a => a.Id).ToListAsync(cancellationToken));
        }

        return ids;
    }

    /// <summary>The open part of the queue order alone (earliest due first, no due date last), for lists of open cases.</summary>
    public static async Task<List<Guid>> OpenPageIdsAsync(this IQueryable<ApplicationRecord> source, int skip, int take, CancellationToken cancellationToken = default) =>
        await source.Open()
            .OrderBy(a => a.DueOn == null ? 1 : 0).ThenBy(a => a.DueOn)
            .ThenByDescending(a => a.ReceivedOn).ThenByDescending(a => a.Number).ThenBy(a => a.Id)
            .Skip(skip).Take(take).Select(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The attention counts over the scope's agencies. Each counts open cases only (received, in progress, awaiting a
    /// correction), along the partial index of open cases (IX_Applications_Open), so none reads the closed history.
    /// </summary>
    public static async Task<QueueCounts> CountAsync(GongkaiDbContext db, CaseScope scope, DateOnly today, CaseRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var cases = scope.Of(db.Applications, db);
        var open = cases.Open();
        return new QueueCounts(
            await open.CountAsync(cancellationToken),
            await cases.Overdue(today).CountAsync(cancellationToken),
            await cases.DueSoon(today, rules).CountAsync(cancellationToken),
            await open.CountAsync(a => a.State == CaseState.Received, cancellationToken),
            await open.CountAsync(a => a.State == CaseState.AwaitingCorrection, cancellationToken),
            await cases.ExtensionPending().CountAsync(cancellationToken));
    }

    /// <summary>
    /// One page of the filtered queue over the cases of <paramref name="scope"/>. Applicant names are included only for
    /// <paramref name="namesFor"/> (the reader's own agency, or none).
    /// </summary>
    public static async Task<QueuePage> LoadAsync(
        GongkaiDbContext db,
        CaseScope scope,
        Guid? namesFor,
        QueueFilter filter,
        DateOnly today,
        CaseRules rules,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        var query = scope.Of(db.Applications.AsNoTracking(), db).Filter(filter, today, rules, db.Reviews);
        // A report cell's list counts exactly: its total is the cell's number (every number opens what it counts), which
        // exceeds the cap for a large agency; the ordinary queue stops at the cap (ADR 0014).
        var total = filter.ReportYear is null
            ? await CappedCount.CountAsync(query, cancellationToken)
            : new CappedCount(await query.CountAsync(cancellationToken), IsCapped: false);
        var pageCount = Math.Max(1, (total.Value + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page ?? 1, 1, pageCount);
        var ids = await query.PageIdsAsync((page - 1) * PageSize, PageSize, cancellationToken);
        var items = await ItemsAsync(db, ids, namesFor, today, rules, cancellationToken);
        var counts = await CountAsync(db, scope, today, rules, cancellationToken);
        return new QueuePage(total.Value, total.IsCapped, page, PageSize, pageCount, items, counts);
    }

    /// <summary>Queue rows for the given cases, in the given order, with the engine's deadline status on <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<QueueItem>> ItemsAsync(
        GongkaiDbContext db, IReadOnlyList<Guid> ids, Guid? namesFor, DateOnly today, CaseRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var records = await db.Applications.AsNoTracking().Include(a => a.Events).Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        var agencyIds = records.Select(r => r.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var handlerIds = records.Where(r => r.HandlerId != null).Select(r => r.HandlerId!.Value).Distinct().ToList();
        var handlers = await db.Users.AsNoTracking().Where(u => handlerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var byId = records.ToDictionary(r => r.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id =>
        {
            var record = byId[id];
            var application = record.ToCase(rules);
            var status = application.StatusOn(today, rules);
            return new QueueItem(
                record.Id,
                record.Number,
                record.AgencyId,
                agencies.GetValueOrDefault(record.AgencyId, ""),
                record.AgencyId == namesFor ? record.ApplicantName : null,
                record.ApplicantType,
                record.ApplicantType.Label(),
                record.Channel,
                Receipt.Label(record.Channel),
                record.ReceivedOn,
                record.State,
                CaseStates.Label(record.State),
                record.DueOn,
                record.DueIsProvisional,
                status,
                CaseLabels.Badge(status).Text,
                record.Outcome,
                record.Outcome is { } outcome ? Outcomes.Get(outcome).Label : null,
                record.ConcludedOn,
                record.HandlerId,
                record.HandlerId is { } handler ? handlers.GetValueOrDefault(handler) : null,
                record.Description,
                record.ExtensionRequestedDays is not null,
                application.State == CaseState.AwaitingCorrection ? application.Correction?.CorrectBy : null);
        })];
    }
}
