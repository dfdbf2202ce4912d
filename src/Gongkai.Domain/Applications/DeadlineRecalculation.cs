namespace Gongkai.Applications;

/// <summary>An open case whose due date (or its provisional mark) differs under a new calendar or policy.</summary>
public sealed record DueDateChange(
    string CaseId,
    DateOnly? Before,
    DateOnly? After,
    bool WasProvisional,
    bool IsProvisional,
    DeadlineComputation Computation);

/// <summary>Re-applies a changed calendar (a newly loaded year, a corrected holiday) to open cases.</summary>
public static class DeadlineRecalculation
{
    /// <summary>
    /// Recomputes every open case's deadline under <paramref name="after"/> and reports those whose due date or
    /// provisional mark differs from what <paramref name="before"/> gave. Closed cases keep the deadline they were
    /// judged by and are skipped.
    /// </summary>
    public static IReadOnlyList<DueDateChange> Recompute(
        IEnumerable<DisclosureApplication> cases, CaseRules before, CaseRules after)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<DueDateChange>();
        foreach (var application in cases)
        {
            if (!application.IsOpen)
            {
                continue;
            }

            var old = application.Deadline(before);
            var now = application.Deadline(after);
            if (old.Due != now.Due || old.IsProvisional != now.IsProvisional)
            {
                changes.Add(new DueDateChange(application.Id, old.Due, now.Due, old.IsProvisional, now.IsProvisional, now));
            }
        }

        return changes;
    }
}
