using Gongkai.Applications;

namespace Gongkai.Web.Applications;

/// <summary>
/// How the desk pages show what the case engine names (the words themselves are the engine's: <see cref="CaseText"/>,
/// <see cref="CaseStates"/>, <see cref="Receipt"/>, <see cref="Outcomes"/>): the badge's style, who an event is shown as.
/// </summary>
public static class CaseLabels
{
    /// <summary>The queue's badge for a deadline status: CSS class (of site.css's badge) and text.</summary>
    public static (string CssClass, string Text) Badge(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Overdue or DeadlineStatus.RepliedLate => ("overdue", status.Label()),
        DeadlineStatus.DueSoon => ("soon", status.Label()),
        DeadlineStatus.OnTrack => ("ok", status.Label()),
        DeadlineStatus.AwaitingCorrection or DeadlineStatus.AwaitingConfirmation => ("paused", status.Label()),
        DeadlineStatus.RepliedOnTime or DeadlineStatus.ClosedWithoutReply => ("done", status.Label()),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Who recorded an event, as a reader may see it: an applicant only by role unless the reader may see personal data.</summary>
    public static string Actor(Gongkai.Data.Applications.ApplicationEventRecord record, bool showsPersonalData)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.ActorRole == Gongkai.Applications.ActorRole.Applicant && !showsPersonalData ? "申请人" : record.ActorName;
    }

    public static string Invariant(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
