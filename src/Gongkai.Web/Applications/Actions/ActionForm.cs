using Gongkai.Calendar;

namespace Gongkai.Web.Applications.Actions;

public enum ActionFieldKind
{
    Date,
    Text,
    Number,
    TextArea,
    Select,
}

/// <summary>One field of an action's form, as <c>_Field.cshtml</c> draws it.</summary>
public sealed record ActionField(
    ActionForm Form, string Name, string Label, ActionFieldKind Kind, string? Fallback = null, string? Hint = null, IReadOnlyList<(string Value, string Text)>? Options = null)
{
    /// <summary>The element id: the action's key and the field, e.g. "reply-Reason".</summary>
    public string Id => Form.Action.Key + "-" + Name;

    public string? Value => Form.Value(Name, Fallback);

    public string? Error => Form.Error(Name);

    /// <summary>The ids of the hint and the error, for aria-describedby; null when there are none.</summary>
    public string? DescribedBy => Hint is null && Error is null
        ? null
        : string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.Where(x => x is not null));
}

/// <summary>
/// What an action's form partial (<see cref="CaseAction.FormPartial"/>) needs: the case, today, and the values and
/// errors of a post that was refused (only for the action that was posted).
/// </summary>
public sealed class ActionForm(CaseAction action, CaseDetails details, CaseModel page)
{
    public CaseAction Action => action;

    public CaseDetails Details => details;

    public string Today => DateText.Iso(details.Today);

    public string? Value(string field, string? fallback) => page.Value(action.Key, field, fallback);

    public string? Error(string field) => page.Error(action.Key, field);

    public ActionField Date(string name, string label, string? fallback, string? hint = null) => new(this, name, label, ActionFieldKind.Date, fallback, hint);

    public ActionField Text(string name, string label, string? fallback = null, string? hint = null) => new(this, name, label, ActionFieldKind.Text, fallback, hint);

    public ActionField Number(string name, string label, string? fallback = null, string? hint = null) => new(this, name, label, ActionFieldKind.Number, fallback, hint);

    public ActionField TextArea(string name, string label, string? fallback = null, string? hint = null) => new(this, name, label, ActionFieldKind.TextArea, fallback, hint);

    public ActionField Select(string name, string label, IEnumerable<(string Value, string Text)> options, string? fallback = null, string? hint = null) =>
        new(this, name, label, ActionFieldKind.Select, fallback, hint, [.. options]);
}
