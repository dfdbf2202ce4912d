using Gongkai.Applications;

namespace Gongkai.Data.Applications;

/// <summary>
/// Moves a case between its stored form and the case engine: replays the stored events into a
/// <see cref="DisclosureApplication"/>, and appends a new event only if the engine accepts it, refreshing the
/// snapshot columns from the engine's answer. Not a repository: it touches no DbContext.
/// </summary>
public static class CaseStore
{
    /// <summary>The case as the engine sees it. The record's <see cref="ApplicationRecord.Events"/> must be loaded.</summary>
    public static DisclosureApplication ToCase(this ApplicationRecord record, CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(record);
        var receipt = record.SubmittedOnline && record.Channel == ReceiptChannel.Online && record.ConfirmedOn is null
            ? Receipt.AwaitingConfirmation(record.ArrivedOn)
            : Receipt.Create(record.Channel, record.ArrivedOn, record.ConfirmedOn);
        var application = DisclosureApplication.Receive(record.Id.ToString(), record.ApplicantType, receipt);
        foreach (var stored in record.Events.OrderBy(e => e.Sequence))
        {
            // Stored events are facts: replayed without re-checking time limits a later calendar or rule could break.
            application = application.Replay(CaseEventCodec.Decode(stored), rules);
        }

        return application;
    }

    /// <summary>
    /// Applies an event: the engine checks it (throwing <see cref="CaseRuleException"/> with the reason when it is
    /// refused), then the event is recorded and the snapshot updated. Returns the case after the event.
    /// </summary>
    public static DisclosureApplication Append(
        this ApplicationRecord record, CaseEvent caseEvent, CaseRules rules, Guid? actorUserId, string summary, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(caseEvent);
        var after = record.ToCase(rules).Apply(caseEvent, rules);
        var (kind, data) = CaseEventCodec.Encode(caseEvent);
        record.Events.Add(new ApplicationEventRecord
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = record.Id,
            Sequence = record.Events.Count == 0 ? 1 : record.Events.Max(e => e.Sequence) + 1,
            Kind = kind,
            AtUtc = caseEvent.At.UtcDateTime,
            Date = caseEvent.Date,
            ActorName = caseEvent.By.Name,
            ActorRole = caseEvent.By.Role,
            ActorUserId = actorUserId,
            Data = data,
            Summary = summary,
        });
        record.Refresh(after, rules, nowUtc);
        return after;
    }

    /// <summary>Copies the engine's view into the snapshot columns (also after a calendar change).</summary>
    public static void Refresh(this ApplicationRecord record, DisclosureApplication application, CaseRules rules, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(rules);
        // Registering an online application that waited for confirmation confirmed it: the receipt columns follow.
        record.ConfirmedOn = application.Receipt.ConfirmedOn;
        record.ReceivedOn = application.Receipt.ReceiptDate ?? application.Receipt.ArrivedOn;
        record.State = application.State;
        record.Outcome = application.Outcome;
        record.ConcludedOn = application.ConcludedOn;
        var deadline = application.Deadline(rules);
        record.DueOn = deadline.Due;
        record.DueIsProvisional = deadline.IsProvisional;

        record.UpdatedAtUtc = nowUtc;
        record.Version++;
    }
}
