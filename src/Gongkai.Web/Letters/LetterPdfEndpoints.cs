using Gongkai.Data;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongkai.Web.Letters;

/// <summary>
/// JSON of a letter's PDF made in the background, which the letter page polls (pdf-job.js): staff of the handling
/// agency read and request it; another agency's letter is 404. The applicant's status page polls its letter page's
/// own JSON handler (<c>/status/letters/{letterId}/pdf?handler=state</c>), which knows the applicant's session.
/// </summary>
internal static class LetterPdfEndpoints
{
    public static string StaffStatusUrl(Guid applicationId, Guid letterId) => $"/api/applications/{applicationId}/letters/{letterId}/pdf";

    public static IEndpointRouteBuilder MapLetterPdfs(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").RequireAuthorization().WithTags("文书和附件");
        staff.MapGet("/applications/{id:guid}/letters/{letterId:guid}/pdf", GetStaff)
            .WithSummary("文书 PDF 的生成状态（state：none 尚未生成 | queued 排队中 | running 生成中 | done 已完成 | failed 失败；done 时 fileUrl 为下载地址）");
        staff.MapPost("/applications/{id:guid}/letters/{letterId:guid}/pdf", Request)
            .WithSummary("在后台生成文书 PDF：按文书当前内容排队；已在排队、生成中或已完成的，返回同一任务；失败的重新排队（重试）");
        return app;
    }

    private static async Task<Results<Ok<PdfJobView>, NotFound>> GetStaff(
        GongkaiDbContext db, Staff staff, LetterPdfJobs jobs, Guid id, Guid letterId, CancellationToken cancellationToken)
    {
        if (await StaffLetter.FindAsync(db, staff, id, letterId, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }

        var job = await jobs.FindAsync(letterId, found.Document, cancellationToken);
        return TypedResults.Ok(jobs.View(letterId, job, $"/applications/{id}/letters/{letterId}/pdf", StaffStatusUrl(id, letterId)));
    }

    private static async Task<Results<Accepted<PdfJobView>, Ok<PdfJobView>, NotFound>> Request(
        GongkaiDbContext db, Staff staff, LetterPdfJobs jobs, Guid id, Guid letterId, CancellationToken cancellationToken)
    {
        if (await StaffLetter.FindAsync(db, staff, id, letterId, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }

        var job = await jobs.RequestAsync(found.Letter, found.Document, staff.DisplayName, cancellationToken);
        var view = jobs.View(letterId, job, $"/applications/{id}/letters/{letterId}/pdf", StaffStatusUrl(id, letterId));
        return view.State == "done" ? TypedResults.Ok(view) : TypedResults.Accepted(StaffStatusUrl(id, letterId), view);
    }
}
