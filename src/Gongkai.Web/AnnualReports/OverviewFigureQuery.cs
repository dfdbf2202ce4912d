using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Interaction;
using Gongkai.Web.Calendar;
using Gongkai.Web.Interaction;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// The year's figures of section 一 (总体情况) from what the platform holds for one agency: items published (each
/// version published in the year, proactive disclosure), per registered channel the items that went out on it plus
/// the months' counts entered, the messages' figures (<see cref="InteractionFigures"/>), consultations opened in the
/// year with their comments, ratings of applications, and the FAQ entries written in the year.
/// </summary>
public sealed class OverviewFigureQuery(GongkaiDbContext db, CaseRulesProvider rules)
{
    public async Task<OverviewFigures> ForAsync(Guid agencyId, int year, CancellationToken cancellationToken = default)
    {
        var from = new DateOnly(year, 1, 1);
        var until = new DateOnly(year, 12, 31);
        var fromUtc = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Gongkai.Calendar.DateText.ChinaOffset).UtcDateTime;
        var untilUtc = new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), Gongkai.Calendar.DateText.ChinaOffset).UtcDateTime;

        var published = db.CatalogItems.AsNoTracking()
            .Where(i => i.AgencyId == agencyId && i.Mode == DisclosureMode.Proactive && i.PublishedOn >= from && i.PublishedOn <= until);
        var portal = await published.CountAsync(cancellationToken);
        var channels = await db.PublicationChannels.AsNoTracking()
            .Where(c => c.AgencyId == agencyId && c.OpenedOn <= until)
            .OrderBy(c => c.Kind).ThenBy(c => c.Name)
            .Select(c => new
            {
                c.Kind,
                c.Name,
                FromPlatform = db.CatalogItemChannels.Count(l => l.ChannelId == c.Id && published.Any(i => i.Id == l.CatalogItemId)),
                Entered = db.ChannelMonthlyCounts.Where(m => m.ChannelId == c.Id && m.Year == year).Sum(m => (int?)m.Count) ?? 0,
            })
            .ToListAsync(cancellationToken);

        var interaction = (await InteractionFigures.ForAsync(db, rules, [agencyId], year, cancellationToken)).Single();
        var consultations = db.Consultations.AsNoTracking().Where(c => c.AgencyId == agencyId && c.OpensOn >= from && c.OpensOn <= until);
        var comments = db.ConsultationComments.AsNoTracking().Where(c => consultations.Any(k => k.Id == c.ConsultationId));
        var faq = db.FaqEntries.AsNoTracking().Where(f => f.AgencyId == agencyId && f.CreatedAtUtc >= fromUtc && f.CreatedAtUtc < untilUtc);
        return new OverviewFigures(
            year,
            portal,
            [.. channels.Select(c => new ChannelFigure(c.Kind, c.Name, c.FromPlatform, c.Entered))],
            interaction.Messages,
            await consultations.CountAsync(cancellationToken),
            await comments.CountAsync(cancellationToken),
            await comments.CountAsync(c => c.Adoption == Adoption.Adopted || c.Adoption == Adoption.PartlyAdopted, cancellationToken),
            interaction.ApplicationRatings,
            interaction.ApplicationsSatisfiedPercent,
            await faq.CountAsync(cancellationToken),
            await db.UnansweredQuestions.CountAsync(q => faq.Any(f => f.Id == q.FaqEntryId), cancellationToken));
    }
}
