using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// Another application of the same agency shown on a case page: a likely duplicate (an earlier application of the
/// same applicant asking for similar information, <see cref="LikelyDuplicate"/>) or one a handler linked
/// (<see cref="Link"/> set; links show on both cases).
/// </summary>
public sealed record RelatedCase(Guid Id, string Number, DateOnly ArrivedOn, string Description, CaseState State, ApplicationLinkKind? Link, bool IsEarlier)
{
    /// <summary>How the case page names the relation.</summary>
    public string Relation => (Link, IsEarlier) switch
    {
        (ApplicationLinkKind.Duplicate, true) => "已关联：本申请重复该申请",
        (ApplicationLinkKind.Duplicate, false) => "已关联：该申请重复本申请",
        _ => "可能重复：同一申请人此前提出的相似申请",
    };
}

/// <summary>
/// Finds a case's related applications and links a repeated application to the earlier one. The window of days
/// within which an earlier application counts is <c>Applications:DuplicateWindowDays</c> (90 by default).
/// </summary>
public sealed class RelatedCases(GongkaiDbContext db, IConfiguration configuration, AuditLog audit, Staff staff, TimeProvider clock)
{
    /// <summary>At most this many earlier applications of the window are compared (the newest).</summary>
    private const int MaxCompared = 2000;

    public int WindowDays => configuration.GetValue<int?>("Applications:DuplicateWindowDays") is int days && days > 0 ? days : LikelyDuplicate.DefaultWindowDays;

    /// <summary>
    /// The linked applications of the agency (both ways), then the likely duplicates not linked yet, newest first.
    /// Transfers link cases of two agencies and are shown in the history instead (<see cref="CaseTransfers"/>).
    /// </summary>
    public async Task<IReadOnlyList<RelatedCase>> ForAsync(ApplicationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var links = await db.ApplicationLinks.AsNoTracking()
            .Where(l => (l.LaterId == record.Id || l.EarlierId == record.Id) && l.Kind != ApplicationLinkKind.Transfer)
            .Select(l => new { l.EarlierId, l.LaterId, l.Kind })
            .ToListAsync(cancellationToken);
        var linkedIds = links.Select(l => l.LaterId == record.Id ? l.EarlierId : l.LaterId).ToList();
        var linked = await db.Applications.AsNoTracking().Where(a => linkedIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Number, a.ArrivedOn, a.Description, a.State })
            .ToListAsync(cancellationToken);
        var result = linked
            .Select(a =>
            {
                var link = links.First(l => l.EarlierId == a.Id || l.LaterId == a.Id);
                return new RelatedCase(a.Id, a.Number, a.ArrivedOn, a.Description, a.State, link.Kind, link.EarlierId == a.Id);
            })
            .OrderByDescending(r => r.ArrivedOn)
            .ToList();
        foreach (var likely in await LikelyAsync(record, cancellationToken))
        {
            if (!linkedIds.Contains(likely.Id))
            {
                result.Add(likely);
            }
        }

        return result;
    }

    /// <summary>
    /// Links <paramref name="record"/> as a repetition of <paramref name="earlierId"/>, which must be one of its likely
    /// duplicates; audited as <c>application.linked</c>. Returns the refusal in Chinese, or null when linked.
    /// </summary>
    public async Task<string?> LinkDuplicateAsync(ApplicationRecord record, Guid earlierId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var earlier = (await LikelyAsync(record, cancellationToken)).FirstOrDefault(c => c.Id == earlierId);
        if (earlier is null)
        {
            return "只能关联同一申请人此前提出的相似申请。";
        }

        if (await db.ApplicationLinks.AnyAsync(l => l.LaterId == record.Id && l.EarlierId == earlierId, cancellationToken))
        {
            return $"本申请已与 {earlier.Number} 关联。";
        }

        db.ApplicationLinks.Add(new ApplicationLinkRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            EarlierId = earlierId,
            LaterId = record.Id,
            Kind = ApplicationLinkKind.Duplicate,
            CreatedByName = staff.DisplayName,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        audit.Record("application.linked", "Application", record.Id.ToString(), $"{record.Number}：关联为 {earlier.Number} 的重复申请", record.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<IReadOnlyList<RelatedCase>> LikelyAsync(ApplicationRecord record, CancellationToken cancellationToken)
    {
        if (record.IdNumber is null && record.Phone is null)
        {
            return [];
        }

        var window = WindowDays;
        var from = record.ArrivedOn.AddDays(-window);
        var candidates = await db.Applications.AsNoTracking()
            .Where(a => a.AgencyId == record.AgencyId && a.Id != record.Id && a.ArrivedOn >= from && a.ArrivedOn <= record.ArrivedOn
                && (a.ArrivedOn < record.ArrivedOn || a.CreatedAtUtc < record.CreatedAtUtc)
                && (a.IdNumber != null || a.Phone != null))
            .OrderByDescending(a => a.ArrivedOn).ThenByDescending(a => a.CreatedAtUtc)
            .Take(MaxCompared)
            .Select(a => new { a.Id, a.Number, a.ArrivedOn, a.Description, a.State, a.IdNumber, a.Phone })
            .ToListAsync(cancellationToken);
        var later = new DuplicateCandidate(record.IdNumber, record.Phone, record.ArrivedOn, record.Description);
        return [.. candidates
            .Where(c => LikelyDuplicate.Is(later, new DuplicateCandidate(c.IdNumber, c.Phone, c.ArrivedOn, c.Description), window))
            .Select(c => new RelatedCase(c.Id, c.Number, c.ArrivedOn, c.Description, c.State, null, IsEarlier: true))];
    }
}
