using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>The fields of a consultation as staff open it.</summary>
public sealed class ConsultationInput
{
    public string? Title { get; set; }

    public DraftKind Kind { get; set; }

    public string? Description { get; set; }

    public string? DraftText { get; set; }

    /// <summary>The draft's 索引号 in this agency's published catalogue, when it is there.</summary>
    public string? DraftIndexNumber { get; set; }

    public string? OpensOn { get; set; }

    public int PeriodDays { get; set; } = ConsultationPeriods.DefaultDays;

    public PeriodUnit PeriodUnit { get; set; }

    public string? OtherChannels { get; set; }
}

/// <summary>A comment as the public writes it.</summary>
public sealed class CommentInput
{
    public string? Name { get; set; }

    public string? Contact { get; set; }

    public string? Content { get; set; }
}

/// <summary>
/// The state changes of 意见征集, each checked by the domain rules and audited in the same save: opening,
/// receiving a comment, moderating, recording adoption and publishing the feedback.
/// </summary>
public sealed class ConsultationDesk(GongkaiDbContext db, CaseRulesProvider rules, AuditLog audit, Staff staff, TimeProvider clock)
{
    /// <summary>Opens a consultation for the signed-in agency; errors by field name, or the new consultation.</summary>
    public async Task<(Consultation? Consultation, Dictionary<string, string> Errors)> OpenAsync(ConsultationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = input.Title?.Trim();
        var description = input.Description?.Trim();
        var draft = string.IsNullOrWhiteSpace(input.DraftText) ? null : input.DraftText.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            errors[nameof(input.Title)] = "请填写草案名称（不超过 200 字）。";
        }

        if (string.IsNullOrEmpty(description) || description.Length > 4000)
        {
            errors[nameof(input.Description)] = "请填写起草说明（不超过 4000 字）。";
        }

        if (!Enum.IsDefined(input.Kind))
        {
            errors[nameof(input.Kind)] = "请选择草案类别。";
        }

        if (!Enum.IsDefined(input.PeriodUnit))
        {
            errors[nameof(input.PeriodUnit)] = "请选择期限的计算方式。";
        }

        if (input.OtherChannels is { Length: > 500 })
        {
            errors[nameof(input.OtherChannels)] = "其他反馈方式不超过 500 字。";
        }

        Guid? draftItem = null;
        if (!string.IsNullOrWhiteSpace(input.DraftIndexNumber))
        {
            var number = input.DraftIndexNumber.Trim();
            draftItem = await db.CatalogItems.AsNoTracking()
                .Where(i => i.AgencyId == staff.AgencyId && i.IndexNumber == number && i.SearchKey != null)
                .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
            if (draftItem is null)
            {
                errors[nameof(input.DraftIndexNumber)] = "本机关已发布的公开目录中没有这个索引号。";
            }
        }

        if (draft is null && draftItem is null && !errors.ContainsKey(nameof(input.DraftIndexNumber)))
        {
            errors[nameof(input.DraftText)] = "请填写草案全文，或者填写已在公开目录中发布的草案的索引号。";
        }

        var today = ChinaTime.Today(clock);
        if (!DateText.TryParseIso(input.OpensOn, out var opensOn))
        {
            errors[nameof(input.OpensOn)] = "请按 2024-06-17 的格式填写开始日期。";
        }
        else if (opensOn < today)
        {
            errors[nameof(input.OpensOn)] = "开始日期不能早于今天。";
        }

        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        if (!errors.ContainsKey(nameof(input.OpensOn)) && Enum.IsDefined(input.Kind) && Enum.IsDefined(input.PeriodUnit)
            && ConsultationPeriods.Problem(calendar, input.Kind, opensOn, input.PeriodDays, input.PeriodUnit) is { } problem)
        {
            errors[nameof(input.PeriodDays)] = problem;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var consultation = new Consultation
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = staff.AgencyId,
            Title = title!,
            Kind = input.Kind,
            Description = description!,
            DraftText = draft,
            DraftItemId = draftItem,
            OpensOn = opensOn,
            PeriodDays = input.PeriodDays,
            PeriodUnit = input.PeriodUnit,
            ClosesOn = ConsultationPeriods.ClosesOn(calendar, opensOn, input.PeriodDays, input.PeriodUnit),
            OtherChannels = string.IsNullOrWhiteSpace(input.OtherChannels) ? null : input.OtherChannels.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = staff.DisplayName,
        };
        db.Consultations.Add(consultation);
        audit.Record("consultation.opened", "Consultation", consultation.Id.ToString(),
            $"发布意见征集“{consultation.Title}”，{DateText.Iso(consultation.OpensOn)} 至 {DateText.Iso(consultation.ClosesOn)}");
        await db.SaveChangesAsync(cancellationToken);
        return (consultation, errors);
    }

    /// <summary>Receives a public comment while the consultation is open; errors by field name.</summary>
    public async Task<Dictionary<string, string>> CommentAsync(Consultation consultation, CommentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var content = input.Content?.Trim();
        if (string.IsNullOrEmpty(content))
        {
            errors[nameof(input.Content)] = "请填写意见内容。";
        }
        else if (content.Length > CommentRules.MaxContentLength)
        {
            errors[nameof(input.Content)] = $"意见内容不超过 {CommentRules.MaxContentLength} 字（现有 {content.Length} 字）。";
        }

        if (input.Name is { Length: > 50 })
        {
            errors[nameof(input.Name)] = "署名不超过 50 字。";
        }

        if (input.Contact is { Length: > 100 })
        {
            errors[nameof(input.Contact)] = "联系方式不超过 100 字。";
        }

        if (Stage(consultation) != ConsultationStage.Open)
        {
            errors[""] = "本次意见征集不在征求意见期限内，不能提交意见。";
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var comment = new ConsultationComment
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            ConsultationId = consultation.Id,
            SubmittedAtUtc = clock.GetUtcNow().UtcDateTime,
            Name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim(),
            Contact = string.IsNullOrWhiteSpace(input.Contact) ? null : input.Contact.Trim(),
            Content = content!,
            Status = CommentStatus.Pending,
        };
        db.ConsultationComments.Add(comment);
        audit.Record("consultation.comment.received", "Consultation", consultation.Id.ToString(), $"收到对“{consultation.Title}”的意见", consultation.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Publishes or rejects a comment (a rejection with its reason); the problem, or null when recorded.</summary>
    public async Task<string?> ModerateAsync(Consultation consultation, Guid commentId, CommentStatus to, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var comment = await db.ConsultationComments.SingleOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == consultation.Id, cancellationToken);
        if (comment is null)
        {
            return "没有这条意见。";
        }

        if (consultation.FeedbackPublishedAtUtc is not null)
        {
            return "采纳情况反馈已经发布，不能再修改审核结果。";
        }

        if (CommentRules.ModerationProblem(to, reason) is { } problem)
        {
            return problem;
        }

        comment.Status = to;
        comment.RejectionReason = to == CommentStatus.Rejected ? reason!.Trim() : null;
        comment.Adoption = to == CommentStatus.Rejected ? null : comment.Adoption;
        comment.AdoptionReason = to == CommentStatus.Rejected ? null : comment.AdoptionReason;
        comment.ModeratedAtUtc = clock.GetUtcNow().UtcDateTime;
        comment.ModeratedBy = staff.DisplayName;
        audit.Record(to == CommentStatus.Published ? "consultation.comment.published" : "consultation.comment.rejected", "Consultation", consultation.Id.ToString(),
            to == CommentStatus.Published ? $"公开对“{consultation.Title}”的一条意见" : $"不予公开对“{consultation.Title}”的一条意见：{comment.RejectionReason}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Records what became of a published comment; the problem, or null when recorded.</summary>
    public async Task<string?> AdoptAsync(Consultation consultation, Guid commentId, Adoption adoption, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var comment = await db.ConsultationComments.SingleOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == consultation.Id, cancellationToken);
        if (comment is null)
        {
            return "没有这条意见。";
        }

        if (consultation.FeedbackPublishedAtUtc is not null)
        {
            return "采纳情况反馈已经发布，不能再修改。";
        }

        if (!Enum.IsDefined(adoption))
        {
            return "请选择采纳情况。";
        }

        if (CommentRules.AdoptionProblem(comment.Status, adoption, reason) is { } problem)
        {
            return problem;
        }

        comment.Adoption = adoption;
        comment.AdoptionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        audit.Record("consultation.comment.adoption", "Consultation", consultation.Id.ToString(),
            $"对“{consultation.Title}”的一条意见：{InteractionText.Adoption(adoption)}" + (comment.AdoptionReason is null ? "" : "，" + comment.AdoptionReason));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Publishes the feedback (采纳情况反馈) after the period, linked to the final document's item when named.</summary>
    public async Task<(string? Problem, string? Field)> PublishFeedbackAsync(Consultation consultation, string? note, string? finalIndexNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var comments = await db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id).Select(c => new { c.Status, c.Adoption }).ToListAsync(cancellationToken);
        var pending = comments.Count(c => c.Status == CommentStatus.Pending);
        var withoutAdoption = comments.Count(c => c.Status == CommentStatus.Published && c.Adoption is null);
        if (CommentRules.FeedbackProblem(Stage(consultation), pending, withoutAdoption) is { } problem)
        {
            return (problem, null);
        }

        if (string.IsNullOrWhiteSpace(note) || note.Length > 4000)
        {
            return ("请填写采纳情况说明（不超过 4000 字）。", "FeedbackNote");
        }

        Guid? finalItem = null;
        if (!string.IsNullOrWhiteSpace(finalIndexNumber))
        {
            var number = finalIndexNumber.Trim();
            finalItem = await db.CatalogItems.AsNoTracking()
                .Where(i => i.AgencyId == consultation.AgencyId && i.IndexNumber == number && i.SearchKey != null)
                .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
            if (finalItem is null)
            {
                return ("本机关已发布的公开目录中没有这个索引号。", "FinalIndexNumber");
            }
        }

        consultation.FeedbackNote = note.Trim();
        consultation.FinalItemId = finalItem;
        consultation.FeedbackPublishedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record("consultation.feedback.published", "Consultation", consultation.Id.ToString(),
            $"发布“{consultation.Title}”的意见采纳情况反馈（{comments.Count(c => c.Status == CommentStatus.Published)} 条意见）");
        await db.SaveChangesAsync(cancellationToken);
        return (null, null);
    }

    public ConsultationStage Stage(Consultation consultation)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        return ConsultationPeriods.Stage(ChinaTime.Today(clock), consultation.OpensOn, consultation.ClosesOn, consultation.FeedbackPublishedAtUtc is not null);
    }
}
