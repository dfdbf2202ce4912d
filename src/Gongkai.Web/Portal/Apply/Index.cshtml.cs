using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Web.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Apply;

/// <summary>
/// The online application form (依申请公开, 条例第二十九条): who applies with an identity document and contact, which
/// information, in what form and how to receive it. Received through <see cref="ApplicationIntake"/> as an online
/// application (received and confirmed today); errors are shown next to each field and everything typed is kept.
/// </summary>
public sealed class ApplyModel(GongkaiDbContext db, ApplicationIntake intake, PublicRateLimiter limiter, ApplicantSession session) : PageModel
{
    public static IReadOnlyList<string> PersonDocuments { get; } =
        [ApplicationIntake.IdCardType, "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "护照", "外国人永久居留身份证"];

    public static IReadOnlyList<string> OrganisationDocuments { get; } = ["统一社会信用代码", "其他证照"];

    public static IReadOnlyList<string> Forms { get; } = ["纸质文本", "电子文档"];

    public static IReadOnlyList<string> Deliveries { get; } = ["在线下载（本平台）", "电子邮件", "邮寄", "当面领取"];

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool RateLimited { get; private set; }

    [BindProperty(SupportsGet = true, Name = "agency")]
    public Guid? AgencyId { get; set; }

    [BindProperty]
    public ApplicantType? ApplicantType { get; set; }

    [BindProperty]
    public string? ApplicantName { get; set; }

    [BindProperty]
    public string? IdDocumentType { get; set; }

    [BindProperty]
    public string? IdNumber { get; set; }

    [BindProperty]
    public string? ContactPerson { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? PostalCode { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? RequestedForm { get; set; }

    [BindProperty]
    public string? DeliveryPreference { get; set; }

    public async Task OnGetAsync()
    {
        // Most applicants are private persons: the form starts there, and an organisation changes it.
        ApplicantType = Gongkai.Applications.ApplicantType.NaturalPerson;
        await LoadAgenciesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAgenciesAsync();
        var request = new IntakeRequest
        {
            AgencyId = AgencyId ?? Guid.Empty,
            ApplicantType = ApplicantType ?? (Gongkai.Applications.ApplicantType)(-1),
            ApplicantName = ApplicantName,
            IdDocumentType = IdDocumentType,
            IdNumber = IdNumber,
            ContactPerson = ContactPerson,
            Phone = Phone,
            Email = Email,
            Address = Address,
            PostalCode = PostalCode,
            Description = Description,
            RequestedForm = RequestedForm,
            DeliveryPreference = DeliveryPreference,
        };
        foreach (var (field, message) in ApplicationIntake.Validate(request, online: true))
        {
            Errors[field] = message;
        }

        CheckFormSpecifics();
        if (!Agencies.Any(a => a.Id == AgencyId))
        {
            // An address from an old guide or a bookmark can name an agency that has since closed its online channel.
            var closed = await db.Agencies.AsNoTracking().Where(a => a.Id == AgencyId).Select(a => a.Name).SingleOrDefaultAsync(HttpContext.RequestAborted);
            Errors[nameof(AgencyId)] = closed is null ? "请选择受理申请的机关。" : ApplicationIntake.NoOnlineChannel(closed);
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        // Only complete applications count against the limit: a person correcting typos is not refused.
        if (!limiter.TryAcquire(PublicAction.Submit, HttpContext))
        {
            RateLimited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var result = await intake.ReceiveAsync(request, online: true, HttpContext.RequestAborted);
        if (result.Application is not { } application)
        {
            foreach (var (field, message) in result.Errors)
            {
                Errors[field] = message;
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        session.SignIn(HttpContext, application.Id);
        return Redirect("/apply/receipt");
    }

    /// <summary>What the online form asks beyond the intake's checks: a document type that fits the applicant, the form and channel of provision.</summary>
    private void CheckFormSpecifics()
    {
        var organisation = ApplicantType is { } type && type != Gongkai.Applications.ApplicantType.NaturalPerson;
        if (string.IsNullOrWhiteSpace(IdDocumentType))
        {
            Errors.TryAdd(nameof(IdDocumentType), "请选择证件类型。");
        }
        else if (ApplicantType is not null && !(organisation ? OrganisationDocuments : PersonDocuments).Contains(IdDocumentType, StringComparer.Ordinal))
        {
            Errors.TryAdd(nameof(IdDocumentType), organisation ? "法人或其他组织请选择统一社会信用代码或其他证照。" : "自然人请选择个人身份证件。");
        }

        if (!Forms.Contains(RequestedForm ?? "", StringComparer.Ordinal))
        {
            Errors.TryAdd(nameof(RequestedForm), "请选择所需信息的提供形式。");
        }

        if (!Deliveries.Contains(DeliveryPreference ?? "", StringComparer.Ordinal))
        {
            Errors.TryAdd(nameof(DeliveryPreference), "请选择获取信息的方式。");
        }
        else if (DeliveryPreference == "邮寄" && string.IsNullOrWhiteSpace(Address))
        {
            Errors.TryAdd(nameof(Address), "选择邮寄的，请填写通信地址。");
        }
        else if (DeliveryPreference == "电子邮件" && string.IsNullOrWhiteSpace(Email))
        {
            Errors.TryAdd(nameof(Email), "选择电子邮件的，请填写电子邮箱。");
        }
    }

    private async Task LoadAgenciesAsync()
    {
        var online = 1 << (int)ReceiptChannel.Online;
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => (a.AcceptedChannels & online) != 0)
            .OrderBy(a => a.RegionId).ThenBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name })
            .ToListAsync(HttpContext.RequestAborted);
        Agencies = [.. agencies.Select(a => (a.Id, a.Name))];
    }
}
