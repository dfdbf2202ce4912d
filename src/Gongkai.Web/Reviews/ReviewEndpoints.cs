using Gongkai.AnnualReports;
using Gongkai.Data;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Reviews;

/// <summary>JSON for reconsideration and lawsuit records and the table 四 they produce (for the annual-report workspace).</summary>
internal static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").RequireAuthorization().WithTags("行政复议、行政诉讼");
        group.MapGet("/reviews/table4", GetTable4)
            .WithSummary("本机关某年度的表四（政府信息公开行政复议、行政诉讼情况）及计入该年度的记录");
        group.MapGet("/applications/{id:guid}/reviews", GetForApplication)
            .WithSummary("一件申请的行政复议、行政诉讼记录");
        return app;
    }

    /// <summary>One block of table 四 (行政复议, 未经复议直接起诉, 复议后起诉) with its five counts.</summary>
    public sealed record Table4BlockCounts(string Block, string Label, int Upheld, int Corrected, int Other, int Pending, int Total);

    public sealed record ReviewItem(
        Guid Id, Guid ApplicationId, string ApplicationNumber, string Kind, string KindLabel, DateOnly FiledOn, string Result, string ResultLabel,
        DateOnly? ConcludedOn, string? Body, string? CaseNumber);

    public sealed record Table4Response(int Year, IReadOnlyList<Table4BlockCounts> Blocks, IReadOnlyList<ReviewItem> Records);

    private static async Task<Results<Ok<Table4Response>, ForbidHttpResult>> GetTable4(GongkaiDbContext db, Staff staff, TimeProvider clock, int? year, CancellationToken cancellationToken)
    {
        if (!staff.IsAgencyStaff)
        {
            return TypedResults.Forbid();
        }

        var selected = year is { } wanted && AnnualReports.ReportDeadlines.IsPlausibleYear(wanted) ? wanted : ChinaTime.Today(clock).Year;
        var (table, rows) = await Table4Query.ForAgencyAsync(db, staff.AgencyId, selected, cancellationToken);
        var blocks = Enum.GetValues<Table4Block>().Select(block => new Table4BlockCounts(
            NationalFormat.Table4BlockJsonNames[(int)block],
            NationalFormat.Table4BlockLabels[(int)block],
            Count(table, block, Table4Column.Upheld),
            Count(table, block, Table4Column.Corrected),
            Count(table, block, Table4Column.Other),
            Count(table, block, Table4Column.Pending),
            Count(table, block, Table4Column.Total))).ToList();
        var records = rows.Select(r => new ReviewItem(
            r.Id, r.ApplicationId, r.ApplicationNumber, r.Kind.ToString(), ReviewLabels.Kind(r.Kind), r.FiledOn, r.Result.ToString(), ReviewLabels.Result(r.Result),
            r.ConcludedOn, r.Body, r.CaseNumber)).ToList();
        return TypedResults.Ok(new Table4Response(selected, blocks, records));
    }

    private static async Task<Results<Ok<List<ReviewItem>>, NotFound>> GetForApplication(GongkaiDbContext db, Staff staff, Guid id, CancellationToken cancellationToken)
    {
        if (await CaseHeader.FindAsync(db, staff, id, cancellationToken) is not { } header)
        {
            return TypedResults.NotFound();
        }

        var records = await db.Reviews.AsNoTracking().Where(r => r.ApplicationId == id && r.AgencyId == header.AgencyId).OrderBy(r => r.FiledOn).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(r => new ReviewItem(
            r.Id, r.ApplicationId, header.Number, r.Kind.ToString(), ReviewLabels.Kind(r.Kind), r.FiledOn, r.Result.ToString(), ReviewLabels.Result(r.Result),
            r.ConcludedOn, r.Body, r.CaseNumber)).ToList());
    }

    private static int Count(Table4 table, Table4Block block, Table4Column column) => (int)(table[block, column].Value ?? 0);
}
