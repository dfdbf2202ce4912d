using System.Text.RegularExpressions;

namespace Gongkai.Applications;

/// <summary>The identity document an applicant gives (条例第二十九条：申请人的身份证明).</summary>
public enum IdentityDocument
{
    /// <summary>居民身份证: the one the check-digit rule (GB 11643) applies to.</summary>
    ResidentIdCard,
    HongKongMacaoPermit,
    TaiwanPermit,
    Passport,
    ForeignPermanentResidentCard,
    UnifiedSocialCreditCode,

    /// <summary>Any other document, of a person or an organisation.</summary>
    Other,
}

/// <summary>所需政府信息的指定提供载体形式.</summary>
public enum RequestedForm
{
    Paper,
    Electronic,

    /// <summary>Either will do.</summary>
    Any,
}

/// <summary>How the applicant wants to receive the information (获取方式). Not how the reply was delivered (<see cref="DeliveryMethod"/>).</summary>
public enum DeliveryPreference
{
    /// <summary>Downloaded from this platform.</summary>
    Online,
    Email,
    Post,

    /// <summary>Collected in person at the agency.</summary>
    Collect,
    Fax,
}

/// <summary>The Chinese words of the application's choices, the same on the public form, the staff form, letters and the API.</summary>
public static class IntakeChoices
{
    public static string Label(this IdentityDocument document) => document switch
    {
        IdentityDocument.ResidentIdCard => "居民身份证",
        IdentityDocument.HongKongMacaoPermit => "港澳居民来往内地通行证",
        IdentityDocument.TaiwanPermit => "台湾居民来往大陆通行证",
        IdentityDocument.Passport => "护照",
        IdentityDocument.ForeignPermanentResidentCard => "外国人永久居留身份证",
        IdentityDocument.UnifiedSocialCreditCode => "统一社会信用代码",
        IdentityDocument.Other => "其他证件",
        _ => throw new ArgumentOutOfRangeException(nameof(document), document, null),
    };

    public static string Label(this RequestedForm form) => form switch
    {
        RequestedForm.Paper => "纸质文本",
        RequestedForm.Electronic => "电子文档",
        RequestedForm.Any => "不限",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };

    public static string Label(this DeliveryPreference delivery) => delivery switch
    {
        DeliveryPreference.Online => "在线下载（本平台）",
        DeliveryPreference.Email => "电子邮件",
        DeliveryPreference.Post => "邮寄",
        DeliveryPreference.Collect => "当面领取",
        DeliveryPreference.Fax => "传真",
        _ => throw new ArgumentOutOfRangeException(nameof(delivery), delivery, null),
    };

    /// <summary>The documents a private person gives (<see cref="IdentityDocument.Other"/> is open to both).</summary>
    public static IReadOnlyList<IdentityDocument> PersonDocuments { get; } =
    [
        IdentityDocument.ResidentIdCard, IdentityDocument.HongKongMacaoPermit, IdentityDocument.TaiwanPermit,
        IdentityDocument.Passport, IdentityDocument.ForeignPermanentResidentCard,
    ];

    /// <summary>The documents a legal person or other organisation gives.</summary>
    public static IReadOnlyList<IdentityDocument> OrganisationDocuments { get; } = [IdentityDocument.UnifiedSocialCreditCode, IdentityDocument.Other];

    /// <summary>Whether an applicant of this type can give this document.</summary>
    public static bool Fits(this IdentityDocument document, ApplicantType applicant) =>
        document == IdentityDocument.Other || (applicant == ApplicantType.NaturalPerson ? PersonDocuments : OrganisationDocuments).Contains(document);
}

/// <summary>
/// What an application says (条例第二十九条): who applies with their identity document and contact, which information,
/// in what form and how to receive it, and — for applications staff register — how and when it arrived. The one type
/// the public form, the staff registration form and <c>POST /api/applications</c> bind; <see cref="IntakeValidator"/>
/// checks it the same for all three.
/// </summary>
public sealed class IntakeRequest
{
    public Guid AgencyId { get; set; }

    public ApplicantType? ApplicantType { get; set; }

    public string? ApplicantName { get; set; }

    public IdentityDocument? IdDocumentType { get; set; }

    public string? IdNumber { get; set; }

    public string? ContactPerson { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>所需政府信息的名称、文号或者便于查询的其他特征性描述.</summary>
    public string? Description { get; set; }

    public RequestedForm? RequestedForm { get; set; }

    public DeliveryPreference? DeliveryPreference { get; set; }

    /// <summary>How the applicant agreed to be told of the progress (receipt, correction request, reply); none by default.</summary>
    public ApplicantNotice Notify { get; set; }

    /// <summary>The applicant agrees to be forwarded to the competent agency on the platform (<see cref="Forwarding"/>); no by default.</summary>
    public bool AgreesToForward { get; set; }

    /// <summary>Ignored for online submissions (always <see cref="ReceiptChannel.Online"/>).</summary>
    public ReceiptChannel Channel { get; set; }

    /// <summary>Ignored for online submissions (today).</summary>
    public DateOnly? ArrivedOn { get; set; }

    /// <summary>The confirmation date the Regulation makes the receipt date for letters, e-mail, fax and online.</summary>
    public DateOnly? ConfirmedOn { get; set; }

    /// <summary>
    /// The receipt this request describes: submitted <paramref name="today"/> when <paramref name="online"/>, and then
    /// confirmed the same day or, under <see cref="OnlineReceiptRule.OnConfirmation"/>, not yet.
    /// </summary>
    public (ReceiptChannel Channel, DateOnly Arrived, DateOnly? Confirmed) ReceiptOn(DateOnly today, bool online, OnlineReceiptRule rule = OnlineReceiptRule.OnSubmission) =>
        online
            ? (ReceiptChannel.Online, today, rule == OnlineReceiptRule.OnConfirmation ? null : today)
            : (Channel, ArrivedOn ?? today, Receipt.NeedsConfirmation(Channel) ? ConfirmedOn : null);
}

/// <summary>
/// Checks an <see cref="IntakeRequest"/>. Online (the applicant's own form or the API) the identity document, phone,
/// form and way of receiving are required; staff may register a letter that lacks them. Everything else is the same
/// for both: a document that fits the applicant, an address for post, an e-mail address for e-mail.
/// </summary>
public static partial class IntakeValidator
{
    /// <summary>The field problems of a request keyed by property name, in Chinese saying what to do; empty when it can be received.</summary>
    /// <param name="request">What the applicant or staff entered.</param>
    /// <param name="online">Submitted by the applicant online (received and confirmed <paramref name="today"/>).</param>
    /// <param name="today">The China date of receipt.</param>
    public static Dictionary<string, string> Validate(IntakeRequest request, bool online, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string field, string message) => errors.TryAdd(field, message);

        if (request.ApplicantType is not { } applicant || !Enum.IsDefined(applicant))
        {
            Add(nameof(IntakeRequest.ApplicantType), "请选择申请人类型。");
        }

        var organisation = request.ApplicantType is { } type && type != ApplicantType.NaturalPerson;
        if (string.IsNullOrWhiteSpace(request.ApplicantName))
        {
            Add(nameof(IntakeRequest.ApplicantName), organisation ? "请填写法人或其他组织的名称。" : "请填写申请人姓名。");
        }
        else if (request.ApplicantName.Trim().Length > 200)
        {
            Add(nameof(IntakeRequest.ApplicantName), "名称不能超过200个字。");
        }

        // 条例第二十九条：申请人的身份证明. Staff may register a letter that lacks it; online it is required.
        if (online && string.IsNullOrWhiteSpace(request.IdNumber))
        {
            Add(nameof(IntakeRequest.IdNumber), organisation ? "请填写统一社会信用代码或其他证照号码。" : "请填写身份证件号码。");
        }
        else if (!string.IsNullOrWhiteSpace(request.IdNumber) && (request.IdDocumentType ?? IdentityDocument.ResidentIdCard) == IdentityDocument.ResidentIdCard
                 && !organisation && !IsValidResidentId(request.IdNumber.Trim()))
        {
            Add(nameof(IntakeRequest.IdNumber), "居民身份证号码应为18位，最后一位是数字或X，请核对。");
        }

        if (request.IdDocumentType is not { } document)
        {
            if (online)
            {
                Add(nameof(IntakeRequest.IdDocumentType), "请选择证件类型。");
            }
        }
        else if (!Enum.IsDefined(document))
        {
            Add(nameof(IntakeRequest.IdDocumentType), "请选择证件类型。");
        }
        else if (request.ApplicantType is { } who && Enum.IsDefined(who) && !document.Fits(who))
        {
            Add(nameof(IntakeRequest.IdDocumentType), organisation ? "法人或其他组织请选择统一社会信用代码或其他证件。" : "自然人请选择个人身份证件。");
        }

        if (organisation && online && string.IsNullOrWhiteSpace(request.ContactPerson))
        {
            Add(nameof(IntakeRequest.ContactPerson), "请填写联系人。");
        }

        var hasPhone = !string.IsNullOrWhiteSpace(request.Phone);
        if (hasPhone && !PhonePattern().IsMatch(request.Phone!.Trim()))
        {
            Add(nameof(IntakeRequest.Phone), "请填写正确的手机号码（11位）或固定电话（如 0373-5000001）。");
        }
        else if (online && !hasPhone)
        {
            Add(nameof(IntakeRequest.Phone), "请填写联系电话：查询办理进度需要它。");
        }
        else if (!hasPhone && string.IsNullOrWhiteSpace(request.Address) && string.IsNullOrWhiteSpace(request.Email))
        {
            Add(nameof(IntakeRequest.Phone), "请至少填写一种联系方式（电话、通信地址或电子邮箱）。");
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && !EmailPattern().IsMatch(request.Email.Trim()))
        {
            Add(nameof(IntakeRequest.Email), "电子邮箱格式不正确。");
        }

        if (!string.IsNullOrWhiteSpace(request.PostalCode) && !PostalCodePattern().IsMatch(request.PostalCode.Trim()))
        {
            Add(nameof(IntakeRequest.PostalCode), "邮政编码应为6位数字。");
        }

        var description = request.Description?.Trim() ?? "";
        if (description.Length < 5)
        {
            Add(nameof(IntakeRequest.Description), "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（至少5个字）。");
        }
        else if (description.Length > 4000)
        {
            Add(nameof(IntakeRequest.Description), "信息描述不能超过4000个字；内容较多的，请分别提出申请。");
        }

        if (request.RequestedForm is { } form ? !Enum.IsDefined(form) : online)
        {
            Add(nameof(IntakeRequest.RequestedForm), "请选择所需信息的提供形式。");
        }

        if (request.DeliveryPreference is { } delivery ? !Enum.IsDefined(delivery) : online)
        {
            Add(nameof(IntakeRequest.DeliveryPreference), "请选择获取信息的方式。");
        }
        else if (request.DeliveryPreference == DeliveryPreference.Post && string.IsNullOrWhiteSpace(request.Address))
        {
            Add(nameof(IntakeRequest.Address), "选择邮寄的，请填写通信地址。");
        }
        else if (request.DeliveryPreference == DeliveryPreference.Email && string.IsNullOrWhiteSpace(request.Email))
        {
            Add(nameof(IntakeRequest.Email), "选择电子邮件的，请填写电子邮箱。");
        }

        if (request.Notify.HasFlag(ApplicantNotice.Email) && string.IsNullOrWhiteSpace(request.Email))
        {
            Add(nameof(IntakeRequest.Email), "选择通过电子邮件接收办理进度通知的，请填写电子邮箱。");
        }

        if (request.Notify.HasFlag(ApplicantNotice.Sms) && !hasPhone)
        {
            Add(nameof(IntakeRequest.Phone), "选择通过短信接收办理进度通知的，请填写手机号码。");
        }

        if (!online)
        {
            CheckReceipt(request, today, errors);
        }

        return errors;
    }

    /// <summary>GB 11643: 17 digits and a check character computed with the ISO 7064 MOD 11-2 weights.</summary>
    public static bool IsValidResidentId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 18)
        {
            return false;
        }

        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return false;
            }

            sum += (id[i] - '0') * weights[i];
        }

        return char.ToUpperInvariant(id[17]) == "10X98765432"[sum % 11];
    }

    /// <summary>条例第三十一条 for what staff register: a known channel, dates not in the future, a confirmation date exactly where one counts.</summary>
    private static void CheckReceipt(IntakeRequest request, DateOnly today, Dictionary<string, string> errors)
    {
        if (!Enum.IsDefined(request.Channel))
        {
            errors.TryAdd(nameof(IntakeRequest.Channel), "请选择收到申请的渠道。");
            return;
        }

        var (channel, arrived, confirmed) = request.ReceiptOn(today, online: false);
        if (arrived > today)
        {
            errors.TryAdd(nameof(IntakeRequest.ArrivedOn), "收到日期不能晚于今天。");
        }

        if (confirmed > today)
        {
            errors.TryAdd(nameof(IntakeRequest.ConfirmedOn), "确认日期不能晚于今天：与申请人确认收到之后再登记。");
        }

        if (!errors.ContainsKey(nameof(IntakeRequest.ArrivedOn)) && !errors.ContainsKey(nameof(IntakeRequest.ConfirmedOn)))
        {
            try
            {
                _ = Receipt.Create(channel, arrived, confirmed);
            }
            catch (CaseRuleException exception)
            {
                errors.TryAdd(nameof(IntakeRequest.ConfirmedOn), exception.Message);
            }
        }
    }

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex PostalCodePattern();
}
