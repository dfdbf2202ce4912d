using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Portal;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>An answer as the portal shows it: the source's kind, title, link, date and validity, and the quoted passage.</summary>
public sealed record ShownAnswer(AnswerSourceKind Kind, string Title, string Url, DateOnly? Date, Validity Validity, bool NotInForce, string Passage);

/// <summary>
/// 智能问答's sources, read for each question: published catalogue items (documents, notices, 政策解读) with their
/// validity today, published message replies (masked), and the staff's FAQ entries; ranked by <see cref="PolicyAnswers"/>.
/// Reading every source per question suits a county's few thousand items; <see cref="MaxItems"/> bounds it (the newest).
/// </summary>
public sealed class PolicyQa([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db, TimeProvider clock)
{
    /// <summary>The newest catalogue items read as sources; the newest published message replies likewise.</summary>
    public const int MaxItems = 5000;

    public static string KindLabel(AnswerSourceKind kind) => kind switch
    {
        AnswerSourceKind.CatalogItem => "公开目录",
        AnswerSourceKind.Interpretation => "政策解读",
        AnswerSourceKind.MessageReply => "留言答复",
        AnswerSourceKind.Faq => "常见问题",
        _ => kind.ToString(),
    };

    public async Task<IReadOnlyList<ShownAnswer>> AskAsync(string question, CancellationToken cancellationToken)
    {
        var sources = await SourcesAsync(cancellationToken);
        return [.. PolicyAnswers.Ask(question, sources).Select(a => new ShownAnswer(
            a.Source.Kind, a.Source.Title, Url(a.Source), a.Source.Date, a.Source.Validity, a.NotInForce, a.Passage))];
    }

    public async Task<IReadOnlyList<AnswerSource>> SourcesAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var items = await PortalQueries.Published(db)
            .Where(i => i.Mode == DisclosureMode.Proactive)
            .OrderByDescending(i => i.SearchKey)
            .Take(MaxItems)
            .Select(i => new { i.Id, i.Kind, i.Title, i.Summary, i.Body, i.PublishedOn, i.EffectiveOn, i.ExpiresOn, i.RepealedOn })
            .ToListAsync(cancellationToken);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.PublishedAtUtc != null && m.ReplyStatus == LetterStatus.Issued)
            .OrderByDescending(m => m.PublishedAtUtc)
            .Take(MaxItems)
            .Select(m => new { m.Id, m.Title, m.Reply, m.RepliedOn })
            .ToListAsync(cancellationToken);
        var faq = await db.FaqEntries.AsNoTracking()
            .Select(f => new { f.Id, f.Question, f.Answer, f.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        return
        [
            .. items.Select(i => new AnswerSource(
                i.Kind == CatalogItemKind.Interpretation ? AnswerSourceKind.Interpretation : AnswerSourceKind.CatalogItem,
                i.Id, i.Title, string.IsNullOrWhiteSpace(i.Body) ? i.Summary ?? "" : i.Body, i.PublishedOn,
                new ValidityDates(i.EffectiveOn, i.ExpiresOn, i.RepealedOn).On(today))),
            .. messages.Select(m => new AnswerSource(AnswerSourceKind.MessageReply, m.Id, MessageStates.Masked(m.Title), MessageStates.Masked(m.Reply ?? ""), m.RepliedOn, Validity.Valid)),
            .. faq.Select(f => new AnswerSource(AnswerSourceKind.Faq, f.Id, f.Question, f.Answer, Gongkai.Calendar.DateText.ChinaDate(f.CreatedAtUtc), Validity.Valid)),
        ];
    }

    public static string Url(AnswerSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind switch
        {
            AnswerSourceKind.MessageReply => $"/messages/{source.Id}",
            AnswerSourceKind.Faq => $"/interaction/ask#faq-{source.Id}",
            _ => $"/catalog/{source.Id}",
        };
    }
}
