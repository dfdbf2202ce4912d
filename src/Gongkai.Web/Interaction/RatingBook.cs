using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>
/// The one way a rating (好差评) is recorded, for a message's reply and a disclosure application's handling alike: the
/// level and reason checked by <see cref="MessageRules.RatingProblem"/>, one rating per subject. The caller audits and
/// saves with its own change.
/// </summary>
public sealed class RatingBook(GongkaiDbContext db, TimeProvider clock)
{
    public const string AlreadyRated = "您已经评价过了。";

    /// <summary>Adds the rating to the context (not saved); the problem, or null.</summary>
    public async Task<string?> AddAsync(RatedSubject subject, Guid subjectId, Guid agencyId, Satisfaction? level, string? reason, CancellationToken cancellationToken)
    {
        if (MessageRules.RatingProblem(level, reason) is { } problem)
        {
            return problem;
        }

        if (await db.Ratings.AnyAsync(r => r.Subject == subject && r.SubjectId == subjectId, cancellationToken))
        {
            return AlreadyRated;
        }

        var now = clock.GetUtcNow();
        db.Ratings.Add(new Rating
        {
            Id = Guid.CreateVersion7(now),
            Subject = subject,
            SubjectId = subjectId,
            AgencyId = agencyId,
            Level = level!.Value,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            RatedAtUtc = now.UtcDateTime,
        });
        return null;
    }

    public Task<Rating?> FindAsync(RatedSubject subject, Guid subjectId, CancellationToken cancellationToken) =>
        db.Ratings.AsNoTracking().SingleOrDefaultAsync(r => r.Subject == subject && r.SubjectId == subjectId, cancellationToken);
}

/// <summary>What one agency's public interaction adds up to in a year, for supervision's indicator and section 一.</summary>
/// <param name="AgencyId">The agency.</param>
/// <param name="Messages">Its messages received in the year (by arrival at the agency) and their ratings.</param>
/// <param name="ApplicationRatings">Ratings of its disclosure applications given in the year.</param>
/// <param name="ApplicationsSatisfiedPercent">The share of those at 基本满意 or above, one decimal; null when none.</param>
public sealed record InteractionFigures(Guid AgencyId, MessageStatistics Messages, int ApplicationRatings, decimal? ApplicationsSatisfiedPercent)
{
    /// <summary>
    /// The figures of <paramref name="agencies"/> for <paramref name="year"/>: supervision's "public-message replies on
    /// time and satisfaction" indicator calls this (replied on time ÷ replied, and the satisfied share).
    /// </summary>
    public static async Task<IReadOnlyList<InteractionFigures>> ForAsync(GongkaiDbContext db, CaseRulesProvider rules, IReadOnlyCollection<Guid> agencies, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(agencies);
        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        var from = new DateOnly(year, 1, 1);
        var until = new DateOnly(year, 12, 31);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => agencies.Contains(m.AgencyId) && m.ReceivedOn >= from && m.ReceivedOn <= until)
            .Select(m => new
            {
                m.AgencyId, m.ReceivedOn, m.DueOn, m.RepliedOn,
                Rating = db.Ratings.Where(r => r.Subject == RatedSubject.Message && r.SubjectId == m.Id).Select(r => (Satisfaction?)r.Level).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var fromUtc = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Gongkai.Calendar.DateText.ChinaOffset).UtcDateTime;
        var untilUtc = new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), Gongkai.Calendar.DateText.ChinaOffset).UtcDateTime;
        var ratings = await db.Ratings.AsNoTracking()
            .Where(r => r.Subject == RatedSubject.Application && agencies.Contains(r.AgencyId) && r.RatedAtUtc >= fromUtc && r.RatedAtUtc < untilUtc)
            .Select(r => new { r.AgencyId, r.Level })
            .ToListAsync(cancellationToken);
        return [.. agencies.Select(agency =>
        {
            var own = ratings.Where(r => r.AgencyId == agency).ToList();
            return new InteractionFigures(
                agency,
                MessageStatistics.Of(calendar, messages.Where(m => m.AgencyId == agency).Select(m => new MessageFacts(m.ReceivedOn, m.DueOn, m.RepliedOn, m.Rating))),
                own.Count,
                own.Count == 0 ? null : Math.Round(100m * own.Count(r => r.Level >= Satisfaction.Basic) / own.Count, 1, MidpointRounding.AwayFromZero));
        })];
    }
}
