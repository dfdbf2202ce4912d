using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Calendar;

/// <summary>
/// The case rules of this request: the working calendar as the database holds it (an administrator loads each new
/// year's notice) and the deadline policy. Read once per request, so every node sees a calendar change at once.
/// </summary>
public sealed class CaseRulesProvider(GongkaiDbContext db)
{
    private CaseRules? _rules;

    public async Task<CaseRules> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_rules is not null)
        {
            return _rules;
        }

        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        var calendar = days.Count == 0
            ? WorkingCalendar.Default
            : new WorkingCalendar(days.Select(d => new CalendarDay(d.Date, d.Kind, d.Name, d.Notice)), days.Select(d => d.Year).Distinct());
        _rules = new CaseRules(calendar, DeadlinePolicy.Default);
        return _rules;
    }

    /// <summary>Loads the holiday arrangements shipped with Gongkai (2023–2026) into an empty calendar table.</summary>
    public static async Task SeedAsync(GongkaiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.CalendarDays.AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var arrangement in HolidayArrangements.Embedded)
        {
            foreach (var day in arrangement.Days)
            {
                db.CalendarDays.Add(new CalendarDayRecord { Date = day.Date, Year = arrangement.Year, Kind = day.Kind, Name = day.Name, Notice = day.Notice });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
