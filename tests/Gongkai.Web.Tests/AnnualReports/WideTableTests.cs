using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;

namespace Gongkai.Tests.Web.AnnualReports;

/// <summary>Wide tables scroll sideways inside their own box on a narrow screen, instead of widening the page.</summary>
public class WideTableTests
{
    [Fact]
    public async Task The_report_tables_and_the_case_queues_sit_in_a_sideways_scrolling_box()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await app.SignedInAsync("handler");
        using var supervisor = await app.SignedInAsync("supervisor");

        var workspace = await handler.GetPageAsync("/annual-reports/2023");
        foreach (var id in new[] { "table2-entry", "table3", "table4" })
        {
            workspace.GetElementById(id)!.ParentElement!.ClassName.ShouldBe("table-scroll", id);
        }

        (await handler.GetPageAsync("/applications")).QuerySelector("table.queue")!.ParentElement!.ClassName.ShouldBe("table-scroll");
        (await supervisor.GetPageAsync("/supervision/applications")).QuerySelector("table.queue")!.ParentElement!.ClassName.ShouldBe("table-scroll");
        (await handler.GetStringAsync(new Uri("/css/site.css", UriKind.Relative))).ShouldContain(".table-scroll { overflow-x: auto; }");
    }
}
