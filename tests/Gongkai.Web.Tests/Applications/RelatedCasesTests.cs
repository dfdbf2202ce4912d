using System.Net;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>Likely duplicates shown to the handler with the earlier case, and linked on both cases.</summary>
public class RelatedCasesTests
{
    private const string Schools = "示范县2023年度义务教育阶段学校名单";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_repeated_application_shows_the_earlier_one_and_the_handler_links_them(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var first = await ApplicantCases.ReceiveAsync(app, description: Schools);
        app.Clock.Advance(TimeSpan.FromDays(30));
        var second = await ApplicantCases.ReceiveAsync(app, description: "请公开示范县2023年度义务教育阶段的学校名单", phone: "13900000000");
        var other = await ApplicantCases.ReceiveAsync(app, description: "示范县2023年度校舍维修项目清单");
        using var handler = await app.SignedInAsync("handler");

        var page = await handler.GetPageAsync($"/applications/{second.Id}");
        var likely = page.QuerySelectorAll("#related li[data-related=likely]");
        likely.Length.ShouldBe(1);
        likely[0].QuerySelector("a")!.GetAttribute("href").ShouldBe($"/applications/{first.Id}");
        likely[0].TextContent.ShouldContain($"{first.Number}（2024-06-17，已收到、尚未登记）可能重复：同一申请人此前提出的相似申请");
        (await handler.GetPageAsync($"/applications/{other.Id}")).QuerySelector("#related").ShouldBeNull("a different request is no duplicate");

        var refused = await handler.PostFormAsync($"/applications/{second.Id}", [new("earlierId", other.Id.ToString())], $"/applications/{second.Id}?handler=link");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await handler.GetPageAsync($"/applications/{second.Id}")).QuerySelector("main > p.notice[role=status]")!.TextContent.ShouldContain("只能关联同一申请人此前提出的相似申请。");

        var linked = await handler.PostFormAsync($"/applications/{second.Id}", [new("earlierId", first.Id.ToString())], $"/applications/{second.Id}?handler=link");
        linked.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using (var db = database.CreateContext())
        {
            var link = await db.ApplicationLinks.SingleAsync();
            link.EarlierId.ShouldBe(first.Id);
            link.LaterId.ShouldBe(second.Id);
            link.Kind.ShouldBe(ApplicationLinkKind.Duplicate);
        }

        (await app.AuditCountAsync("application.linked", second.Id.ToString(), "handler")).ShouldBe(1);
        var later = (await handler.GetPageAsync($"/applications/{second.Id}")).QuerySelectorAll("#related li");
        later.Select(l => l.GetAttribute("data-related")).ShouldBe(["linked"]);
        later[0].TextContent.ShouldContain("已关联：本申请重复该申请");
        var earlier = (await handler.GetPageAsync($"/applications/{first.Id}")).QuerySelectorAll("#related li");
        earlier.Select(l => l.GetAttribute("data-related")).ShouldBe(["linked"]);
        earlier[0].QuerySelector("a")!.GetAttribute("href").ShouldBe($"/applications/{second.Id}");
        earlier[0].TextContent.ShouldContain("已关联：该申请重复本申请");
    }

    [Fact]
    public async Task The_window_is_configured()
    {
        await using var database = await TestDatabase.CreateAsync(Gongkai.Data.DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["Applications:DuplicateWindowDays"] = "29";
        await ApplicantCases.ReceiveAsync(app, description: Schools);
        app.Clock.Advance(TimeSpan.FromDays(30));
        var second = await ApplicantCases.ReceiveAsync(app, description: Schools);
        using var handler = await app.SignedInAsync("handler");

        (await handler.GetPageAsync($"/applications/{second.Id}")).QuerySelector("#related").ShouldBeNull();
    }
}
