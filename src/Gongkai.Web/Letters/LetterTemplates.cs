using Gongkai.Data;
using Gongkai.Data.Applications;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>Where a template in use comes from.</summary>
public enum TemplateSource
{
    /// <summary>The agency's own text.</summary>
    Agency,

    /// <summary>The platform default as an administrator left it.</summary>
    Platform,

    /// <summary>The text shipped with Gongkai (no row in the database yet).</summary>
    Shipped,
}

/// <summary>The template a letter is drafted from.</summary>
public sealed record EffectiveTemplate(LetterKind Kind, string Title, string Body, string? NumberPattern, TemplateSource Source);

/// <summary>
/// Templates as data: the platform default rows (agency null) and each agency's overrides, in LetterTemplates. An
/// agency's row wins over the platform's; the shipped text stands in when neither exists.
/// </summary>
public static class LetterTemplates
{
    /// <summary>The template of <paramref name="kindId"/> for an agency, or null for an unknown kind.</summary>
    public static async Task<EffectiveTemplate?> ForAsync(GongkaiDbContext db, Guid agencyId, string kindId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (LetterCatalogue.Default(kindId) is not { } shipped)
        {
            return null;
        }

        var rows = await db.LetterTemplates.AsNoTracking()
            .Where(t => t.Kind == kindId && (t.AgencyId == agencyId || t.AgencyId == null))
            .OrderBy(t => t.UpdatedAtUtc)
            .ToListAsync(cancellationToken);
        if (rows.FirstOrDefault(t => t.AgencyId == agencyId) is { } own)
        {
            return new EffectiveTemplate(shipped.Kind, own.Title, own.Body, own.NumberPattern, TemplateSource.Agency);
        }

        return rows.FirstOrDefault(t => t.AgencyId is null) is { } platform
            ? new EffectiveTemplate(shipped.Kind, platform.Title, platform.Body, platform.NumberPattern, TemplateSource.Platform)
            : new EffectiveTemplate(shipped.Kind, shipped.Title, shipped.Body, shipped.NumberPattern, TemplateSource.Shipped);
    }

    /// <summary>
    /// Adds the shipped text as the platform default for every kind that has no platform row (new kinds arrive with
    /// new versions); rows an administrator edited are left alone.
    /// </summary>
    public static async Task SeedAsync(GongkaiDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var present = await db.LetterTemplates.Where(t => t.AgencyId == null).Select(t => t.Kind).ToListAsync(cancellationToken);
        var added = false;
        foreach (var template in LetterCatalogue.Defaults.Where(d => !present.Contains(d.Kind.Id)))
        {
            db.LetterTemplates.Add(new LetterTemplateRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                AgencyId = null,
                Kind = template.Kind.Id,
                Title = template.Title,
                Body = template.Body,
                NumberPattern = template.NumberPattern,
                UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
                UpdatedBy = "（系统预置）",
            });
            added = true;
        }

        if (added)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
