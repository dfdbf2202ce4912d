using System.Globalization;
using System.Text;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Admin;

/// <summary>
/// The working calendar: a year as twelve month grids with its days off and make-up working days and the notice they
/// come from; a form to add, change or remove one day; the loaded years; loading a year's notice from CSV (preview
/// first: the day changes and every open case whose due date would move; then apply) and downloading it as CSV.
/// Every change recomputes open cases' due dates and is audited (<see cref="CalendarImport"/>).
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class CalendarModel(GongkaiDbContext db, CalendarImport import, TimeProvider clock, Supervision.RegionScope regions) : PageModel
{
    /// <summary>The calendar is every agency's: only an administrator of the whole platform may load a notice.</summary>
    public bool CanChange { get; private set; }

    /// <summary>A loaded year: its notice and its days.</summary>
    public sealed record LoadedYear(int Year, string Notice, IReadOnlyList<CalendarDay> Days);

    public IReadOnlyList<LoadedYear> Years { get; private set; } = [];

    /// <summary>This year and the next when their notice is not loaded: deadlines running into them are provisional.</summary>
    public IReadOnlyList<int> MissingYears { get; private set; } = [];

    public int ProvisionalCases { get; private set; }

    public CalendarPlan? Plan { get; private set; }

    /// <summary>True after the plan was applied (the page then shows what changed).</summary>
    public bool Applied { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Csv { get; set; }

    /// <summary>One day as the form enters it, kept as typed so that a refused form shows it again.</summary>
    public sealed class DayInput
    {
        public string? Date { get; set; }

        public string? Year { get; set; }

        public string? Kind { get; set; }

        public string? Name { get; set; }

        public string? Notice { get; set; }
    }

    [BindProperty]
    public DayInput Day { get; set; } = new();

    /// <summary>The year shown as a calendar.</summary>
    public int ShownYear { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>Every stored day by date, whichever year's arrangement it belongs to.</summary>
    public IReadOnlyDictionary<DateOnly, CalendarDay> Days { get; private set; } = new Dictionary<DateOnly, CalendarDay>();

    /// <summary>The form's errors by field id.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>What was saved or removed, with the due dates that moved.</summary>
    public string? Saved { get; private set; }

    /// <summary>True when the form edits a stored day (the date was chosen from the list).</summary>
    public bool Editing { get; private set; }

    public static string Date(DateOnly date) => DateText.Iso(date);

    public static string DayText(CalendarDay day) => CalendarImport.DayText(day);

    /// <summary>The weeks of a month, Monday first, each seven dates or nulls outside the month.</summary>
    public static IReadOnlyList<DateOnly?[]> Weeks(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)first.DayOfWeek + 6) % 7;
        var weeks = new List<DateOnly?[]>();
        var days = DateTime.DaysInMonth(year, month);
        for (var start = -offset; start < days; start += 7)
        {
            weeks.Add([.. Enumerable.Range(start, 7).Select(i => i >= 0 && i < days ? first.AddDays(i) : (DateOnly?)null)]);
        }

        return weeks;
    }

    public async Task OnGetAsync(int? year, string? edit, CancellationToken cancellationToken)
    {
        await LoadAsync(year, cancellationToken);
        if (DateText.TryParseIso(edit, out var date) && Days.TryGetValue(date, out var day))
        {
            var stored = await db.CalendarDays.AsNoTracking().Where(d => d.Date == date).Select(d => d.Year).SingleAsync(cancellationToken);
            Day = new DayInput { Date = Date(date), Year = stored.ToString(CultureInfo.InvariantCulture), Kind = day.Kind.ToString(), Name = day.Name, Notice = day.Notice };
            Editing = true;
        }
        else
        {
            Day = new DayInput { Year = ShownYear.ToString(CultureInfo.InvariantCulture), Kind = nameof(CalendarDayKind.Off), Notice = NoticeOf(ShownYear) };
        }
    }

    /// <summary>The stored calendar as CSV with the Chinese header (the same columns the import reads).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(null, cancellationToken);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        HolidayArrangements.Write(text, Years.OrderBy(y => y.Year).Select(y => new HolidayArrangement(y.Year, y.Notice, y.Days)));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "工作日历.csv");
    }

    public async Task<IActionResult> OnPostDayAsync(CancellationToken cancellationToken)
    {
        if (!await regions.CoversWholePlatformAsync(cancellationToken))
        {
            return Forbid();
        }

        var dateRead = DateText.TryParseIso(Day.Date?.Trim(), out var date);
        if (!dateRead)
        {
            FieldErrors["Day_Date"] = "请填写有效的日期，如 2027-10-01。";
        }

        var yearRead = int.TryParse(Day.Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100;
        if (!yearRead)
        {
            FieldErrors["Day_Year"] = "请填写通知所属年度（四位数字，如 2027）。";
        }
        else if (dateRead && Math.Abs(date.Year - year) > 1)
        {
            FieldErrors["Day_Year"] = "通知所属年度应为该日期所在年度（年初、年末的日期可属于相邻年度的通知）。";
        }

        CalendarDayKind? kind = Enum.TryParse<CalendarDayKind>(Day.Kind, ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : null;
        if (kind is null)
        {
            FieldErrors["Day_Kind"] = "请选择休息日或调休上班日。";
        }

        var name = Day.Name?.Trim() ?? "";
        if (name.Length is 0 or > 50)
        {
            FieldErrors["Day_Name"] = name.Length == 0 ? "请填写节日名称，如 国庆节。" : "节日名称不能超过50个字。";
        }

        var notice = Day.Notice?.Trim() ?? "";
        if (notice.Length is 0 or > 100)
        {
            FieldErrors["Day_Notice"] = notice.Length == 0 ? "请填写通知文号，如 国办发明电〔2026〕1号。" : "通知文号不能超过100个字。";
        }

        if (FieldErrors.Count == 0)
        {
            var plan = await import.SaveDayAsync(year, new CalendarDay(date, kind!.Value, name, notice), cancellationToken);
            if (plan.Error is { } error)
            {
                FieldErrors[error.Contains("通知", StringComparison.Ordinal) ? "Day_Notice" : error.Contains("周末", StringComparison.Ordinal) ? "Day_Kind" : "Day_Date"] = error;
            }
            else
            {
                Plan = plan;
                Saved = string.Create(CultureInfo.InvariantCulture, $"已保存：{DayText(new CalendarDay(date, kind.Value, name, notice))}。{plan.Moves.Count} 件办理中申请的期限随之重算。");
                Day = new DayInput { Year = Day.Year, Kind = nameof(CalendarDayKind.Off), Notice = notice };
            }
        }

        await LoadAsync(dateRead ? date.Year : null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? date, CancellationToken cancellationToken)
    {
        if (!await regions.CoversWholePlatformAsync(cancellationToken))
        {
            return Forbid();
        }

        if (!DateText.TryParseIso(date, out var day) || await import.RemoveDayAsync(day, cancellationToken) is not { } plan)
        {
            return NotFound();
        }

        if (plan.Error is { } error)
        {
            Error = error;
        }
        else
        {
            Plan = plan;
            Saved = string.Create(CultureInfo.InvariantCulture, $"已删除 {Date(day)}。{plan.Moves.Count} 件办理中申请的期限随之重算。");
        }

        await LoadAsync(day.Year, cancellationToken);
        Day = new DayInput { Year = ShownYear.ToString(CultureInfo.InvariantCulture), Kind = nameof(CalendarDayKind.Off), Notice = NoticeOf(ShownYear) };
        return Page();
    }

    /// <summary>The notice of a loaded year, or null.</summary>
    public string? NoticeOf(int year) => Years.FirstOrDefault(y => y.Year == year)?.Notice;

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!await regions.CoversWholePlatformAsync(cancellationToken))
        {
            return Forbid();
        }

        if (await ReadCsvAsync(cancellationToken) is { } csv)
        {
            Csv = csv;
            Plan = await import.PlanAsync(csv, cancellationToken);
            Error = Plan.Error;
        }

        await LoadAsync(null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        if (!await regions.CoversWholePlatformAsync(cancellationToken))
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(Csv))
        {
            Error = "请先上传并预览节假日安排。";
        }
        else
        {
            Plan = await import.ApplyAsync(Csv, cancellationToken);
            Error = Plan.Error;
            Applied = Plan.Error is null;
        }

        await LoadAsync(null, cancellationToken);
        return Page();
    }

    private async Task<string?> ReadCsvAsync(CancellationToken cancellationToken)
    {
        if (Upload is { Length: > 0 } file)
        {
            if (file.Length > 1024 * 1024)
            {
                Error = "文件过大：一年的节假日安排只有几十行。请上传 CSV 文本文件。";
                return null;
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(Csv))
        {
            return Csv;
        }

        Error = "请选择 CSV 文件，或把内容粘贴到文本框中。";
        return null;
    }

    private async Task LoadAsync(int? year, CancellationToken cancellationToken)
    {
        CanChange = await regions.CoversWholePlatformAsync(cancellationToken);
        var days = await db.CalendarDays.AsNoTracking().OrderBy(d => d.Date).ToListAsync(cancellationToken);
        Years = [.. days.GroupBy(d => d.Year).OrderByDescending(g => g.Key)
            .Select(g => new LoadedYear(g.Key, g.First().Notice, [.. g.Select(d => new CalendarDay(d.Date, d.Kind, d.Name, d.Notice))]))];
        var today = ChinaTime.Today(clock);
        Today = today;
        ShownYear = year is >= 2000 and <= 2100 ? year.Value : today.Year;
        Days = days.ToDictionary(d => d.Date, d => new CalendarDay(d.Date, d.Kind, d.Name, d.Notice));
        MissingYears = [.. new[] { today.Year, today.Year + 1 }.Where(y => Years.All(l => l.Year != y))];
        var open = Enum.GetValues<CaseState>().Where(s => s.IsOpen()).ToList();
        ProvisionalCases = await db.Applications.CountAsync(a => a.DueIsProvisional && open.Contains(a.State), cancellationToken);
    }
}
