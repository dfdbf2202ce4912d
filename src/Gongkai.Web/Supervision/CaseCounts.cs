using System.Linq.Expressions;
using System.Reflection;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// The case indicators counted per agency in the database: one <c>GROUP BY</c> agency query over the applications, each
/// indicator's base and numerator a <c>COUNT</c> of the domain's own predicates (<see cref="CaseIndicators"/>), rewritten
/// from <see cref="CaseFact"/> to the application's columns. No case is read; the drill-down reads one agency's cases.
/// </summary>
public static class CaseCounts
{
    private static readonly string ExtensionApproved = nameof(CaseEventKind.ExtensionApproved);
    private static readonly string CorrectionRequested = nameof(CaseEventKind.CorrectionRequested);

    private static readonly MethodInfo CountWhere = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 2)
        .MakeGenericMethod(typeof(ApplicationRecord));

    /// <summary>
    /// The values of <paramref name="indicators"/> in each of <paramref name="windows"/> (a period and the one before
    /// are counted in one scan), for each agency of <paramref name="agencyIds"/> (a subquery, so the database joins it
    /// rather than probing an index once per agency) that has a case to count; an agency missing from a window's answer
    /// has none (不适用 everywhere). At most <see cref="AgencyCounts.Slots"/> counts: two per indicator and window.
    /// </summary>
    public static async Task<IReadOnlyList<Dictionary<Guid, Dictionary<IndicatorKind, IndicatorValue>>>> CountAsync(
        GongkaiDbContext db, IQueryable<Guid> agencyIds, IReadOnlyList<CaseIndicator> indicators, IReadOnlyList<CountingWindow> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agencyIds);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(windows);
        if (indicators.Count == 0 || windows.Count == 0)
        {
            return [.. windows.Select(_ => new Dictionary<Guid, Dictionary<IndicatorKind, IndicatorValue>>())];
        }

        if (indicators.Count * windows.Count * 2 > AgencyCounts.Slots)
        {
            throw new ArgumentOutOfRangeException(nameof(indicators), indicators.Count, "Too many indicators and windows for one query.");
        }

        var start = windows.Min(w => w.Start);
        var end = windows.Max(w => w.End);

        // Every case a predicate can select: received by the end, and open, or concluded or due from the start on.
        var cases = db.Applications.AsNoTracking()
            .Where(a => agencyIds.Contains(a.AgencyId) && a.ReceivedOn <= end && (a.ConcludedOn == null || a.ConcludedOn >= start || a.DueOn >= start));

        var group = Expression.Parameter(typeof(IGrouping<Guid, ApplicationRecord>), "g");
        var bindings = new List<MemberBinding> { Expression.Bind(typeof(AgencyCounts).GetProperty(nameof(AgencyCounts.AgencyId))!, Expression.Property(group, "Key")) };
        int SlotOf(int window, int indicator, bool counted) => (((window * indicators.Count) + indicator) * 2) + (counted ? 1 : 0);
        for (var w = 0; w < windows.Count; w++)
        {
            for (var i = 0; i < indicators.Count; i++)
            {
                bindings.Add(Expression.Bind(AgencyCounts.Slot(SlotOf(w, i, false)), Expression.Call(CountWhere, group, OnApplications(db, indicators[i].Base, windows[w]))));
                bindings.Add(Expression.Bind(AgencyCounts.Slot(SlotOf(w, i, true)), Expression.Call(CountWhere, group, OnApplications(db, indicators[i].Counted, windows[w]))));
            }
        }

        var select = Expression.Lambda<Func<IGrouping<Guid, ApplicationRecord>, AgencyCounts>>(
            Expression.MemberInit(Expression.New(typeof(AgencyCounts)), bindings), group);
        var rows = await cases.GroupBy(a => a.AgencyId).Select(select).ToListAsync(cancellationToken);
        return [.. windows.Select((_, w) => rows.ToDictionary(r => r.AgencyId, r => indicators
            .Select((indicator, i) => (indicator.Kind, Value: indicator.Value(r.Get(SlotOf(w, i, true)), r.Get(SlotOf(w, i, false)))))
            .ToDictionary(x => x.Kind, x => x.Value)))];
    }

    /// <summary>A predicate over a case fact and the window, as one over the application's columns.</summary>
    public static Expression<Func<ApplicationRecord, bool>> OnApplications(
        GongkaiDbContext db, Expression<Func<CaseFact, CountingWindow, bool>> predicate, CountingWindow window)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var application = Expression.Parameter(typeof(ApplicationRecord), "a");
        Expression<Func<ApplicationRecord, bool>> extended = a => db.ApplicationEvents.Any(e => e.ApplicationId == a.Id && e.Kind == ExtensionApproved);
        Expression<Func<ApplicationRecord, bool>> correction = a => db.ApplicationEvents.Any(e => e.ApplicationId == a.Id && e.Kind == CorrectionRequested);
        var columns = new Dictionary<string, Expression>(StringComparer.Ordinal)
        {
            [nameof(CaseFact.Id)] = Expression.Property(application, nameof(ApplicationRecord.Id)),
            [nameof(CaseFact.ReceivedOn)] = Expression.Property(application, nameof(ApplicationRecord.ReceivedOn)),
            [nameof(CaseFact.DueOn)] = Expression.Property(application, nameof(ApplicationRecord.DueOn)),
            [nameof(CaseFact.ConcludedOn)] = Expression.Property(application, nameof(ApplicationRecord.ConcludedOn)),
            [nameof(CaseFact.Extended)] = new Replace(extended.Parameters[0], application).Visit(extended.Body),
            [nameof(CaseFact.CorrectionRequested)] = new Replace(correction.Parameters[0], application).Visit(correction.Body),
        };
        var body = new FactToColumns(predicate.Parameters[0], columns, predicate.Parameters[1], Expression.Constant(window)).Visit(predicate.Body);
        return Expression.Lambda<Func<ApplicationRecord, bool>>(body, application);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>Rewrites <c>fact.Member</c> to the column expression and the window parameter to the window itself.</summary>
    private sealed class FactToColumns(ParameterExpression fact, Dictionary<string, Expression> columns, ParameterExpression window, Expression windowValue) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == fact
                ? columns.TryGetValue(node.Member.Name, out var column) ? column : throw new InvalidOperationException($"CaseFact.{node.Member.Name} has no column.")
                : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == window ? windowValue : node == fact ? throw new InvalidOperationException("A case predicate may use the fact's members only.") : node;
    }
}

/// <summary>One agency's counts from a grouped query: pairs of (base, counted) per indicator and window, in their order.</summary>
public sealed class AgencyCounts
{
    public const int Slots = 16;

    public Guid AgencyId { get; set; }

    public int C0 { get; set; }

    public int C1 { get; set; }

    public int C2 { get; set; }

    public int C3 { get; set; }

    public int C4 { get; set; }

    public int C5 { get; set; }

    public int C6 { get; set; }

    public int C7 { get; set; }

    public int C8 { get; set; }

    public int C9 { get; set; }

    public int C10 { get; set; }

    public int C11 { get; set; }

    public int C12 { get; set; }

    public int C13 { get; set; }

    public int C14 { get; set; }

    public int C15 { get; set; }

    public static PropertyInfo Slot(int i) => typeof(AgencyCounts).GetProperty("C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))!;

    public int Get(int i) => (int)Slot(i).GetValue(this)!;
}
