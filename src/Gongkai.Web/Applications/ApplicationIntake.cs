using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Numbering;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// What an application says (条例第二十九条): who applies with their identity document and contact, which information,
/// in what form. Used by the staff registration form, the public online form and POST /api/applications.
/// </summary>
public sealed class IntakeRequest
{
    public Guid AgencyId { get; set; }

    public ApplicantType ApplicantType { get; set; }

    public string? ApplicantName { get; set; }

    public string? IdDocumentType { get; set; }

    public string? IdNumber { get; set; }

    public string? ContactPerson { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public string? PostalCode { get; set; }

    public string? Description { get; set; }

    public string? RequestedForm { get; set; }

    public string? DeliveryPreference { get; set; }

    /// <summary>Ignored for online submissions (always <see cref="ReceiptChannel.Online"/>).</summary>
    public ReceiptChannel Channel { get; set; }

    /// <summary>Ignored for online submissions (today).</summary>
    public DateOnly? ArrivedOn { get; set; }

    /// <summary>The confirmation date the Regulation makes the receipt date for letters, e-mail, fax and online.</summary>
    public DateOnly? ConfirmedOn { get; set; }
}

/// <summary>The new application, or the problems with the request keyed by field name (Chinese, saying what to do).</summary>
public sealed record IntakeResult(ApplicationRecord? Application, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Application is not null;
}

/// <summary>Receives applications: checks them, numbers them, gives them a receipt code, starts their clock.</summary>
public sealed partial class ApplicationIntake(GongkaiDbContext db, TimeProvider clock, CaseRulesProvider rulesProvider, AuditLog audit)
{
    /// <summary>The refusal of an online application to an agency that takes none, saying how to apply instead.</summary>
    public static string NoOnlineChannel(string agencyName) =>
        $"{agencyName}未开通在线申请，请按该机关的政府信息公开指南以当面、邮寄等方式提出申请。";

    /// <summary>Receipt codes avoid characters that are easy to misread (0/O, 1/I/L).</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const string IdCardType = "居民身份证";

    /// <param name="request">What the applicant or staff entered.</param>
    /// <param name="online">Submitted by the applicant online: received (and confirmed) today.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IntakeResult> ReceiveAsync(IntakeRequest request, bool online, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Validate(request, online);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == request.AgencyId).Select(a => new { a.Id, a.Name, a.AcceptedChannels }).SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            errors[nameof(IntakeRequest.AgencyId)] = "请选择受理申请的机关。";
        }
        else if (online && (agency.AcceptedChannels & (1 << (int)ReceiptChannel.Online)) == 0)
        {
            errors[nameof(IntakeRequest.AgencyId)] = NoOnlineChannel(agency.Name);
        }

        var today = ChinaTime.Today(clock);
        var channel = online ? ReceiptChannel.Online : request.Channel;
        var arrived = online ? today : request.ArrivedOn ?? today;
        var confirmed = online ? today : Receipt.NeedsConfirmation(channel) ? request.ConfirmedOn : null;
        if (!online && arrived > today)
        {
            errors[nameof(IntakeRequest.ArrivedOn)] = "收到日期不能晚于今天。";
        }

        if (!online && confirmed > today)
        {
            errors[nameof(IntakeRequest.ConfirmedOn)] = "确认日期不能晚于今天：与申请人确认收到之后再登记。";
        }

        if (!errors.ContainsKey(nameof(IntakeRequest.ArrivedOn)) && !errors.ContainsKey(nameof(IntakeRequest.ConfirmedOn)))
        {
            try
            {
                _ = Receipt.Create(channel, arrived, confirmed);
            }
            catch (CaseRuleException exception)
            {
                errors[nameof(IntakeRequest.ConfirmedOn)] = exception.Message;
            }
        }

        if (errors.Count > 0)
        {
            return new IntakeResult(null, errors);
        }

        var rules = await rulesProvider.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        // Numbered in the transaction that stores it: concurrent submissions to one agency take turns on the counter
        // (queueing in memory first), and one that fails gives its number back (docs/adr/0007-numbering-and-durability.md).
        var series = NumberSeries.Applications(arrived.Year);
        using var turn = await NumberCounters.QueueAsync(request.AgencyId, series, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var serial = await NumberCounters.TakeAsync(db, request.AgencyId, series, cancellationToken: cancellationToken);
        var record = new ApplicationRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = request.AgencyId,
            Number = arrived.Year.ToString(CultureInfo.InvariantCulture) + "-" + serial.ToString("D4", CultureInfo.InvariantCulture),
            ReceiptCode = NewReceiptCode(),
            ApplicantType = request.ApplicantType,
            ApplicantName = request.ApplicantName!.Trim(),
            IdDocumentType = Trim(request.IdDocumentType),
            IdNumber = Trim(request.IdNumber)?.ToUpperInvariant(),
            ContactPerson = Trim(request.ContactPerson),
            Phone = Trim(request.Phone),
            Email = Trim(request.Email),
            Address = Trim(request.Address),
            PostalCode = Trim(request.PostalCode),
            Description = request.Description!.Trim(),
            RequestedForm = Trim(request.RequestedForm),
            DeliveryPreference = Trim(request.DeliveryPreference),
            Channel = channel,
            ArrivedOn = arrived,
            ConfirmedOn = confirmed,
            SubmittedOnline = online,
            CreatedAtUtc = now,
        };
        record.Refresh(record.ToCase(rules), rules, now);
        db.Applications.Add(record);
        audit.Record("application.received", "Application", record.Id.ToString(),
            $"收到{Receipt.Label(channel)}申请 {record.Number}（{agency!.Name}）", record.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IntakeResult(record, new Dictionary<string, string>());
    }

    /// <summary>The field problems of a request, in Chinese; empty when it can be received.</summary>
    public static Dictionary<string, string> Validate(IntakeRequest request, bool online)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Enum.IsDefined(request.ApplicantType))
        {
            errors[nameof(IntakeRequest.ApplicantType)] = "请选择申请人类型。";
        }

        var organisation = request.ApplicantType != ApplicantType.NaturalPerson;
        if (string.IsNullOrWhiteSpace(request.ApplicantName))
        {
            errors[nameof(IntakeRequest.ApplicantName)] = organisation ? "请填写法人或其他组织的名称。" : "请填写申请人姓名。";
        }
        else if (request.ApplicantName.Trim().Length > 200)
        {
            errors[nameof(IntakeRequest.ApplicantName)] = "名称不能超过200个字。";
        }

        // 条例第二十九条：申请人的身份证明. Staff may register a letter that lacks it; online it is required.
        if (online && string.IsNullOrWhiteSpace(request.IdNumber))
        {
            errors[nameof(IntakeRequest.IdNumber)] = organisation ? "请填写统一社会信用代码或其他证照号码。" : "请填写身份证件号码。";
        }
        else if (!string.IsNullOrWhiteSpace(request.IdNumber) && (request.IdDocumentType ?? IdCardType) == IdCardType && !organisation
                 && !IsValidResidentId(request.IdNumber.Trim()))
        {
            errors[nameof(IntakeRequest.IdNumber)] = "居民身份证号码应为18位，最后一位是数字或X，请核对。";
        }

        if (organisation && online && string.IsNullOrWhiteSpace(request.ContactPerson))
        {
            errors[nameof(IntakeRequest.ContactPerson)] = "请填写联系人。";
        }

        var hasPhone = !string.IsNullOrWhiteSpace(request.Phone);
        if (hasPhone && !PhonePattern().IsMatch(request.Phone!.Trim()))
        {
            errors[nameof(IntakeRequest.Phone)] = "请填写正确的手机号码（11位）或固定电话（如 0373-5000001）。";
        }
        else if (online && !hasPhone)
        {
            errors[nameof(IntakeRequest.Phone)] = "请填写联系电话：查询办理进度需要它。";
        }
        else if (!hasPhone && string.IsNullOrWhiteSpace(request.Address) && string.IsNullOrWhiteSpace(request.Email))
        {
            errors[nameof(IntakeRequest.Phone)] = "请至少填写一种联系方式（电话、通信地址或电子邮箱）。";
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && !EmailPattern().IsMatch(request.Email.Trim()))
        {
            errors[nameof(IntakeRequest.Email)] = "电子邮箱格式不正确。";
        }

        if (!string.IsNullOrWhiteSpace(request.PostalCode) && !PostalCodePattern().IsMatch(request.PostalCode.Trim()))
        {
            errors[nameof(IntakeRequest.PostalCode)] = "邮政编码应为6位数字。";
        }

        var description = request.Description?.Trim() ?? "";
        if (description.Length < 5)
        {
            errors[nameof(IntakeRequest.Description)] = "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（至少5个字）。";
        }
        else if (description.Length > 4000)
        {
            errors[nameof(IntakeRequest.Description)] = "信息描述不能超过4000个字；内容较多的，请分别提出申请。";
        }

        if (!online && !Enum.IsDefined(request.Channel))
        {
            errors[nameof(IntakeRequest.Channel)] = "请选择收到申请的渠道。";
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

    public static string NewReceiptCode()
    {
        Span<char> code = stackalloc char[10];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return new string(code);
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex PostalCodePattern();
}
