using System.Reflection;
using System.Text.Json;
using Gongkai.Applications;

namespace Gongkai.Web.Applications.Actions;

/// <summary>
/// What every action's input carries, from a page form (fields <c>Input.X</c>) or the JSON API. Dates are China dates.
/// </summary>
public class CaseActionInput
{
    /// <summary>The case version the user saw; a different current version means someone else changed it meanwhile.</summary>
    public int? Version { get; set; }

    /// <summary>The day the event happened (default today; not in the future).</summary>
    public DateOnly? Date { get; set; }
}

/// <summary>
/// One lifecycle action of the desk, as a type: its URL key and Chinese name, when the engine would accept it
/// (<see cref="Refusal"/>), its input (<see cref="InputType"/>), its form (<see cref="FormPartial"/>) and which input
/// field a refusal concerns (<see cref="FieldOf"/>). The page, the API and the work lists find actions in
/// <see cref="CaseActionCatalog"/>; <see cref="CaseActions"/> runs them.
/// </summary>
public abstract class CaseAction
{
    /// <summary>The URL segment of <c>POST /api/applications/{id}/actions/{key}</c> and the page's form id, e.g. "request-correction".</summary>
    public abstract string Key { get; }

    public abstract string Label { get; }

    /// <summary>What the action does, for people (the form's hint and the API description).</summary>
    public abstract string Description { get; }

    /// <summary>The place in the lifecycle: the page and the API list actions in this order.</summary>
    public abstract int Order { get; }

    /// <summary>Only the office head (审核人) may take it.</summary>
    public virtual bool ReviewerOnly => false;

    /// <summary>The input type (a <see cref="CaseActionInput"/>) that the form and the JSON body bind to.</summary>
    public abstract Type InputType { get; }

    /// <summary>The Razor partial with the action's fields, next to this type.</summary>
    public string FormPartial => $"/Applications/Actions/_{GetType().Name}.cshtml";

    /// <summary>The input's fields as the JSON API names them, with the values of choices (for the API description).</summary>
    public IEnumerable<string> Fields =>
        InputType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(CaseActionInput.Version))
            .OrderBy(p => p.DeclaringType == typeof(CaseActionInput) ? 0 : 1)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)
                + (Nullable.GetUnderlyingType(p.PropertyType) is { IsEnum: true } choice ? " (" + string.Join(" | ", Enum.GetNames(choice)) + ")" : ""));

    /// <summary>What an API client should know about the fields beyond their names, or null.</summary>
    public virtual string? FieldNote => null;

    public CaseActionInput NewInput() => (CaseActionInput)Activator.CreateInstance(InputType)!;

    /// <summary>Why the action would be refused now (a Chinese sentence), or null when the page offers it first.</summary>
    public abstract string? Refusal(CaseProbe probe);

    /// <summary>The input field a refusal of the engine concerns, so the form shows the reason next to it; null when none of this action's.</summary>
    public string? FieldOf(EventField? field) => field is { } f && RefusalFields.TryGetValue(f, out var name) ? name : null;

    /// <summary>Which input field each part of an event is entered in. Every action's input has a date.</summary>
    protected virtual IReadOnlyDictionary<EventField, string> RefusalFields { get; } =
        new Dictionary<EventField, string> { [EventField.Date] = nameof(CaseActionInput.Date) };

    internal abstract Task<CaseActionResult> RunAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken);
}

/// <summary>An action whose input is <typeparamref name="TInput"/>.</summary>
public abstract class CaseAction<TInput> : CaseAction
    where TInput : CaseActionInput, new()
{
    public sealed override Type InputType => typeof(TInput);

    internal sealed override Task<CaseActionResult> RunAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken) =>
        RunAsync(run, (TInput)input, cancellationToken);

    protected abstract Task<CaseActionResult> RunAsync(CaseActionRun run, TInput input, CancellationToken cancellationToken);
}

/// <summary>
/// An action that records a case event: the engine accepts or refuses it (<see cref="Data.Applications.CaseStore.Append"/>);
/// whether it is offered is the engine's answer to a neutral <see cref="Probe"/> of the same event.
/// </summary>
public abstract class EventAction<TInput> : CaseAction<TInput>
    where TInput : CaseActionInput, new()
{
    public override string? Refusal(CaseProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.Check(Probe(probe));
    }

    /// <summary>The event with neutral values (a 31-page fee, a 1-day extension…) that the engine is asked about.</summary>
    protected abstract CaseEvent Probe(CaseProbe probe);

    /// <summary>The event and its history line, or null when the input lacks something (added to <see cref="CaseActionRun.Errors"/>).</summary>
    protected abstract Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, TInput input, CancellationToken cancellationToken);

    /// <summary>What else changes on the record once the engine accepted the event.</summary>
    protected virtual void Accepted(CaseActionRun run)
    {
    }

    protected sealed override async Task<CaseActionResult> RunAsync(CaseActionRun run, TInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var built = await BuildAsync(run, input, cancellationToken);
        if (run.Errors.Count > 0 || built is not { } made)
        {
            return CaseActionResult.Invalid(run.Errors);
        }

        return await run.AppendAsync(this, made.Event, made.Summary, Accepted, cancellationToken);
    }
}

/// <summary>
/// The case as the page is about to offer actions on it: <see cref="Check"/> asks the engine about an event without
/// recording it.
/// </summary>
public sealed record CaseProbe(DisclosureApplication Application, Data.Applications.ApplicationRecord Record, CaseRules Rules, DateTimeOffset Now)
{
    public Actor By { get; } = new("（检查）");

    public Actor Head { get; } = new("（检查）", ActorRole.OfficeHead);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>The engine's refusal of the event, or null when it would accept it.</summary>
    public CaseRefusal? Refuse(CaseEvent caseEvent) => Application.Check(caseEvent, Rules);

    public string? Check(CaseEvent caseEvent) => Refuse(caseEvent)?.Message;
}

/// <summary>The desk's actions, found once among the types of this assembly, in lifecycle order.</summary>
public static class CaseActionCatalog
{
    public static IReadOnlyList<CaseAction> All { get; } =
    [
        .. typeof(CaseAction).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CaseAction)) && !t.IsAbstract)
            .Select(t => (CaseAction)Activator.CreateInstance(t)!)
            .OrderBy(a => a.Order),
    ];

    /// <summary>The action a URL key or form names, or null.</summary>
    public static CaseAction? Find(string? key) => All.FirstOrDefault(a => string.Equals(a.Key, key, StringComparison.Ordinal));

    /// <summary>The action of type <typeparamref name="T"/> (for links to it).</summary>
    public static T Get<T>()
        where T : CaseAction => All.OfType<T>().Single();
}
