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
/// The working calendar: the loaded years with their notices and days, years without a notice, and loading a year's
/// notice from CSV (preview first: the day changes and every open case whose due date would move; then apply).
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

    public static string Date(DateOnly date) => DateText.Iso(date);

    public static string DayText(CalendarDay day) =>
        string.Create(CultureInfo.InvariantCulture, $"{Date(day.Date)}（{WeekDay(day.Date)}）{(day.Kind == CalendarDayKind.Off ? "放假" : "调休上班")}·{day.Name}");

    public static string WeekDay(DateOnly date) => "周" + "日一二三四五六"[(int)date.DayOfWeek];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

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

        await LoadAsync(cancellationToken);
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

        await LoadAsync(cancellationToken);
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanChange = await regions.CoversWholePlatformAsync(cancellationToken);
        var days = await db.CalendarDays.AsNoTracking().OrderBy(d => d.Date).ToListAsync(cancellationToken);
        Years = [.. days.GroupBy(d => d.Year).OrderByDescending(g => g.Key)
            .Select(g => new LoadedYear(g.Key, g.First().Notice, [.. g.Select(d => new CalendarDay(d.Date, d.Kind, d.Name, d.Notice))]))];
        var today = ChinaTime.Today(clock);
        MissingYears = [.. new[] { today.Year, today.Year + 1 }.Where(y => Years.All(l => l.Year != y))];
        var open = Enum.GetValues<CaseState>().Where(s => s.IsOpen()).ToList();
        ProvisionalCases = await db.Applications.CountAsync(a => a.DueIsProvisional && open.Contains(a.State), cancellationToken);
    }
}
