using Gongkai.Calendar;

namespace Gongkai.Applications;

/// <summary>
/// Computes a reply deadline with its explanation. Day 0 is the receipt date (or the corrected application's
/// arrival); the due date is the day the allowed number of working days is reached, counting only working days
/// that no pause excludes. See docs/adr/0002-case-engine.md for the conventions.
/// </summary>
public static class DeadlineCalculator
{
    // Ten years of walking means the calendar data marks (almost) every day off: a data error, not a deadline.
    private const int MaxDaysWalked = 3660;

    public static DeadlineComputation Compute(DeadlineInput input, CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        var calendar = rules.Calendar;
        var baseDays = rules.Policy.ReplyWorkingDays;
        var extensionDays = input.Extension?.WorkingDays ?? 0;
        var steps = new List<DeadlineStep>
        {
            new(input.Received, DeadlineStepKind.Received, Invariant.Text(
                $"收到申请：{D(input.Received)}（{Weekday(input.Received)}）{Note(input.ReceiptNote)}，当日为第0日，答复期限为{baseDays}个工作日"))
        };

        var countFrom = input.Received;
        if (input.Correction is { } correction)
        {
            var by = correction.CorrectBy is { } b ? $"，补正期限至 {D(b)}" : "";
            steps.Add(new(correction.RequestedOn, DeadlineStepKind.CorrectionRequested,
                $"补正告知：{D(correction.RequestedOn)} 一次性告知申请人补正{by}"));
            if (correction.ReceivedOn is not { } corrected)
            {
                steps.Add(new(correction.RequestedOn, DeadlineStepKind.AwaitingCorrection,
                    Invariant.Text($"等待补正：答复期限自收到补正后的申请之日起重新计算{baseDays}个工作日，目前暂停计时")));
                return new DeadlineComputation
                {
                    Received = input.Received,
                    CountFrom = input.Received,
                    BaseWorkingDays = baseDays,
                    ExtensionWorkingDays = extensionDays,
                    Steps = steps,
                };
            }

            countFrom = corrected;
            steps.Add(new(corrected, DeadlineStepKind.CorrectionReceived,
                $"收到补正后的申请：{D(corrected)}（{Weekday(corrected)}），答复期限自该日重新起算，该日为第0日"));
        }

        var pauses = input.Pauses.OrderBy(p => p.From).ToList();
        var days = new List<DeadlineDay>();
        var missingYears = new SortedSet<int>();
        var pausedCounts = new int[pauses.Count];
        DateOnly? originalDue = null;
        var counted = 0;
        var date = countFrom;
        var target = baseDays + extensionDays;
        while (counted < target)
        {
            date = date.AddDays(1);
            if (days.Count >= MaxDaysWalked)
            {
                throw new InvalidOperationException($"自 {D(countFrom)} 起十年内找不到足够的工作日，节假日数据有误。");
            }

            if (!calendar.IsLoaded(date.Year))
            {
                missingYears.Add(date.Year);
            }

            var entry = calendar.Entry(date);
            if (!calendar.IsWorkingDay(date))
            {
                days.Add(entry is { Kind: CalendarDayKind.Off }
                    ? new DeadlineDay(date, DayTreatment.Holiday, null, entry.Name)
                    : new DeadlineDay(date, DayTreatment.Weekend, null, null));
                continue;
            }

            var pauseIndex = pauses.FindIndex(p => p.Excludes(date));
            if (pauseIndex >= 0)
            {
                pausedCounts[pauseIndex]++;
                days.Add(new DeadlineDay(date, DayTreatment.Paused, null, pauses[pauseIndex].Description));
                continue;
            }

            counted++;
            days.Add(entry is { Kind: CalendarDayKind.Work }
                ? new DeadlineDay(date, DayTreatment.CountedMakeUpDay, counted, entry.Name)
                : new DeadlineDay(date, DayTreatment.Counted, counted, null));
            if (counted == baseDays)
            {
                originalDue = date;
            }
        }

        for (var i = 0; i < pauses.Count; i++)
        {
            steps.Add(new(pauses[i].From, DeadlineStepKind.Paused,
                Invariant.Text($"暂停计时：{pauses[i].Description}；其间{pausedCounts[i]}个工作日不计入答复期限")));
        }

        if (input.Extension is { } extension)
        {
            var who = extension.Approver is { } approver ? $"经{approver}（政府信息公开工作机构负责人）批准，" : "经批准，";
            var when = extension.ApprovedOn is { } approved ? $"{D(approved)} " : "";
            steps.Add(new(extension.ApprovedOn ?? originalDue!.Value, DeadlineStepKind.Extended, Invariant.Text(
                $"延长答复期限：{when}{who}在原答复期限 {D(originalDue!.Value)} 届满前延长{extension.WorkingDays}个工作日")));
            steps.Add(new(originalDue!.Value, DeadlineStepKind.OriginalDue, $"原答复期限：{D(originalDue.Value)}（{Weekday(originalDue.Value)}）"));
        }

        var due = date;
        steps.Add(new(due, DeadlineStepKind.Due, Invariant.Text(
            $"答复期限届满日：{D(due)}（{Weekday(due)}），即第{target}个工作日{ProvisionalDate.Note(missingYears)}")));

        var warnings = new List<string>();
        foreach (var year in missingYears)
        {
            warnings.Add(Invariant.Text(
                $"{year}年的节假日安排（国务院办公厅通知）尚未载入，{year}年的日期仅按周末计算，期限为暂定；载入后将重新计算。"));
        }

        if (pauses.Any(p => p.Open))
        {
            warnings.Add("有尚未结束的暂停计时事项，期限按其最迟结束日计算；提前结束的，期限相应提前。");
        }

        return new DeadlineComputation
        {
            Received = input.Received,
            CountFrom = countFrom,
            BaseWorkingDays = baseDays,
            ExtensionWorkingDays = extensionDays,
            OriginalDue = originalDue,
            Due = due,
            HasOpenPause = pauses.Any(p => p.Open),
            MissingYears = [.. missingYears],
            Steps = [.. steps.OrderBy(s => s.Date)],
            Days = days,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// The computation of an online application submitted on <paramref name="submittedOn"/> to an agency that counts
    /// from its confirmation, not confirmed yet: no day 0 and no due date, one step saying when the count starts.
    /// </summary>
    public static DeadlineComputation AwaitingConfirmation(DateOnly submittedOn, CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var baseDays = rules.Policy.ReplyWorkingDays;
        return new DeadlineComputation
        {
            Received = submittedOn,
            CountFrom = submittedOn,
            BaseWorkingDays = baseDays,
            ExtensionWorkingDays = 0,
            AwaitingConfirmation = true,
            Steps =
            [
                new(submittedOn, DeadlineStepKind.AwaitingConfirmation, Invariant.Text(
                    $"在线提交：{D(submittedOn)}（{Weekday(submittedOn)}），本机关以确认收到之日为收到申请之日，尚未确认；{baseDays}个工作日的答复期限自确认之日起计算")),
            ],
        };
    }

    private static string Note(string? note) => note is null ? "" : "，" + note;

    private static string D(DateOnly date) => DeadlineComputation.D(date);

    private static string Weekday(DateOnly date) => DateText.Weekday(date);
}
