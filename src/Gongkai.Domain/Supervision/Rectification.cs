using Gongkai.Calendar;

namespace Gongkai.Supervision;

/// <summary>Where a rectification (整改) comes from. Stored as numbers: never renumber.</summary>
public enum RectificationSource
{
    /// <summary>年度报告问题: a finding of the rule catalogue in a published or collected report.</summary>
    ReportFinding = 1,

    /// <summary>抽查问题: a problem found in a spot check.</summary>
    SpotCheckProblem = 2,

    /// <summary>逾期未答复: an overdue application.</summary>
    OverdueCase = 3,

    /// <summary>考核指标偏低.</summary>
    LowIndicator = 4,

    /// <summary>其他（监督机关直接提出）.</summary>
    Manual = 5,
}

/// <summary>Where a rectification stands. Stored as numbers: never renumber.</summary>
public enum RectificationState
{
    /// <summary>待整改: raised, waiting for the agency's answer.</summary>
    Raised = 1,

    /// <summary>待验收: the agency answered; the supervisor verifies.</summary>
    Answered = 2,

    /// <summary>退回重改: the supervisor did not accept the answer; the agency answers again.</summary>
    Returned = 3,

    /// <summary>已办结: accepted by the supervisor.</summary>
    Closed = 4,
}

/// <summary>A step of the rectification loop.</summary>
public enum RectificationAction
{
    /// <summary>整改答复 by the agency: what changed.</summary>
    Answer = 1,

    /// <summary>验收通过 by the supervisor: the rectification is closed.</summary>
    Accept = 2,

    /// <summary>退回 by the supervisor, with the reason.</summary>
    Return = 3,
}

/// <summary>Who acts on a rectification.</summary>
public enum RectificationParty
{
    /// <summary>The agency that must rectify.</summary>
    Agency = 1,

    /// <summary>The supervising office that raised it.</summary>
    Supervisor = 2,
}

/// <summary>
/// The rectification loop: raised → answered → closed, or returned with a reason and answered again. Only the agency
/// answers, only the supervisor accepts or returns; an answer states what was changed and a return states why. A
/// refusal is a Chinese sentence saying why the step cannot be taken.
/// </summary>
public static class RectificationFlow
{
    /// <summary>The shortest and longest rectification period in working days.</summary>
    public const int MinWorkingDays = 1;

    public const int MaxWorkingDays = 60;

    /// <summary>The usual period: 15 working days.</summary>
    public const int DefaultWorkingDays = 15;

    public static string SourceLabel(RectificationSource source) => source switch
    {
        RectificationSource.ReportFinding => "年度报告问题",
        RectificationSource.SpotCheckProblem => "抽查问题",
        RectificationSource.OverdueCase => "逾期未答复",
        RectificationSource.LowIndicator => "考核指标偏低",
        RectificationSource.Manual => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static string StateLabel(RectificationState state) => state switch
    {
        RectificationState.Raised => "待整改",
        RectificationState.Answered => "待验收",
        RectificationState.Returned => "退回重改",
        RectificationState.Closed => "已办结",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string ActionLabel(RectificationAction action) => action switch
    {
        RectificationAction.Answer => "整改答复",
        RectificationAction.Accept => "验收通过",
        RectificationAction.Return => "退回重改",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The last day to answer: <paramref name="workingDays"/> working days after the day it was raised (which does not count).</summary>
    public static DateOnly DueOn(WorkingCalendar calendar, DateOnly raisedOn, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, MinWorkingDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        return calendar.AddWorkingDays(raisedOn, workingDays);
    }

    /// <summary>Waiting for the agency (raised or returned) after the due date.</summary>
    public static bool IsOverdue(RectificationState state, DateOnly dueOn, DateOnly today) =>
        state is RectificationState.Raised or RectificationState.Returned && today > dueOn;

    /// <summary>Why <paramref name="party"/> cannot take <paramref name="action"/> now, or null when it can.</summary>
    public static string? Refusal(RectificationState state, RectificationAction action, RectificationParty party, string? text)
    {
        if (state == RectificationState.Closed)
        {
            return "该整改事项已办结，不能再办理。";
        }

        switch (action)
        {
            case RectificationAction.Answer:
                if (party != RectificationParty.Agency)
                {
                    return "整改答复由被要求整改的机关提交。";
                }

                if (state == RectificationState.Answered)
                {
                    return "已提交整改答复，正在等待验收。";
                }

                return string.IsNullOrWhiteSpace(text) ? "请写明整改情况：改了什么、在哪里可以看到。" : null;

            case RectificationAction.Accept:
            case RectificationAction.Return:
                if (party != RectificationParty.Supervisor)
                {
                    return "验收和退回由提出整改的监督机关办理。";
                }

                if (state != RectificationState.Answered)
                {
                    return "该机关尚未提交整改答复，不能验收或退回。";
                }

                return action == RectificationAction.Return && string.IsNullOrWhiteSpace(text) ? "退回须写明理由。" : null;

            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    /// <summary>The state after the step; throws <see cref="RectificationRuleException"/> with the refusal when it cannot be taken.</summary>
    public static RectificationState Apply(RectificationState state, RectificationAction action, RectificationParty party, string? text)
    {
        if (Refusal(state, action, party, text) is { } refusal)
        {
            throw new RectificationRuleException(refusal);
        }

        return action switch
        {
            RectificationAction.Answer => RectificationState.Answered,
            RectificationAction.Accept => RectificationState.Closed,
            _ => RectificationState.Returned,
        };
    }
}

/// <summary>A rectification step that the rules refuse; the message is the Chinese reason.</summary>
public sealed class RectificationRuleException(string message) : Exception(message);
