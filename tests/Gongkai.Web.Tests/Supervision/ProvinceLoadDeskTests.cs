using Gongkai.Applications;
using Gongkai.ProvinceLoad;
using Gongkai.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// The staff and portal pages bench/province-load.sh measures answer on what the generator made: every generated case
/// is a receipt and a history the case engine accepts (the queues replay each row), the large agency's workspace
/// counts its cases, and a generated item has its portal page.
/// </summary>
public class ProvinceLoadDeskTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_generated_case_replays_in_the_queues_and_the_workspace_and_item_page_answer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var shape = ProvinceShape.Tiny(new DateOnly(2026, 12, 3));
        await new ProvinceGenerator(database.Options, shape, TextWriter.Null).GenerateAsync();
        await using (var db = database.CreateContext())
        {
            // Only the channels whose receipt date is a confirmation date have one (in person and signed-for post do not).
            (await db.Applications.CountAsync(a => a.ConfirmedOn != null)).ShouldBe(419);
            (await db.Applications.CountAsync(a => a.ConfirmedOn == null && (a.Channel == ReceiptChannel.InPerson || a.Channel == ReceiptChannel.PostWithSignature))).ShouldBe(181);
            (await db.ApplicationEvents.CountAsync(e => e.Kind == nameof(CaseEventKind.Registered))).ShouldBe(54);
            (await db.ApplicationEvents.CountAsync(e => e.Kind == nameof(CaseEventKind.CorrectionReceived))).ShouldBe(24);
        }

        await using var app = new GongkaiApp(database, demo: false, clock: new TestClock(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero)));
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler", ProvinceGenerator.Password);
        var queue = await handler.GetPageAsync("/applications");
        queue.QuerySelector("p[role=status]")!.TextContent.ShouldStartWith("共 88 件，第 1/5 页。");
        for (var page = 2; page <= 5; page++)
        {
            (await handler.GetPageAsync($"/applications?page={page}")).QuerySelectorAll("table.queue tbody tr").Length.ShouldBe(page < 5 ? 20 : 8);
        }

        var workspace = await handler.GetPageAsync("/annual-reports/2025");
        workspace.QuerySelector("td[data-path='table3.newReceived.total']")!.TextContent.Trim().ShouldBe("31");

        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor", ProvinceGenerator.Password);
        for (var page = 1; page <= 30; page++)
        {
            (await supervisor.GetPageAsync($"/supervision/applications?page={page}")).QuerySelectorAll("tbody tr").Length.ShouldBe(20);
        }

        using var anonymous = app.CreateBrowserClient();
        (await anonymous.GetPageAsync($"/catalog/{ProvinceGenerator.Id(20, 0)}")).QuerySelector("h1")!.TextContent.Trim().ShouldBe("关于印发第0号工作方案的通知");
        app.Errors.Count.ShouldBe(0);
    }
}
