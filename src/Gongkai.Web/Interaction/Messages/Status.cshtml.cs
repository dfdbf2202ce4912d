using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction.Messages;

/// <summary>
/// The citizen reads their message's state and reply with the receipt code and phone, and rates the reply once
/// (好差评; a reason for the two lowest levels). Nothing is kept between requests: the rating form posts the code and
/// phone again and both are checked again. Look-ups are rate-limited like the application status look-up, and a wrong
/// code and a wrong phone get the same answer.
/// </summary>
[AllowAnonymous]
public sealed class StatusModel(GongkaiDbContext db, MessageDesk desk, PublicRateLimiter limiter) : PageModel
{
    public const string NotFoundMessage = "没有找到与该查询码和联系电话相符的留言。请核对查询码和留言时填写的联系电话后重试。";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public Satisfaction? Level { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? Error { get; private set; }

    public string? RatingError { get; private set; }

    public bool Rated { get; private set; }

    public Message? Message { get; private set; }

    public string AgencyName { get; private set; } = "";

    public Rating? Rating { get; private set; }

    public IReadOnlyList<MessageEvent> History { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await limiter.TryAcquireAsync(PublicAction.Lookup, HttpContext))
        {
            Error = "查询过于频繁，请稍等几分钟后再试。";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        await FindAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync(CancellationToken cancellationToken)
    {
        if (!await limiter.TryAcquireAsync(PublicAction.Submit, HttpContext))
        {
            RatingError = "提交过于频繁，请稍后再试。您填写的内容已保留。";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await FindAsync(cancellationToken);
            return Page();
        }

        if (!await FindAsync(cancellationToken))
        {
            return Page();
        }

        RatingError = await desk.RateAsync(Message!, Level, Reason, cancellationToken);
        if (RatingError is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Rated = true;
        await FindAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> FindAsync(CancellationToken cancellationToken)
    {
        var code = LookupKeys.Code(Code);
        var phone = LookupKeys.PhoneDigits(Phone);
        if (code.Length == 0 || phone.Length == 0)
        {
            Error = "请填写查询码和联系电话。";
            return false;
        }

        var message = await db.Messages.SingleOrDefaultAsync(m => m.ReceiptCode == code, cancellationToken);
        if (message is null || !LookupKeys.SamePhone(message.Phone, phone))
        {
            Error = NotFoundMessage;
            return false;
        }

        Message = message;
        AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == message.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        Rating = await db.Ratings.AsNoTracking().SingleOrDefaultAsync(r => r.Subject == RatedSubject.Message && r.SubjectId == message.Id, cancellationToken);
        History = await db.MessageEvents.AsNoTracking().Where(e => e.MessageId == message.Id && e.IsPublic).OrderBy(e => e.AtUtc).ToListAsync(cancellationToken);
        return true;
    }
}
