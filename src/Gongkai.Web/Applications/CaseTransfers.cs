using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// A transfer as a case's history shows it: forwarded to another agency's new application (<see cref="Outgoing"/>), or
/// received from another agency's. The two cases belong to different agencies, so neither links to the other's page.
/// </summary>
public sealed record CaseTransfer(bool Outgoing, string OtherAgency, string OtherNumber, DateTime AtUtc, string ByName)
{
    public DateOnly Date => DateOnly.FromDateTime(DateText.InChina(AtUtc).DateTime);

    /// <summary>The history's name for it.</summary>
    public string Label => Outgoing ? "转送" : "转来";

    /// <summary>The history's sentence.</summary>
    public string Summary => Outgoing
        ? $"经申请人同意，转送{OtherAgency}办理（该机关申请编号 {OtherNumber}；条例第三十六条第（五）项）"
        : $"由{OtherAgency}转送（原申请编号 {OtherNumber}；条例第三十六条第（五）项），作为向本机关提出的申请办理";
}

/// <summary>What the case page offers: the competent agency the issued reply names, and why forwarding is refused now (null: it may be).</summary>
public sealed record ForwardOffer(string? AgencyName, string? Refusal)
{
    public bool Possible => Refusal is null;
}

/// <summary>
/// Forwards an application answered as not this agency's (条例第三十六条第（五）项) to the competent agency on the platform
/// as a new application there, with the applicant's consent, once (<see cref="Forwarding"/>): the applicant's data are
/// copied, the receiving agency's rule for online applications gives its receipt date, its handlers are told of a new
/// application, both cases are linked (<see cref="ApplicationLinkKind.Transfer"/>) and show it in their histories, and
/// each agency's audit log has its line.
/// </summary>
public sealed class CaseTransfers(GongkaiDbContext db, ApplicationIntake intake, AuditLog audit, Staff staff, TimeProvider clock)
{
    public const string Forwarded = "application.forwarded";
    public const string ReceivedForwarded = "application.received-forwarded";

    /// <summary>The transfers of a case, both ways, oldest first.</summary>
    public async Task<IReadOnlyList<CaseTransfer>> ForAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var links = await db.ApplicationLinks.AsNoTracking()
            .Where(l => l.Kind == ApplicationLinkKind.Transfer && (l.EarlierId == applicationId || l.LaterId == applicationId))
            .Select(l => new { l.EarlierId, l.LaterId, l.CreatedAtUtc, l.CreatedByName })
            .ToListAsync(cancellationToken);
        var otherIds = links.Select(l => l.EarlierId == applicationId ? l.LaterId : l.EarlierId).ToList();
        var others = await db.Applications.AsNoTracking().Where(a => otherIds.Contains(a.Id))
            .Join(db.Agencies, a => a.AgencyId, g => g.Id, (a, g) => new { a.Id, a.Number, Agency = g.Name })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        return [.. links
            .Select(l =>
            {
                var outgoing = l.EarlierId == applicationId;
                var other = others[outgoing ? l.LaterId : l.EarlierId];
                return new CaseTransfer(outgoing, other.Agency, other.Number, l.CreatedAtUtc, l.CreatedByName);
            })
            .OrderBy(t => t.AtUtc)];
    }

    /// <summary>Whether the case can be forwarded now, and to which agency.</summary>
    public async Task<ForwardOffer> OfferAsync(ApplicationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (target, request) = await RequestAsync(record, cancellationToken);
        return new ForwardOffer(target?.Name, Forwarding.Refusal(request));
    }

    /// <summary>
    /// Forwards the case of the staff member's agency. Returns the new application at the competent agency, or the
    /// Chinese reason nothing was forwarded (no consent, the same agency, already forwarded, no such reply).
    /// </summary>
    public async Task<(ApplicationRecord? Forwarded, string? Refusal)> ForwardAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var source = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.AgencyId == staff.AgencyId, cancellationToken);
        if (source is null || !staff.CanHandleCases)
        {
            return (null, "只有承办机关的经办人和审核人可以转送申请。");
        }

        var (competent, rule) = await RequestAsync(source, cancellationToken);
        if (Forwarding.Refusal(rule) is { } refusal || competent is not { } target)
        {
            return (null, Forwarding.Refusal(rule));
        }

        var fromAgency = await db.Agencies.AsNoTracking().Where(a => a.Id == source.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var request = new IntakeRequest
        {
            AgencyId = target.Id,
            ApplicantType = source.ApplicantType,
            ApplicantName = source.ApplicantName,
            IdDocumentType = source.IdDocumentType,
            IdNumber = source.IdNumber,
            ContactPerson = source.ContactPerson,
            Phone = source.Phone,
            Email = source.Email,
            Address = source.Address,
            PostalCode = source.PostalCode,
            Description = source.Description,
            RequestedForm = source.RequestedForm,
            DeliveryPreference = source.DeliveryPreference,
            Notify = source.Notify ?? ApplicantNotice.None,
            AgreesToForward = source.ForwardConsent == true,
        };
        var now = clock.GetUtcNow();
        IntakeResult result;
        try
        {
            result = await intake.ReceiveForwardedAsync(request, created =>
            {
                db.ApplicationLinks.Add(new ApplicationLinkRecord
                {
                    Id = Guid.CreateVersion7(now),
                    EarlierId = source.Id,
                    LaterId = created.Id,
                    Kind = ApplicationLinkKind.Transfer,
                    CreatedByName = staff.DisplayName,
                    CreatedAtUtc = now.UtcDateTime,
                });

                // The earlier case's version is the claim: of two people forwarding it at once, the second one's save fails.
                source.Version++;
                source.UpdatedAtUtc = now.UtcDateTime;
                audit.Record(Forwarded, "Application", source.Id.ToString(), $"{source.Number}：经申请人同意转送{target.Name}（该机关申请编号 {created.Number}）", source.AgencyId);
                audit.Record(ReceivedForwarded, "Application", created.Id.ToString(), $"{created.Number}：收到{fromAgency}转送的申请（原申请编号 {source.Number}）", created.AgencyId);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var again = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId, cancellationToken);
            return (null, Forwarding.Refusal((await RequestAsync(again, cancellationToken)).Request) ?? "本申请刚被他人修改，请刷新页面后重试。");
        }

        return result.Application is { } forwarded
            ? (forwarded, null)
            : (null, "转送未完成：原申请的内容不符合受理要求（" + string.Join("；", result.Errors.Values) + "），请告知申请人向该机关另行申请。");
    }

    /// <summary>The competent agency on the platform that the case's issued reply names, and the facts <see cref="Forwarding"/> decides on.</summary>
    private async Task<((Guid Id, string Name)? Target, Forwarding.Request Request)> RequestAsync(ApplicationRecord record, CancellationToken cancellationToken)
    {
        var named = await db.Letters.AsNoTracking()
            .Where(l => l.ApplicationId == record.Id && l.Kind == LetterCatalogue.NotThisAgency && l.Status == LetterStatus.Issued && l.CompetentAgencyId != null)
            .OrderByDescending(l => l.IssuedAtUtc)
            .Join(db.Agencies, l => l.CompetentAgencyId!.Value, a => a.Id, (l, a) => new { a.Id, a.Name })
            .FirstOrDefaultAsync(cancellationToken);
        var forwarded = await db.ApplicationLinks.AsNoTracking()
            .Where(l => l.Kind == ApplicationLinkKind.Transfer && l.EarlierId == record.Id)
            .Join(db.Applications, l => l.LaterId, a => a.Id, (l, a) => new { a.Number, a.AgencyId })
            .Join(db.Agencies, a => a.AgencyId, g => g.Id, (a, g) => g.Name + "（申请编号 " + a.Number + "）")
            .FirstOrDefaultAsync(cancellationToken);
        (Guid, string)? target = named is null ? null : (named.Id, named.Name);
        return (target, new Forwarding.Request(record.ForwardConsent == true, record.AgencyId, named?.Id, forwarded));
    }
}
