using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.Data;
using Gongkai.Tests.Data;

namespace Gongkai.Tests.Web.AnnualReports;

/// <summary>A table cell's number and the list of cases its link opens always agree.</summary>
public partial class CellLinkTests
{
    [Fact]
    public async Task Every_cell_of_tables_three_and_four_opens_exactly_the_cases_it_counts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        var page = await client.GetPageAsync("/annual-reports/2023");
        var linked = page.QuerySelectorAll("td[data-path^='table3'] a, td[data-path^='table4'] a").ToList();

        linked.Count.ShouldBeGreaterThan(150, "every cell of tables 三 and 四 links to its cases");
        var checkedNonZero = 0;
        foreach (var link in linked)
        {
            var number = int.Parse(link.TextContent.Trim(), CultureInfo.InvariantCulture);
            var queue = await client.GetPageAsync(link.GetAttribute("href")!);
            var status = queue.QuerySelector("main p[role=status]")!.TextContent;
            var total = int.Parse(Total().Match(status).Groups[1].Value, CultureInfo.InvariantCulture);
            total.ShouldBe(number, $"{link.ParentElement!.GetAttribute("data-path")} → {link.GetAttribute("href")}");
            checkedNonZero += number > 0 ? 1 : 0;
        }

        checkedNonZero.ShouldBeGreaterThan(20, "the demo year has cases in many cells");
        var granted = await client.GetPageAsync("/applications?reportYear=2023&outcome=Granted&applicantType=NaturalPerson");
        granted.QuerySelector("p.notice")!.TextContent.ShouldContain("2023年度报告 表三「（一）予以公开」自然人");
    }

    [GeneratedRegex(@"共 (\d+) 件")]
    private static partial Regex Total();
}
