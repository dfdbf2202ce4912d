using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Gongkai.Web.Work;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>
/// 工作台's messages (留言) of the reader's agency: for handlers, those still to be answered (no reply, a draft, a
/// returned or an approved reply not yet issued) by due date with the queue's marks; for the reviewer, replies
/// submitted for approval.
/// </summary>
public sealed class MessageInbox(GongkaiDbContext db, Staff staff, CaseRulesProvider rules, TimeProvider clock) : IInboxSource
{
    public async Task<IReadOnlyList<InboxSection>> SectionsAsync(CancellationToken cancellationToken)
    {
        var sections = new List<InboxSection>();
        if (staff.IsInRole(Roles.Reviewer))
        {
            sections.Add(await SectionAsync("message-replies-to-approve", "待审批的留言答复", AwaitingApproval(), "没有等待审批的留言答复。", 25, cancellationToken));
        }

        if (staff.CanHandleCases)
        {
            sections.Add(await SectionAsync("messages-to-answer", "待答复的留言", ToAnswer(), "没有待答复的留言。", 45, cancellationToken));
        }

        return sections;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        (staff.IsInRole(Roles.Reviewer) ? await AwaitingApproval().CountAsync(cancellationToken) : 0)
        + (staff.CanHandleCases ? await ToAnswer().CountAsync(cancellationToken) : 0);

    private IQueryable<Message> Mine() => db.Messages.AsNoTracking().Where(m => m.AgencyId == staff.AgencyId);

    private IQueryable<Message> AwaitingApproval() => Mine().Where(m => m.ReplyStatus == LetterStatus.Submitted);

    private IQueryable<Message> ToAnswer() => Mine().Where(m => m.ReplyStatus == null
        || m.ReplyStatus == LetterStatus.Draft || m.ReplyStatus == LetterStatus.Returned || m.ReplyStatus == LetterStatus.Approved);

    private async Task<InboxSection> SectionAsync(string id, string title, IQueryable<Message> query, string empty, int order, CancellationToken cancellationToken)
    {
        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(m => m.DueOn).ThenBy(m => m.SubmittedAtUtc)
            .Select(m => new { m.Id, m.Title, m.Category, m.DueOn, m.ReplyStatus, m.ReturnReason, m.SubmittedByName })
            .Take(InboxSources.ListLength)
            .ToListAsync(cancellationToken);
        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        var today = ChinaTime.Today(clock);
        var entries = rows.Select(r =>
        {
            var badge = CaseLabels.Badge(MessageDeadlines.Status(calendar, today, r.DueOn, null));
            var detail = r.ReplyStatus switch
            {
                null => InteractionText.Category(r.Category) + " · 尚未起草答复",
                LetterStatus.Returned => "答复被退回：" + r.ReturnReason,
                LetterStatus.Submitted => "提交人：" + r.SubmittedByName,
                { } status => InteractionText.Category(r.Category) + " · 答复" + LetterStates.Label(status),
            };
            return new InboxEntry($"/interaction/messages/{r.Id}", r.Title, detail, "答复期限 " + DateText.Iso(r.DueOn), (badge.Text, badge.CssClass));
        }).ToList();
        return new InboxSection(id, title, count, entries, empty, "/interaction/messages", order);
    }
}
