using System.Globalization;
using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Portal;
using Gongkai.Web.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>The catalogue's services and its JSON endpoints: the public search, attachment downloads and table 二（一）.</summary>
public static class CatalogEndpoints
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<CatalogPublishing>();
        services.AddScoped<CatalogImport>();
        services.AddScoped<CasePublication>();
        services.AddInboxSource<CatalogInbox>();
        services.AddScoped<NormativeDocumentCounts>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog").WithTags("主动公开目录");
        api.MapGet("/search", Search).AllowAnonymous()
            .WithSummary("检索已发布的政府信息")
            .WithDescription("按名称、文号和正文检索（中文按字和相邻两字索引，一个字和两个字的检索词均可）。结果按命中位置分层（名称、文号、正文）后按发布时间从新到旧排列；title/snippet 的 Html 字段用 <mark> 标出命中的字。总数最多统计到 1000 条（totalIsCapped 为 true 时表示超过 1000 条）。本节点检索索引建立期间返回 503（Retry-After 60 秒），error 说明建立进度。");
        api.MapGet("/table2", Table2).RequireAuthorization()
            .WithSummary("本机关年度报告表二第二十条第（一）项数据")
            .WithDescription("按目录中已发布的规章和行政规范性文件的成文日期、废止日期和有效期计算：本年制发件数、本年废止件数、现行有效件数（截至当年12月31日）。");
        app.MapGet("/catalog/files/{id:guid}", Download).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The search parameters as typed in the address bar; wrong values get a Chinese message, not a framework error.</summary>
    public sealed record SearchParameters(string? Q, string? Agency, string? Category, string? From, string? To, string? Page);

    public sealed record SearchItem(
        Guid Id,
        string Url,
        string? IndexNumber,
        string Title,
        string TitleHtml,
        string? DocumentNumber,
        string? DocumentNumberHtml,
        Guid AgencyId,
        string Agency,
        string? Topic,
        string? Genre,
        string PublishedOn,
        string SnippetHtml,
        string MatchedIn);

    public sealed record SearchResponse(string Query, int Total, bool TotalIsCapped, int Page, int PageSize, int PageCount, IReadOnlyList<SearchItem> Items);

    public sealed record SearchError(string Error);

    public sealed record Table2Response(int Year, int RulesIssued, int RulesRepealed, int RulesInForce, int NormativeDocumentsIssued, int NormativeDocumentsRepealed, int NormativeDocumentsInForce);

    /// <summary>Reads the filters of a search request; null with the message when one is wrong.</summary>
    public static (SearchRequest? Request, string? Error) ParseRequest(string? q, string? agency, string? category, string? from, string? to, string? page)
    {
        Guid? agencyId = null;
        Guid? categoryId = null;
        if (!string.IsNullOrWhiteSpace(agency))
        {
            if (!Guid.TryParse(agency, out var parsed))
            {
                return (null, "发布机构参数无效。");
            }

            agencyId = parsed;
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            if (!Guid.TryParse(category, out var parsed))
            {
                return (null, "分类参数无效。");
            }

            categoryId = parsed;
        }

        var fromDate = CatalogDates.Parse(from);
        if (!string.IsNullOrWhiteSpace(from) && fromDate is null)
        {
            return (null, $"起始日期“{from}”无效，请写成 2024-01-01 这样的格式。");
        }

        var toDate = CatalogDates.Parse(to);
        if (!string.IsNullOrWhiteSpace(to) && toDate is null)
        {
            return (null, $"截止日期“{to}”无效，请写成 2024-12-31 这样的格式。");
        }

        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            return (null, "页码应为正整数。");
        }

        return (new SearchRequest(q, agencyId, categoryId, fromDate, toDate, pageNumber), null);
    }

    private static async Task<Results<Ok<SearchResponse>, BadRequest<SearchError>, JsonHttpResult<SearchError>>> Search([AsParameters] SearchParameters parameters, CatalogSearch search, HttpResponse response, CancellationToken cancellationToken)
    {
        var (request, error) = ParseRequest(parameters.Q, parameters.Agency, parameters.Category, parameters.From, parameters.To, parameters.Page);
        if (request is null)
        {
            return TypedResults.BadRequest(new SearchError(error!));
        }

        var result = await search.SearchAsync(request, cancellationToken);
        if (result.Unavailable is { } unavailable)
        {
            // Not the request's fault: this node's search index is being built (ADR 0014); another node or a later try answers.
            response.Headers.RetryAfter = CatalogSearch.UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Json(new SearchError(unavailable), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!result.IsValid)
        {
            return TypedResults.BadRequest(new SearchError(result.Problem!));
        }

        return TypedResults.Ok(new SearchResponse(
            result.Query.Text,
            result.Total,
            result.TotalIsCapped,
            result.Page,
            result.PageSize,
            result.PageCount,
            [.. result.Items.Select(i => new SearchItem(
                i.Id, i.Url, i.IndexNumber, i.Title, i.TitleHtml, i.DocumentNumber, i.DocumentNumberHtml, i.AgencyId, i.Agency, i.Topic, i.Genre,
                DateText.Iso(i.PublishedOn), i.SnippetHtml, i.MatchedIn.ToString().ToLowerInvariant()))]));
    }

    private static async Task<Results<Ok<Table2Response>, ValidationProblem>> Table2(int? year, NormativeDocumentCounts counts, Staff staff, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (year is { } wanted && !Web.AnnualReports.ReportDeadlines.IsPlausibleYear(wanted))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["year"] = [string.Create(CultureInfo.InvariantCulture, $"年度 {wanted} 无效：应在 {Web.AnnualReports.ReportDeadlines.FirstStatuteYear} 至 2100 之间。")],
            });
        }

        var figures = await counts.For(staff.AgencyId, year ?? ChinaTime.Today(clock).Year - 1, cancellationToken);
        return TypedResults.Ok(new Table2Response(figures.Year, figures.RulesIssued, figures.RulesRepealed, figures.RulesInForce,
            figures.NormativeDocumentsIssued, figures.NormativeDocumentsRepealed, figures.NormativeDocumentsInForce));
    }

    /// <summary>
    /// A catalogue attachment: anyone may download the files of a published (or superseded) version disclosed
    /// proactively; the agency's own staff may download any of its items' files. Anything else is 404.
    /// </summary>
    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(Guid id, HttpContext context, GongkaiDbContext db, Staff staff, Attachments.IFileStore files, CancellationToken cancellationToken)
    {
        var found = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && a.Kind == AttachmentKind.Catalog)
            .Select(a => new
            {
                a.FileName,
                a.ContentType,
                a.Sha256,
                a.AgencyId,
                Item = db.CatalogItems.Where(i => i.Id == a.OwnerId).Select(i => new
                {
                    i.Status,
                    i.Mode,
                    SeriesPublished = db.CatalogItems.Any(s => s.SeriesId == i.SeriesId && s.Status == CatalogStatus.Published),
                }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found?.Item is null)
        {
            return TypedResults.NotFound();
        }

        // An earlier version's files are public only while the series has a current version (not after a withdrawal).
        var isPublic = found.Item.Mode == DisclosureMode.Proactive
            && (found.Item.Status == CatalogStatus.Published || (found.Item.Status == CatalogStatus.Superseded && found.Item.SeriesPublished));
        var isOwnStaff = staff.IsSignedIn && staff.IsAgencyStaff && staff.AgencyId == found.AgencyId;
        if (!isPublic && !isOwnStaff)
        {
            return TypedResults.NotFound();
        }

        var stream = await files.OpenAsync(found.Sha256, cancellationToken);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        // Always a download, never rendered as a page of this site.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(stream, found.ContentType, found.FileName);
    }
}
