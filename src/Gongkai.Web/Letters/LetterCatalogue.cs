using System.Text.Json;
using Gongkai.Applications;

namespace Gongkai.Web.Letters;

/// <summary>To whom a kind of letter is addressed; decides the default addressee and whether the applicant sees it.</summary>
public enum LetterAudience
{
    Applicant,
    ThirdParty,
    OtherAgency,
}

/// <summary>
/// A kind of letter: a reply for one table 三 outcome (<see cref="Outcome"/> set) or a procedural notice. Ids are
/// stable ("Reply.Granted", "Correction", …): templates and letters refer to them.
/// </summary>
/// <param name="Id">Stable identifier, stored in templates and letters.</param>
/// <param name="Label">Chinese name for lists, e.g. "补正告知书" or "答复 ·（一）予以公开".</param>
/// <param name="Audience">The addressee.</param>
/// <param name="Outcome">For replies, the outcome the letter announces.</param>
/// <param name="Remedy">The remedy clause {救济途径} stands for, or null for procedural notices (no remedy clause).</param>
/// <param name="Note">The legal content the letter must carry, for staff and administrators.</param>
public sealed record LetterKind(string Id, string Label, LetterAudience Audience, Outcome? Outcome, string? Remedy, string Note)
{
    public bool IsReply => Outcome is not null;
}

/// <summary>A platform default template: title and body with placeholders, and how its letters are numbered.</summary>
public sealed record DefaultTemplate(LetterKind Kind, string Title, string Body, string? NumberPattern);

/// <summary>
/// The kinds of letter and their platform default texts, read once from the embedded
/// <c>Letters/DefaultTemplates.json</c> (the one place the default wording lives). Invariant: every
/// <see cref="Outcome"/> has its reply template named after it (<see cref="ReplyKind"/>; an outcome may have a second,
/// e.g. <see cref="NotThisAgency"/>), and kind ids are unique.
/// </summary>
public static class LetterCatalogue
{
    public const string ReplyPrefix = "Reply.";
    public const string FeeNotice = "FeeNotice";
    public const string Receipt = "Receipt";

    /// <summary>
    /// The reply that the information is not this agency's to disclose and which agency's it is (条例第三十六条第（五）项):
    /// a second reply kind of <see cref="Outcome.UnableNotHeld"/>, the one a case can be forwarded after.
    /// </summary>
    public const string NotThisAgency = "Reply.NotThisAgency";

    private const string ResourceName = "Gongkai.Web.Letters.DefaultTemplates.json";

    private static readonly Lazy<(IReadOnlyList<DefaultTemplate> Templates, IReadOnlyDictionary<string, string> Remedies)> Loaded = new(Load);

    public static IReadOnlyList<DefaultTemplate> Defaults => Loaded.Value.Templates;

    public static IReadOnlyList<LetterKind> Kinds => [.. Defaults.Select(t => t.Kind)];

    /// <summary>The remedy clauses by name ("Either", "ReconsiderationFirst", "PartlyReconsiderationFirst").</summary>
    public static IReadOnlyDictionary<string, string> Remedies => Loaded.Value.Remedies;

    public static string ReplyKind(Outcome outcome) => ReplyPrefix + outcome;

    public static LetterKind? Find(string? id) => Defaults.FirstOrDefault(t => string.Equals(t.Kind.Id, id, StringComparison.Ordinal))?.Kind;

    public static DefaultTemplate? Default(string? id) => Defaults.FirstOrDefault(t => string.Equals(t.Kind.Id, id, StringComparison.Ordinal));

    private static (IReadOnlyList<DefaultTemplate>, IReadOnlyDictionary<string, string>) Load()
    {
        using var stream = typeof(LetterCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from the build.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var remedies = root.GetProperty("remedies").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var templates = new List<DefaultTemplate>();
        foreach (var item in root.GetProperty("templates").EnumerateArray())
        {
            var id = item.GetProperty("kind").GetString()!;
            // A reply kind is named after its outcome, unless it says which outcome it answers with (a second kind of one outcome).
            Outcome? outcome = !id.StartsWith(ReplyPrefix, StringComparison.Ordinal) ? null
                : item.TryGetProperty("outcome", out var named) ? Enum.Parse<Outcome>(named.GetString()!)
                : Enum.Parse<Outcome>(id[ReplyPrefix.Length..]);
            var label = outcome is { } o
                ? "答复 · " + Outcomes.Get(o).Label + (item.TryGetProperty("variant", out var variant) ? "（" + variant.GetString() + "）" : "")
                : item.GetProperty("label").GetString()!;
            var remedy = item.GetProperty("remedy").GetString();
            if (remedy is not null && !remedies.ContainsKey(remedy))
            {
                throw new InvalidOperationException($"Letter template {id} names an unknown remedy '{remedy}'.");
            }

            var kind = new LetterKind(
                id, label, Enum.Parse<LetterAudience>(item.GetProperty("audience").GetString()!), outcome, remedy, item.GetProperty("note").GetString()!);
            var body = string.Join('\n', item.GetProperty("body").EnumerateArray().Select(line => line.GetString()));
            templates.Add(new DefaultTemplate(kind, item.GetProperty("title").GetString()!, body, item.GetProperty("numberPattern").GetString()));
        }

        var duplicate = templates.GroupBy(t => t.Kind.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Letter template {duplicate.Key} is defined twice.");
        }

        var missing = Enum.GetValues<Outcome>().Where(o => templates.All(t => t.Kind.Id != ReplyKind(o))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("No reply template for " + string.Join(", ", missing));
        }

        return (templates, remedies);
    }
}
