using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Attachments;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>JSON for the letter catalogue and the letters and attachments of an application (staff of the handling agency).</summary>
internal static class LetterEndpoints
{
    public static IEndpointRouteBuilder MapLetters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").RequireAuthorization().WithTags("文书和附件");
        group.MapGet("/letter-kinds", GetKinds).WithSummary("文书类型：每个办理结果一种答复书，以及补正、延期、征求意见、收费通知和接收回执");
        group.MapGet("/applications/{id:guid}/letters", GetLetters).WithSummary("一件申请的文书（草稿和已签发）");
        group.MapGet("/applications/{id:guid}/attachments", GetAttachments).WithSummary("一件申请的附件");
        return app;
    }

    public sealed record LetterKindItem(string Id, string Label, string Audience, string? Outcome, string? NumberPattern, string Note);

    public sealed record LetterItem(
        Guid Id, string Kind, string KindLabel, string Title, string? Number, string Recipient, string Status, DateOnly? IssuedOn, bool VisibleToApplicant,
        string PrintUrl, string DocxUrl, string PdfUrl);

    public sealed record AttachmentItem(Guid Id, string Kind, string KindLabel, string FileName, string ContentType, long Size, string Sha256, bool VisibleToApplicant, DateTime UploadedAtUtc, string DownloadUrl);

    private static Ok<List<LetterKindItem>> GetKinds() => TypedResults.Ok(LetterCatalogue.Defaults
        .Select(t => new LetterKindItem(t.Kind.Id, t.Kind.Label, t.Kind.Audience.ToString(), t.Kind.Outcome?.ToString(), t.NumberPattern, t.Kind.Note))
        .ToList());

    private static async Task<Results<Ok<List<LetterItem>>, NotFound>> GetLetters(GongkaiDbContext db, Staff staff, Guid id, CancellationToken cancellationToken)
    {
        if (await CaseHeader.FindAsync(db, staff, id, cancellationToken) is not { } header)
        {
            return TypedResults.NotFound();
        }

        var letters = await db.Letters.AsNoTracking().Where(l => l.ApplicationId == id && l.AgencyId == header.AgencyId).OrderBy(l => l.CreatedAtUtc).ToListAsync(cancellationToken);
        return TypedResults.Ok(letters.Select(l =>
        {
            var url = $"/applications/{id}/letters/{l.Id}";
            return new LetterItem(
                l.Id, l.Kind, LetterCatalogue.Find(l.Kind)?.Label ?? l.Kind, l.Title, l.Number, l.Recipient,
                l.Status == LetterStatus.Approved ? "approved" : "draft", l.IssuedOn, l.VisibleToApplicant, url + "/print", url + "/docx", url + "/pdf");
        }).ToList());
    }

    private static async Task<Results<Ok<List<AttachmentItem>>, NotFound>> GetAttachments(GongkaiDbContext db, Staff staff, Guid id, CancellationToken cancellationToken)
    {
        if (await CaseHeader.FindAsync(db, staff, id, cancellationToken) is not { } header)
        {
            return TypedResults.NotFound();
        }

        var files = await db.Attachments.AsNoTracking().Where(a => a.OwnerId == id && a.AgencyId == header.AgencyId).OrderBy(a => a.UploadedAtUtc).ToListAsync(cancellationToken);
        return TypedResults.Ok(files.Select(a => new AttachmentItem(
            a.Id, a.Kind.ToString(), AttachmentUploads.Label(a.Kind), a.FileName, a.ContentType, a.Size, a.Sha256, a.VisibleToApplicant, a.UploadedAtUtc,
            $"/applications/{id}/attachments/{a.Id}")).ToList());
    }
}
