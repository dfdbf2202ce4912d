using System.Globalization;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Calendar;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Admin;

/// <summary>What loading one year's arrangement changes in the stored calendar.</summary>
public sealed record CalendarYearChange(
    int Year, string Notice, string? OldNotice, IReadOnlyList<CalendarDay> Added, IReadOnlyList<CalendarDay> Removed, IReadOnlyList<CalendarDay> Changed);

/// <summary>An open application whose due date moves with the new calendar.</summary>
public sealed record DueDateMove(Guid ApplicationId, string Number, string AgencyName, DateOnly? Before, DateOnly? After, bool WasProvisional, bool IsProvisional);

/// <summary>
/// A calendar upload checked against the stored calendar: the years it replaces, the days that change, and every open
/// case whose due date moves (computed by the domain's <see cref="DeadlineRecalculation"/>). <see cref="Error"/> is the
/// Chinese reason the upload cannot be used; then nothing else is set except <see cref="BadLines"/>, which lists every
/// problem when there is more than one.
/// </summary>
public sealed record CalendarPlan(
    IReadOnlyList<CalendarYearChange> Years, IReadOnlyList<DueDateMove> Moves, IReadOnlyList<string> NotRecomputed, string? Error = null)
{
    public IReadOnlyList<string> BadLines { get; init; } = [];

    public static CalendarPlan Failed(string error) => new([], [], [], error);

    public static CalendarPlan Failed(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? Failed(problems[0])
            : new([], [], [], string.Create(CultureInfo.InvariantCulture, $"文件中有 {problems.Count} 处错误，未导入任何内容。请全部改正后重新上传：")) { BadLines = problems };
    }
}

/// <summary>
/// Changes the stored calendar: loads a year's holiday notice (CSV as <see cref="HolidayArrangements"/> reads it), or
/// saves or removes one day from the calendar page. Either way the changed years replace their stored days, and every
/// open case's deadline is recomputed and its snapshot refreshed (<see cref="CaseStore.Refresh"/>), in one save with
/// its audit line. Adding a year is adding data, not code.
/// </summary>
public sealed class CalendarImport(GongkaiDbContext db, CaseRulesProvider rulesProvider, TimeProvider clock, AuditLog audit)
{
    private static readonly List<CaseState> OpenStates = [.. Enum.GetValues<CaseState>().Where(s => s.IsOpen())];

    /// <summary>What applying <paramref name="csv"/> would do, without changing anything.</summary>
    public async Task<CalendarPlan> PlanAsync(string csv, CancellationToken cancellationToken = default) =>
        Parse(csv, out var arrangements) is { } failed ? failed : (await PrepareAsync(arrangements, tracking: false, cancellationToken)).Plan;

    /// <summary>Replaces the uploaded years' days and refreshes the due dates that move; returns what changed.</summary>
    public async Task<CalendarPlan> ApplyAsync(string csv, CancellationToken cancellationToken = default)
    {
        if (Parse(csv, out var arrangements) is { } failed)
        {
            return failed;
        }

        var notices = string.Join("、", arrangements.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Year}年（{a.Notice}）")));
        return await ApplyAsync(arrangements, "calendar.loaded", string.Join(",", arrangements.Select(a => a.Year).Order()), $"导入节假日安排：{notices}", cancellationToken);
    }

    /// <summary>
    /// Saves one day into the arrangement of <paramref name="year"/> (adding it, or changing the day stored on that date),
    /// then recomputes; the error says in Chinese why not (the date is in another year's arrangement, the notice differs
    /// from the year's, a working day that is not a weekend).
    /// </summary>
    public async Task<CalendarPlan> SaveDayAsync(int year, CalendarDay day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(day);
        var stored = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        if (stored.FirstOrDefault(d => d.Date == day.Date && d.Year != year) is { } elsewhere)
        {
            return CalendarPlan.Failed(string.Create(CultureInfo.InvariantCulture, $"{DateText.Iso(day.Date)}已登记在{elsewhere.Year}年的安排中，请在该年度修改或先删除。"));
        }

        if (stored.FirstOrDefault(d => d.Year == year && d.Date != day.Date) is { } other && !string.Equals(other.Notice, day.Notice, StringComparison.Ordinal))
        {
            return CalendarPlan.Failed(string.Create(CultureInfo.InvariantCulture, $"{year}年的安排已注明通知「{other.Notice}」，本日却为「{day.Notice}」。同一年度的日期应出自同一通知。"));
        }

        var days = stored.Where(d => d.Year == year && d.Date != day.Date).Select(Day).Append(day).OrderBy(d => d.Date).ToList();
        var existed = stored.Any(d => d.Date == day.Date);
        return await ApplyAsync(
            [new HolidayArrangement(year, day.Notice, days)], existed ? "calendar.day-changed" : "calendar.day-added", DateText.Iso(day.Date),
            string.Create(CultureInfo.InvariantCulture, $"{(existed ? "修改" : "登记")}{year}年安排中的{DayText(day)}（{day.Notice}）"), cancellationToken);
    }

    /// <summary>Removes the day stored on <paramref name="date"/>, then recomputes; null when no day is stored there.</summary>
    public async Task<CalendarPlan?> RemoveDayAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var stored = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        if (stored.FirstOrDefault(d => d.Date == date) is not { } removed)
        {
            return null;
        }

        var days = stored.Where(d => d.Year == removed.Year && d.Date != date).Select(Day).ToList();
        return await ApplyAsync(
            [new HolidayArrangement(removed.Year, removed.Notice, days)], "calendar.day-removed", DateText.Iso(date),
            string.Create(CultureInfo.InvariantCulture, $"删除{removed.Year}年安排中的{DayText(Day(removed))}"), cancellationToken);
    }

    /// <summary>A day as the calendar's pages and audit lines write it: 2027-10-01（星期五）休息日·国庆节.</summary>
    public static string DayText(CalendarDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return $"{DateText.Iso(day.Date)}（{DateText.Weekday(day.Date)}）{CalendarDayKindText.Label(day.Kind)}·{day.Name}";
    }

    private static CalendarDay Day(CalendarDayRecord record) => new(record.Date, record.Kind, record.Name, record.Notice);

    private static CalendarPlan? Parse(string csv, out IReadOnlyList<HolidayArrangement> arrangements)
    {
        try
        {
            arrangements = HolidayArrangements.Parse(new StringReader(csv ?? ""));
        }
        catch (HolidayDataException exception)
        {
            arrangements = [];
            return CalendarPlan.Failed(exception.Problems);
        }

        return arrangements.Count == 0 ? CalendarPlan.Failed("文件中没有任何日期。") : null;
    }

    private async Task<CalendarPlan> ApplyAsync(
        IReadOnlyList<HolidayArrangement> arrangements, string action, string entityId, string detail, CancellationToken cancellationToken)
    {
        var (plan, stored, cases) = await PrepareAsync(arrangements, tracking: true, cancellationToken);
        if (plan.Error is not null)
        {
            return plan;
        }

        var years = arrangements.Select(a => a.Year).ToHashSet();
        var replaced = stored.Where(d => years.Contains(d.Year)).ToDictionary(d => d.Date);
        foreach (var arrangement in arrangements)
        {
            foreach (var day in arrangement.Days)
            {
                if (replaced.Remove(day.Date, out var row))
                {
                    row.Kind = day.Kind;
                    row.Name = day.Name;
                    row.Notice = day.Notice;
                    row.Year = arrangement.Year;
                }
                else
                {
                    db.CalendarDays.Add(new CalendarDayRecord { Date = day.Date, Year = arrangement.Year, Kind = day.Kind, Name = day.Name, Notice = day.Notice });
                }
            }
        }

        db.CalendarDays.RemoveRange(replaced.Values);

        var after = await AfterRulesAsync(stored, arrangements, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var move in plan.Moves)
        {
            var (record, application) = cases[move.ApplicationId];
            record.Refresh(application, after, now);
            if (move.Before is { } before && move.Before != move.After)
            {
                // The date the handler last knew, kept through further moves until someone acting on the case opens it.
                record.DueMovedFrom ??= before;
            }
        }

        audit.Record(action, "Calendar", entityId,
            string.Create(CultureInfo.InvariantCulture, $"{detail}；{plan.Moves.Count} 件办理中申请的期限随之重算"));
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    private async Task<(CalendarPlan Plan, List<CalendarDayRecord> Stored, Dictionary<Guid, (ApplicationRecord Record, DisclosureApplication Case)> Cases)> PrepareAsync(
        IReadOnlyList<HolidayArrangement> arrangements, bool tracking, CancellationToken cancellationToken)
    {
        var stored = tracking ? await db.CalendarDays.ToListAsync(cancellationToken) : await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        CaseRules after;
        try
        {
            after = await AfterRulesAsync(stored, arrangements, cancellationToken);
        }
        catch (ArgumentException exception)
        {
            return (CalendarPlan.Failed(exception.Message.Split(" (Parameter", 2)[0]), [], []);
        }

        var before = await rulesProvider.GetAsync(cancellationToken);
        var query = db.Applications.Include(a => a.Events).Where(a => OpenStates.Contains(a.State));
        var records = tracking ? await query.ToListAsync(cancellationToken) : await query.AsNoTracking().ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var cases = new Dictionary<Guid, (ApplicationRecord, DisclosureApplication)>();
        var notRecomputed = new List<string>();
        foreach (var record in records)
        {
            try
            {
                cases[record.Id] = (record, record.ToCase(after));
            }
            catch (CaseRuleException exception)
            {
                notRecomputed.Add($"{agencies.GetValueOrDefault(record.AgencyId)} {record.Number}：{exception.Message}");
            }
        }

        var moves = DeadlineRecalculation.Recompute(cases.Values.Select(c => c.Item2), before, after)
            .Select(change =>
            {
                var record = cases[Guid.Parse(change.CaseId)].Item1;
                return new DueDateMove(record.Id, record.Number, agencies.GetValueOrDefault(record.AgencyId, ""), change.Before, change.After, change.WasProvisional, change.IsProvisional);
            })
            .OrderBy(m => m.AgencyName, StringComparer.Ordinal).ThenBy(m => m.Number, StringComparer.Ordinal)
            .ToList();
        return (new CalendarPlan(Changes(stored, arrangements), moves, notRecomputed), stored, cases);
    }

    private async Task<CaseRules> AfterRulesAsync(List<CalendarDayRecord> stored, IReadOnlyList<HolidayArrangement> arrangements, CancellationToken cancellationToken)
    {
        var years = arrangements.Select(a => a.Year).ToHashSet();
        var kept = stored.Where(d => !years.Contains(d.Year)).ToList();
        var calendar = new WorkingCalendar(
            kept.Select(d => new CalendarDay(d.Date, d.Kind, d.Name, d.Notice)).Concat(arrangements.SelectMany(a => a.Days)),
            // A year whose last day was removed is no longer loaded: its deadlines are provisional again.
            kept.Select(d => d.Year).Concat(arrangements.Where(a => a.Days.Count > 0).Select(a => a.Year)).Distinct());
        var before = await rulesProvider.GetAsync(cancellationToken);
        return new CaseRules(calendar, before.Policy);
    }

    private static List<CalendarYearChange> Changes(List<CalendarDayRecord> stored, IReadOnlyList<HolidayArrangement> arrangements)
    {
        var changes = new List<CalendarYearChange>();
        foreach (var arrangement in arrangements)
        {
            var old = stored.Where(d => d.Year == arrangement.Year).ToDictionary(d => d.Date);
            var added = arrangement.Days.Where(d => !old.ContainsKey(d.Date)).ToList();
            var changed = arrangement.Days.Where(d => old.TryGetValue(d.Date, out var o) && (o.Kind != d.Kind || o.Name != d.Name)).ToList();
            var dates = arrangement.Days.Select(d => d.Date).ToHashSet();
            var removed = old.Values.Where(d => !dates.Contains(d.Date)).Select(d => new CalendarDay(d.Date, d.Kind, d.Name, d.Notice)).OrderBy(d => d.Date).ToList();
            changes.Add(new CalendarYearChange(arrangement.Year, arrangement.Notice, old.Values.FirstOrDefault()?.Notice, added, removed, changed));
        }

        return changes;
    }
}
