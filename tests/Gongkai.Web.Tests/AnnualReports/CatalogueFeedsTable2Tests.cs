using System.Globalization;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Web.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.AnnualReports;

/// <summary>Table 二（一） in the workspace comes from the catalogue's normative documents.</summary>
public class CatalogueFeedsTable2Tests
{
    [Fact]
    public async Task The_workspace_suggests_the_catalogues_normative_document_counts_with_their_source()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        const int year = 2023;
        NormativeDocumentFigures figures;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            var agency = await db.Agencies.Where(a => a.Name == "示范县教育局").Select(a => a.Id).SingleAsync();
            figures = await scope.ServiceProvider.GetRequiredService<NormativeDocumentCounts>().For(agency, year);
        }

        figures.NormativeDocumentsInForce.ShouldBeGreaterThan(0, "the demo catalogue has normative documents in force");
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        var page = await client.GetPageAsync($"/annual-reports/{year}");

        foreach (var (field, value) in figures.ByField)
        {
            var row = page.QuerySelector($"button[value='adopt:{field}']")!.ParentElement!;
            row.TextContent.ShouldContain("建议 " + value.ToString(CultureInfo.InvariantCulture) + "（政府信息公开目录：2023年的规章和行政规范性文件");
        }
    }

    [Fact]
    public async Task An_agency_without_normative_documents_in_the_catalogue_gets_no_suggestions()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        var page = await client.GetPageAsync("/annual-reports/2023");

        page.QuerySelectorAll("button[value^='adopt:']").ShouldBeEmpty();
        page.QuerySelector("caption")!.TextContent.ShouldContain("本机关尚未在政府信息公开目录中登记规章和行政规范性文件");
    }
}
