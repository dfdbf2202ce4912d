using Gongkai.AnnualReports.Json;
using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// Annual reports as JSON (gongkai-annual-report/v1). Anyone may read published versions; staff of the agency may
/// also read the current draft. Anything not visible to the caller is 404, never 403.
/// </summary>
public static class AnnualReportEndpoints
{
    /// <summary>A published version in the list of an agency's reports.</summary>
    public sealed record PublishedReport(int Year, int Version, DateTime PublishedAtUtc, string Url);

    public static IServiceCollection AddAnnualReports(this IServiceCollection services)
    {
        services.AddScoped<CaseTableQuery>();
        services.AddScoped<AnnualReportStore>();
        services.AddScoped<OverviewFigureQuery>();
        services.AddScoped<ITable2Source, Catalog.CatalogTable2Source>();
        return services;
    }

    public static IEndpointRouteBuilder MapAnnualReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agencies/{agencyId:guid}/annual-reports")
            .WithTags("AnnualReports")
            .AllowAnonymous();
        group.MapGet("/", ListPublished)
            .WithName("ListAnnualReports")
            .WithSummary("某机关已发布的政府信息公开工作年度报告（每年度每个已发布版本）");
        group.MapGet("/{year:int}", GetReport)
            .WithName("GetAnnualReport")
            .WithSummary("某机关某年度的政府信息公开工作年度报告（gongkai-annual-report/v1 JSON）：最新发布版本；version=N 取更早的发布版本；本机关工作人员可用 draft=true 取当前草稿")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return app;
    }

    private static async Task<Results<Ok<List<PublishedReport>>, NotFound>> ListPublished(Guid agencyId, GongkaiDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Agencies.AnyAsync(a => a.Id == agencyId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var rows = await db.AnnualReports.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.Status == AnnualReportStatus.Published)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Version)
            .Select(r => new { r.Year, r.Version, r.PublishedAtUtc })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new PublishedReport(
            r.Year, r.Version, r.PublishedAtUtc!.Value, $"/api/agencies/{agencyId}/annual-reports/{r.Year}?version={r.Version}")).ToList());
    }

    private static async Task<Results<ContentHttpResult, NotFound>> GetReport(
        Guid agencyId, int year, int? version, bool? draft, AnnualReportStore store, Staff staff, CancellationToken cancellationToken)
    {
        if (draft == true)
        {
            var ownStaff = staff.IsAgencyStaff && staff.AgencyId == agencyId;
            var latest = ownStaff ? await store.LatestAsync(agencyId, year, cancellationToken) : null;
            if (latest is not { Status: AnnualReportStatus.Draft } || await store.AgencyAsync(agencyId, cancellationToken) is not { } agency)
            {
                return TypedResults.NotFound();
            }

            var current = await store.CurrentAsync(agency, year, cancellationToken);
            return TypedResults.Text(ReportJson.Serialize(current.Report), "application/json", System.Text.Encoding.UTF8);
        }

        return await store.PublishedAsync(agencyId, year, version, cancellationToken) is { } published
            ? TypedResults.Text(ReportJson.Serialize(published.Report), "application/json", System.Text.Encoding.UTF8)
            : TypedResults.NotFound();
    }
}
