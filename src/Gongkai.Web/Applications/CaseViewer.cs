using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Gongkai.Web.Applications.Actions;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>An action as the case page offers it: <see cref="Refusal"/> is null when the engine would accept it now.</summary>
public sealed record CaseActionState(CaseAction Action, string? Refusal)
{
    public bool Available => Refusal is null;
}

/// <summary>
/// Everything the case page and <c>GET /api/applications/{id}</c> show about one case, read for one user.
/// <see cref="IsOwnAgency"/>: the reader is staff of the handling agency; <see cref="ShowsPersonalData"/> is true only
/// then (and when the caller asked for it); <see cref="RevealsPersonalData"/> only when, in addition, the reader asked
/// to see the identity number, phone and address in full (otherwise <see cref="IdNumberShown"/>, <see cref="PhoneShown"/>
/// and <see cref="AddressShown"/> are masked by <see cref="PersonalDataMask"/>); <see cref="Actions"/> is empty for
/// readers who cannot act.
/// </summary>
public sealed record CaseDetails(
    ApplicationRecord Record,
    string AgencyName,
    string? HandlerName,
    DisclosureApplication Case,
    DeadlineComputation Deadline,
    DeadlineStatus Status,
    DateOnly Today,
    bool IsOwnAgency,
    bool ShowsPersonalData,
    bool RevealsPersonalData,
    bool CanAct,
    bool CanApproveExtension,
    IReadOnlyList<CaseActionState> Actions,
    IReadOnlyList<(Guid Id, string Name)> Handlers,
    IReadOnlyList<(Guid Id, string Name)> Scans,
    FeeQuote? CountQuote,
    DateOnly? CorrectionNoticeDue,
    DateOnly? FeePaymentDue,
    CaseRules Rules,
    IReadOnlyList<RelatedCase>? Related = null,
    IReadOnlyList<CaseTransfer>? Transfers = null,
    ForwardOffer? Forward = null)
{
    /// <summary>
    /// The history: the case's events in their order, each transfer (条例第三十六条第（五）项) placed after the events
    /// recorded before it.
    /// </summary>
    public IReadOnlyList<(DateOnly Date, string Label, string Actor, string Summary)> History
    {
        get
        {
            var lines = new List<(DateOnly, string, string, string)>();
            var pending = new Queue<CaseTransfer>(Transfers ?? []);
            foreach (var e in Record.Events.OrderBy(e => e.Sequence))
            {
                while (pending.TryPeek(out var transfer) && transfer.AtUtc < e.AtUtc)
                {
                    lines.Add((transfer.Date, transfer.Label, transfer.ByName, pending.Dequeue().Summary));
                }

                lines.Add((e.Date, CaseText.EventLabel(e.Kind), CaseLabels.Actor(e, ShowsPersonalData), e.Summary));
            }

            lines.AddRange(pending.Select(t => (t.Date, t.Label, t.ByName, t.Summary)));
            return lines;
        }
    }

    /// <summary>The identity number as the page and the API show it: masked unless revealed; null when none was given.</summary>
    public string? IdNumberShown => Shown(Record.IdNumber, PersonalDataMask.IdentityNumber);

    /// <summary>The phone number as shown: masked unless revealed.</summary>
    public string? PhoneShown => Shown(Record.Phone, PersonalDataMask.Phone);

    /// <summary>The postal address as shown: masked after the district and town or street unless revealed.</summary>
    public string? AddressShown => Shown(Record.Address, PersonalDataMask.Address);

    /// <summary>Whether anything of the applicant is masked now (the page then offers to reveal it).</summary>
    public bool HasMaskedData => ShowsPersonalData && !RevealsPersonalData && (Record.IdNumber ?? Record.Phone ?? Record.Address) is not null;

    /// <summary>Working days from today to the due date (0 when due today or past).</summary>
    public int? WorkingDaysLeft => Deadline.Due is { } due && Case.IsOpen ? Rules.Calendar.WorkingDaysBetween(Today, due) : null;

    /// <summary>Working days past the due date, for an open overdue case.</summary>
    public int? WorkingDaysOverdue => Deadline.Due is { } due && Case.IsOpen && Today > due ? Rules.Calendar.WorkingDaysBetween(due, Today) : null;

    private string? Shown(string? value, Func<string, string> mask) =>
        value is null || !ShowsPersonalData ? null : RevealsPersonalData ? value : mask(value);
}

/// <summary>
/// Reads a case for display: only within the agencies the user may read (others: null, shown as 404), the engine's
/// view with the deadline computation, the actions on offer. Showing personal data writes "applicant.viewed" to the
/// audit log, every time; revealing the masked identity number, phone and address writes "applicant.revealed" instead.
/// </summary>
public sealed class CaseViewer(
    GongkaiDbContext db, CaseAccess access, CaseActions actions, AuditLog audit, CaseRulesProvider rulesProvider, TimeProvider clock, RelatedCases relatedCases,
    CaseTransfers transfers)
{
    /// <param name="id">The application.</param>
    /// <param name="showPersonalData">Whether the caller will show the applicant's personal data (audited when it may).</param>
    /// <param name="revealPersonalData">Whether the reader asked (by an explicit POST) to see the masked values in full.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<CaseDetails?> LoadAsync(Guid id, bool showPersonalData = true, bool revealPersonalData = false, CancellationToken cancellationToken = default)
    {
        var visible = await access.VisibleScopeAsync(cancellationToken);
        var record = await visible.Of(db.Applications.AsNoTracking().Include(a => a.Events), db)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var rules = await rulesProvider.GetAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        var now = ChinaTime.Now(clock);
        var application = record.ToCase(rules);
        var agencyName = await db.Agencies.Where(a => a.Id == record.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var handlerName = record.HandlerId is { } handlerId
            ? await db.Users.Where(u => u.Id == handlerId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var canAct = access.CanAct(record.AgencyId);
        var canApprove = access.CanApproveExtension(record.AgencyId);
        var states = canAct ? CaseActions.Offer(application, record, rules, now, canApprove) : [];
        var handlers = canAct ? await actions.HandlersAsync(record.AgencyId, cancellationToken) : [];
        var scans = canAct ? await actions.ScansAsync(record, cancellationToken) : [];
        var related = canAct ? await relatedCases.ForAsync(record, cancellationToken) : [];
        var caseTransfers = await transfers.ForAsync(record.Id, cancellationToken);
        var forward = canAct ? await transfers.OfferAsync(record, cancellationToken) : null;
        var countQuote = canAct ? InformationProcessingFee.ByCount(1, await actions.EarlierInMonthAsync(record, cancellationToken)) : null;
        if (canAct && record.DueMovedFrom is not null)
        {
            // Seen: 工作台 stops telling the handler; this page still says it once (the record was read before).
            await db.Applications.Where(a => a.Id == record.Id && a.DueMovedFrom != null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.DueMovedFrom, (DateOnly?)null), cancellationToken);
        }

        var shows = showPersonalData && access.SeesPersonalData(record.AgencyId);
        var reveals = shows && revealPersonalData;
        if (reveals)
        {
            audit.Record("applicant.revealed", "Application", record.Id.ToString(), $"显示申请 {record.Number} 的申请人完整证件号码、电话和地址", record.AgencyId);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (shows)
        {
            audit.Record("applicant.viewed", "Application", record.Id.ToString(), $"查看申请 {record.Number} 的申请人个人信息", record.AgencyId);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new CaseDetails(
            record,
            agencyName,
            handlerName,
            application,
            application.Deadline(rules),
            application.StatusOn(today, rules),
            today,
            access.SeesPersonalData(record.AgencyId),
            shows,
            reveals,
            canAct,
            canApprove,
            states,
            handlers,
            scans,
            countQuote,
            application.CorrectionNoticeDue(rules),
            application.FeePaymentDue(rules),
            rules,
            related,
            caseTransfers,
            forward);
    }
}
