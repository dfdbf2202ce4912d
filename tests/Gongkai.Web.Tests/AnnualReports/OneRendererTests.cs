using AngleSharp.Html.Parser;
using Gongkai.AnnualReports;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;

namespace Gongkai.Tests.Web.AnnualReports;

/// <summary>
/// The national tables are drawn once, by the domain's renderer: the workspace, supervision and the portal show the
/// same fragments as the standalone document, with only the page's links and finding marks added.
/// </summary>
public class OneRendererTests
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task The_tables_the_workspace_shows_are_the_tables_of_the_standalone_document()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await app.SignedInAsync("handler");

        var workspace = await handler.GetPageAsync("/annual-reports/2023");
        var standalone = Parser.ParseDocument(await handler.GetStringAsync(new Uri("/annual-reports/2023/export/html", UriKind.Relative)));

        foreach (var table in new[] { ReportTable.Table3, ReportTable.Table4 })
        {
            var shown = workspace.GetElementById($"table{(int)table}")!.ParentElement!;
            shown.QuerySelectorAll("a").Length.ShouldBeGreaterThan(0, "value cells link to the cases they count");
            shown.QuerySelectorAll(".flag-mark").Length.ShouldBe(0, "the demo's tables have no findings");
            foreach (var link in shown.QuerySelectorAll("a").ToArray())
            {
                link.Replace(workspace.CreateTextNode(link.TextContent));
            }

            shown.OuterHtml.ShouldBe(standalone.GetElementById($"table{(int)table}")!.ParentElement!.OuterHtml);
        }
    }
}
