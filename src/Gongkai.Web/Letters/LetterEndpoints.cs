using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Attachments;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>
/// JSON for the letter catalogue, the letters and attachments of an application (staff of the handling agency) and
/// the letters' sign-off: draft, submit, approve or return, issue — the same rules as the letter page
/// (<see cref="LetterDrafts"/>). JSON posts need no antiforgery token (see <see cref="ApplicationEndpoints"/>).
/// </summary>
internal static class LetterEndpoints
{
    public static IEndpointRouteBuilder MapLetters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").RequireAuthorization().WithTags("文书和附件");
        group.MapGet("/letter-kinds", GetKinds).WithSummary("文书类型：每个办理结果一种答复书，以及补正、延期、征求意见、收费通知和接收回执");
        group.MapGet("/applications/{id:guid}/letters", GetLetters).WithSummary("一件申请的文书（草稿和已签发）");
        group.MapGet("/applications/{id:guid}/attachments", GetAttachments).WithSummary("一件申请的附件");
        group.MapPost("/applications/{id:guid}/letters", Draft).WithSummary("起草文书（kind：文书类型；recipient：收件人，可选）");
        group.MapPost("/applications/{id:guid}/letters/{letterId:guid}/submit", Submit).WithSummary("提交审批（经办人）：草稿或被退回的文书");
        group.MapPost("/applications/{id:guid}/letters/{letterId:guid}/approve", Approve).WithSummary("审批同意（审核人）");
        group.MapPost("/applications/{id:guid}/letters/{letterId:guid}/return", Return).WithSummary("退回修改（审核人，reason 必填）");
        group.MapPost("/applications/{id:guid}/letters/{letterId:guid}/issue", Issue)
            .WithSummary("签发：编号、成文日期并锁定；答复书的签发即作出答复（delivery：Direct | Entrusted | Post | Electronic；邮寄的 postedOn 为交邮日期）");
        return app;
    }

    public sealed record LetterKindItem(string Id, string Label, string Audience, string? Outcome, string? NumberPattern, string Note);

    public sealed record LetterItem(
        Guid Id, string Kind, string KindLabel, string Title, string? Number, string Recipient, string Status, string StatusLabel, string? ReturnReason,
        DateOnly? IssuedOn, bool VisibleToApplicant, string PrintUrl, string DocxUrl, string PdfUrl);

    public sealed record DraftRequest(string? Kind, string? Recipient);

    public sealed record ReturnRequest(string? Reason);

    public sealed record IssueRequest(DeliveryMethod? Delivery, DateOnly? PostedOn);

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
        return TypedResults.Ok(letters.Select(Item).ToList());
    }

    private static LetterItem Item(LetterRecord l)
    {
        var url = $"/applications/{l.ApplicationId}/letters/{l.Id}";
        return new LetterItem(
            l.Id, l.Kind, LetterCatalogue.Find(l.Kind)?.Label ?? l.Kind, l.Title, l.Number, l.Recipient, LetterStates.Key(l.Status), LetterStates.Label(l.Status),
            l.Status == LetterStatus.Returned ? l.ReturnReason : null, l.IssuedOn, l.VisibleToApplicant, url + "/print", url + "/docx", url + "/pdf");
    }

    private static async Task<Results<Created<LetterItem>, NotFound, ForbidHttpResult, ValidationProblem>> Draft(
        GongkaiDbContext db, Staff staff, LetterDrafts drafts, Guid id, DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await CaseHeader.FindAsync(db, staff, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (!staff.CanHandleCases)
        {
            return TypedResults.Forbid();
        }

        var result = await drafts.DraftAsync(id, request.Kind ?? "", request.Recipient, null, cancellationToken);
        if (result.Letter is not { } letter)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Camel(result.Field!)] = [result.Error!] });
        }

        return TypedResults.Created($"/applications/{id}/letters/{letter.Id}", Item(letter));
    }

    private static Task<Results<Ok<LetterItem>, NotFound, Conflict<StepRefusal>>> Submit(
        GongkaiDbContext db, Staff staff, LetterDrafts drafts, Guid id, Guid letterId, CancellationToken cancellationToken) =>
        StepAsync(db, staff, id, letterId, letter => drafts.SubmitAsync(letter, cancellationToken), cancellationToken);

    private static Task<Results<Ok<LetterItem>, NotFound, Conflict<StepRefusal>>> Approve(
        GongkaiDbContext db, Staff staff, LetterDrafts drafts, Guid id, Guid letterId, CancellationToken cancellationToken) =>
        StepAsync(db, staff, id, letterId, letter => drafts.ApproveAsync(letter, cancellationToken), cancellationToken);

    private static Task<Results<Ok<LetterItem>, NotFound, Conflict<StepRefusal>>> Return(
        GongkaiDbContext db, Staff staff, LetterDrafts drafts, Guid id, Guid letterId, ReturnRequest request, CancellationToken cancellationToken) =>
        StepAsync(db, staff, id, letterId, letter => drafts.ReturnAsync(letter, request?.Reason, cancellationToken), cancellationToken);

    private static Task<Results<Ok<LetterItem>, NotFound, Conflict<StepRefusal>>> Issue(
        GongkaiDbContext db, Staff staff, LetterDrafts drafts, Guid id, Guid letterId, IssueRequest request, CancellationToken cancellationToken) =>
        StepAsync(db, staff, id, letterId, letter => drafts.IssueAsync(letter, request?.Delivery, request?.PostedOn, cancellationToken), cancellationToken);

    /// <summary>Why a step was not taken (a Chinese sentence); the letter is unchanged.</summary>
    public sealed record StepRefusal(string Message, string Status);

    private static async Task<Results<Ok<LetterItem>, NotFound, Conflict<StepRefusal>>> StepAsync(
        GongkaiDbContext db, Staff staff, Guid id, Guid letterId, Func<LetterRecord, Task<string?>> step, CancellationToken cancellationToken)
    {
        if (await CaseHeader.FindAsync(db, staff, id, cancellationToken) is not { } header)
        {
            return TypedResults.NotFound();
        }

        var letter = await db.Letters.SingleOrDefaultAsync(l => l.Id == letterId && l.ApplicationId == id && l.AgencyId == header.AgencyId, cancellationToken);
        if (letter is null)
        {
            return TypedResults.NotFound();
        }

        if (await step(letter) is { } refused)
        {
            await db.Entry(letter).ReloadAsync(cancellationToken);
            return TypedResults.Conflict(new StepRefusal(refused, LetterStates.Key(letter.Status)));
        }

        return TypedResults.Ok(Item(letter));
    }

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

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
