using System.Text;
using Gongkai.Calendar;

namespace Gongkai.Applications;

/// <summary>How one day after day 0 was treated when counting a period.</summary>
public enum DayTreatment
{
    /// <summary>An ordinary working day, counted.</summary>
    Counted,

    /// <summary>A weekend day made a working day (调休上班), counted.</summary>
    CountedMakeUpDay,

    /// <summary>Saturday or Sunday, not counted.</summary>
    Weekend,

    /// <summary>A statutory day off (放假), not counted.</summary>
    Holiday,

    /// <summary>A working day inside a clock pause (consultation, fee), not counted.</summary>
    Paused,
}

/// <summary>One day walked while counting. <see cref="Ordinal"/> is its number among counted days; <see cref="Note"/> the holiday or pause.</summary>
public sealed record DeadlineDay(DateOnly Date, DayTreatment Treatment, int? Ordinal, string? Note);

/// <summary>The kinds of step a deadline explanation has.</summary>
public enum DeadlineStepKind
{
    Received,
    CorrectionRequested,
    CorrectionReceived,
    AwaitingCorrection,

    /// <summary>An online application waiting for the agency's confirmation: the count has not started.</summary>
    AwaitingConfirmation,
    Paused,
    Extended,
    OriginalDue,
    Due,
}

/// <summary>One dated step of the computation, with its Chinese text.</summary>
public sealed record DeadlineStep(DateOnly Date, DeadlineStepKind Kind, string Text);

/// <summary>
/// A due date and how it was computed. Invariants: <see cref="Due"/> is null exactly when
/// <see cref="AwaitingCorrection"/> or <see cref="AwaitingConfirmation"/> (then <see cref="Received"/> and
/// <see cref="CountFrom"/> are the submission day, which is not day 0); otherwise <see cref="Due"/> is the day the
/// <see cref="WorkingDaysAllowed"/>-th counted day of <see cref="Days"/> falls on, and <see cref="OriginalDue"/> the
/// day the <see cref="BaseWorkingDays"/>-th does. <see cref="IsProvisional"/> exactly when
/// <see cref="MissingYears"/> is not empty.
/// </summary>
public sealed record DeadlineComputation
{
    public required DateOnly Received { get; init; }

    /// <summary>Day 0 of the count: the receipt date, or the date the corrected application arrived.</summary>
    public required DateOnly CountFrom { get; init; }

    public required int BaseWorkingDays { get; init; }

    public required int ExtensionWorkingDays { get; init; }

    public int WorkingDaysAllowed => BaseWorkingDays + ExtensionWorkingDays;

    public DateOnly? OriginalDue { get; init; }

    public DateOnly? Due { get; init; }

    /// <summary>Waiting for the corrected application: no due date yet.</summary>
    public bool AwaitingCorrection => Due is null && !AwaitingConfirmation;

    /// <summary>An online application the agency counts from its confirmation, not confirmed yet: no due date yet.</summary>
    public bool AwaitingConfirmation { get; init; }

    /// <summary>Some pause has not ended; the due date assumes it runs to its latest end and can only move earlier.</summary>
    public bool HasOpenPause { get; init; }

    public bool IsProvisional => MissingYears.Count > 0;

    /// <summary>Years the count ran into whose holiday arrangement is not loaded (judged by weekends alone).</summary>
    public IReadOnlyList<int> MissingYears { get; init; } = [];

    public IReadOnlyList<DeadlineStep> Steps { get; init; } = [];

    /// <summary>Every day after day 0 up to the due date, with how it was treated.</summary>
    public IReadOnlyList<DeadlineDay> Days { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IEnumerable<DeadlineDay> HolidaysSkipped => Days.Where(d => d.Treatment == DayTreatment.Holiday);

    public IEnumerable<DeadlineDay> MakeUpDaysCounted => Days.Where(d => d.Treatment == DayTreatment.CountedMakeUpDay);

    public IEnumerable<DeadlineDay> PausedDays => Days.Where(d => d.Treatment == DayTreatment.Paused);

    public int WorkingDaysCounted => Days.Count(d => d.Ordinal is not null);

    /// <summary>The computation in Chinese: the steps, then the days counted, skipped and paused, then warnings.</summary>
    public string ToChinese()
    {
        var text = new StringBuilder();
        foreach (var step in Steps)
        {
            text.AppendLine(step.Text);
        }

        var counted = Days.Where(d => d.Ordinal is not null).ToList();
        if (counted.Count > 0)
        {
            text.AppendLine(Invariant.Text(
                $"计入的工作日：共{counted.Count}个（{D(counted[0].Date)} 至 {D(counted[^1].Date)}，收到之日不计入）"));
        }

        foreach (var (name, from, until, count) in Runs(HolidaysSkipped))
        {
            text.AppendLine(from == until
                ? $"跳过的法定节假日：{name} {D(from)}"
                : Invariant.Text($"跳过的法定节假日：{name} {D(from)} 至 {D(until)}（{count}天）"));
        }

        var makeUp = MakeUpDaysCounted.ToList();
        if (makeUp.Count > 0)
        {
            text.AppendLine("计入的调休上班日：" + string.Join("、", makeUp.Select(d =>
                $"{D(d.Date)}（{DateText.Weekday(d.Date)}，{d.Note}调休上班，第{d.Ordinal}个工作日）")));
        }

        foreach (var group in PausedDays.GroupBy(d => d.Note, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant.Text($"不计入的工作日：{group.Key}，共{group.Count()}个"));
        }

        foreach (var warning in Warnings)
        {
            text.AppendLine("注意：" + warning);
        }

        return text.ToString().TrimEnd();
    }

    internal static string D(DateOnly date) => DateText.Iso(date);

    private static IEnumerable<(string Name, DateOnly From, DateOnly Until, int Count)> Runs(IEnumerable<DeadlineDay> days)
    {
        (string Name, DateOnly From, DateOnly Until, int Count)? run = null;
        foreach (var day in days)
        {
            var name = day.Note ?? "";
            if (run is { } r && string.Equals(r.Name, name, StringComparison.Ordinal) && r.Until.AddDays(1) == day.Date)
            {
                run = (r.Name, r.From, day.Date, r.Count + 1);
                continue;
            }

            if (run is { } done)
            {
                yield return done;
            }

            run = (name, day.Date, day.Date, 1);
        }

        if (run is { } last)
        {
            yield return last;
        }
    }
}
