using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction.Desk;

/// <summary>
/// One message of the agency: the question and the writer's contact, the reply through the sign-off (draft, submit,
/// approve or return with a reason, issue), publishing on the portal, transfer to another agency, the rating and the
/// history (with the agency of each line). Another agency's message is not found.
/// </summary>
[Authorize(Roles = InteractionRoles.Staff)]
public sealed class MessageModel(GongkaiDbContext db, MessageDesk desk, Staff staff, CaseRulesProvider rules, TimeProvider clock) : PageModel
{
    public sealed record Line(DateTime AtUtc, string Agency, string Text, string Actor);

    public Message Message { get; private set; } = null!;

    public Gongkai.Applications.DeadlineStatus Deadline { get; private set; }

    public Rating? Rating { get; private set; }

    public IReadOnlyList<Line> History { get; private set; } = [];

    public IReadOnlyList<PortalAgency> OtherAgencies { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>Which form the problem belongs to (reply, return, transfer, or null for the page).</summary>
    public string? ProblemForm { get; private set; }

    [BindProperty]
    public string? Reply { get; set; }

    [BindProperty]
    public string? ReturnReason { get; set; }

    [BindProperty]
    public Guid? TransferTo { get; set; }

    [BindProperty]
    public string? TransferReason { get; set; }

    public bool IsReviewer => staff.IsInRole(Data.Accounts.Roles.Reviewer);

    public bool CanHandle => staff.CanHandleCases;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Reply = Message.Reply;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, "reply", () => desk.SaveReplyAsync(Message, Reply, cancellationToken), "已保存答复草稿。", cancellationToken);

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, "reply", async () => await desk.SaveReplyAsync(Message, Reply, cancellationToken) ?? await desk.SubmitReplyAsync(Message, cancellationToken), "已提交审批。", cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, null, () => desk.ApproveAsync(Message, cancellationToken), "已审批同意。", cancellationToken);

    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, "return", () => desk.ReturnAsync(Message, ReturnReason, cancellationToken), "已退回修改。", cancellationToken);

    public async Task<IActionResult> OnPostIssueAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, null, () => desk.IssueAsync(Message, cancellationToken), "已签发答复，留言人可凭查询码查看。", cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, null, () => desk.PublishAsync(Message, cancellationToken), "已在门户网站公开。", cancellationToken);

    public async Task<IActionResult> OnPostTransferAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        var (problem, agency) = await desk.TransferAsync(Message, TransferTo, TransferReason, cancellationToken);
        if (problem is not null)
        {
            return await ShowAsync(id, "transfer", problem, cancellationToken);
        }

        TempData["Message"] = $"已将留言转办至{agency}。";
        return Redirect("/interaction/messages");
    }

    private async Task<IActionResult> ActAsync(Guid id, string? form, Func<Task<string?>> act, string done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        var problem = await act();
        if (problem is null)
        {
            TempData["Message"] = done;
            return Redirect($"/interaction/messages/{id}");
        }

        return await ShowAsync(id, form, problem, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, string? form, string problem, CancellationToken cancellationToken)
    {
        var typed = (Reply, ReturnReason, TransferTo, TransferReason);
        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        (Reply, ReturnReason, TransferTo, TransferReason) = typed;
        Problem = problem;
        ProblemForm = form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.Messages : db.Messages.AsNoTracking();
        var message = await query.SingleOrDefaultAsync(m => m.Id == id && m.AgencyId == staff.AgencyId, cancellationToken);
        if (message is null)
        {
            return false;
        }

        Message = message;
        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        Deadline = MessageDeadlines.Status(calendar, ChinaTime.Today(clock), message.DueOn, message.RepliedOn);
        Rating = await db.Ratings.AsNoTracking().SingleOrDefaultAsync(r => r.Subject == RatedSubject.Message && r.SubjectId == id, cancellationToken);
        History = await db.MessageEvents.AsNoTracking().Where(e => e.MessageId == id).OrderBy(e => e.AtUtc)
            .Select(e => new Line(e.AtUtc, db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.Name).Single(), e.Text, e.Actor))
            .ToListAsync(cancellationToken);
        OtherAgencies = [.. (await PortalQueries.AgenciesAsync(db, cancellationToken)).Where(a => a.Id != message.AgencyId)];
        return true;
    }
}
