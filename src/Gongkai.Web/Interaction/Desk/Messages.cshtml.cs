using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Interaction;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction.Desk;

/// <summary>
/// The agency's messages: those still to answer first (by due date, with the queue's marks), then the answered ones,
/// and the figures per year of receipt (received, replied, on time, average working days, satisfaction).
/// </summary>
[Authorize(Roles = InteractionRoles.Staff)]
public sealed class MessagesModel(GongkaiDbContext db, Staff staff, CaseRulesProvider rules, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Title, MessageCategory Category, DateOnly ReceivedOn, DateOnly DueOn, LetterStatus? Reply, DeadlineStatus Deadline, bool Published, Satisfaction? Rating);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<(int Year, MessageStatistics Figures)> Years { get; private set; } = [];

    public int ReplyWorkingDays { get; private set; }

    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromServices] MessageDesk desk, CancellationToken cancellationToken)
    {
        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        var today = ChinaTime.Today(clock);
        ReplyWorkingDays = await desk.ReplyWorkingDaysAsync(staff.AgencyId, cancellationToken);
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.AgencyId == staff.AgencyId)
            .OrderByDescending(m => m.SubmittedAtUtc)
            .Select(m => new
            {
                m.Id, m.Title, m.Category, m.ReceivedOn, m.DueOn, m.ReplyStatus, m.RepliedOn, Published = m.PublishedAtUtc != null,
                Rating = db.Ratings.Where(r => r.Subject == RatedSubject.Message && r.SubjectId == m.Id).Select(r => (Satisfaction?)r.Level).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows
            .Select(r => new Row(r.Id, r.Title, r.Category, r.ReceivedOn, r.DueOn, r.ReplyStatus, MessageDeadlines.Status(calendar, today, r.DueOn, r.RepliedOn), r.Published, r.Rating))
            .OrderBy(r => r.Reply == LetterStatus.Issued)
            .ThenBy(r => r.Reply == LetterStatus.Issued ? DateOnly.MaxValue.DayNumber - r.ReceivedOn.DayNumber : r.DueOn.DayNumber)
            .Take(200)];
        Years = [.. rows.GroupBy(r => r.ReceivedOn.Year).OrderByDescending(g => g.Key)
            .Select(g => (g.Key, MessageStatistics.Of(calendar, g.Select(r => new MessageFacts(r.ReceivedOn, r.DueOn, r.RepliedOn, r.Rating)))))];
    }
}
