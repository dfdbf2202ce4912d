using System.Globalization;
using System.Security.Cryptography;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Numbering;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>The new application, or the problems with the request keyed by field name (Chinese, saying what to do).</summary>
public sealed record IntakeResult(ApplicationRecord? Application, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Application is not null;
}

/// <summary>Receives applications: checks them, numbers them, gives them a receipt code, starts their clock.</summary>
public sealed class ApplicationIntake(GongkaiDbContext db, TimeProvider clock, CaseRulesProvider rulesProvider, AuditLog audit, Notifications.Notifier notifier)
{
    /// <summary>The refusal of an online application to an agency that takes none, saying how to apply instead.</summary>
    public static string NoOnlineChannel(string agencyName) =>
        $"{agencyName}未开通在线申请，请按该机关的政府信息公开指南以当面、邮寄等方式提出申请。";

    /// <summary>Receipt codes avoid characters that are easy to misread (0/O, 1/I/L).</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <param name="request">What the applicant or staff entered.</param>
    /// <param name="online">Submitted by the applicant online: received today, and confirmed today unless the agency counts from its confirmation.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public Task<IntakeResult> ReceiveAsync(IntakeRequest request, bool online, CancellationToken cancellationToken = default) =>
        ReceiveAsync(request, online, forwarded: null, cancellationToken);

    /// <summary>
    /// Receives an application another agency forwards with the applicant's consent (条例第三十六条第（五）项): it arrives
    /// today through the platform, so the receiving agency's rule for online applications decides its receipt date
    /// (条例第三十一条); its fields are checked as staff-registered ones (a forwarded paper application may lack what the
    /// online form requires). <paramref name="alongside"/> runs in the transaction that stores it, before saving, so
    /// that what the forwarding records (the link, its audit line, a claim on the earlier case) is stored with it or
    /// not at all; a concurrency conflict it provokes propagates and nothing is stored.
    /// </summary>
    public Task<IntakeResult> ReceiveForwardedAsync(IntakeRequest request, Action<ApplicationRecord> alongside, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(alongside);
        request.Channel = ReceiptChannel.Online;
        request.ArrivedOn = null;
        request.ConfirmedOn = ChinaTime.Today(clock);
        return ReceiveAsync(request, online: false, alongside, cancellationToken);
    }

    private async Task<IntakeResult> ReceiveAsync(IntakeRequest request, bool online, Action<ApplicationRecord>? forwarded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = ChinaTime.Today(clock);
        var throughPlatform = online || forwarded is not null;
        var errors = IntakeValidator.Validate(request, online, today);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == request.AgencyId).Select(a => new { a.Id, a.Name, a.AcceptedChannels, a.OnlineReceipt }).SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            errors[nameof(IntakeRequest.AgencyId)] = "请选择受理申请的机关。";
        }
        else if (online && (agency.AcceptedChannels & (1 << (int)ReceiptChannel.Online)) == 0)
        {
            errors[nameof(IntakeRequest.AgencyId)] = NoOnlineChannel(agency.Name);
        }

        var (channel, arrived, confirmed) = request.ReceiptOn(today, throughPlatform, agency?.OnlineReceipt ?? OnlineReceiptRule.OnSubmission);
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
            ApplicantType = request.ApplicantType!.Value,
            ApplicantName = request.ApplicantName!.Trim(),
            IdDocumentType = request.IdDocumentType,
            IdNumber = Trim(request.IdNumber)?.ToUpperInvariant(),
            ContactPerson = Trim(request.ContactPerson),
            Phone = Trim(request.Phone),
            Email = Trim(request.Email),
            Address = Trim(request.Address),
            PostalCode = Trim(request.PostalCode),
            Description = request.Description!.Trim(),
            RequestedForm = request.RequestedForm,
            DeliveryPreference = request.DeliveryPreference,
            Notify = request.Notify,
            ForwardConsent = request.AgreesToForward,
            Channel = channel,
            ArrivedOn = arrived,
            ConfirmedOn = confirmed,
            SubmittedOnline = throughPlatform,
            CreatedAtUtc = now,
        };
        record.Refresh(record.ToCase(rules), rules, now);
        db.Applications.Add(record);
        audit.Record("application.received", "Application", record.Id.ToString(),
            $"收到{Receipt.Label(channel)}申请 {record.Number}（{agency!.Name}）", record.AgencyId);
        await notifier.ApplicationReceivedAsync(record, throughPlatform, cancellationToken);
        forwarded?.Invoke(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IntakeResult(record, new Dictionary<string, string>());
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
}
