using System.Net;
using System.Net.Http.Json;
using Gongkai.Applications;
using Gongkai.Catalog;
using Gongkai.Data.Catalog;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Letters;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Work;

public class WorkInboxTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_role_finds_its_waiting_work_on_the_work_page_and_its_count_in_the_navigation(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var application = await LetterApprovalTests.RegisteredAsync(app);
        var corrected = await ApplicantCases.ReceiveAsync(app, description: "示范县2023年度校舍维修项目清单");
        await ApplicantCases.AppendAsync(
            app,
            corrected.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new CorrectionRequested(at, ApplicantCases.Handler, new DateOnly(2024, 6, 28), "请写明学校范围。"),
            at => new CorrectionReceived(at, new Actor("申请人", ActorRole.Applicant)));
        using var handler = await app.SignedInAsync("handler");
        using var reviewer = await app.SignedInAsync("reviewer");
        var letter = await LetterApprovalTests.DraftAsync(handler, application, "Reply.Granted");
        (await handler.PostFormAsync(letter, [], letter + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var reviewerPage = await reviewer.GetPageAsync("/work");
        var toApprove = reviewerPage.QuerySelector("#letters-to-approve")!;
        toApprove.TextContent.ShouldBe("待审批的文书（1）");
        var entry = reviewerPage.QuerySelectorAll("section.inbox").Single(s => s.QuerySelector("h2")!.Id == "letters-to-approve").QuerySelector("li a")!;
        entry.GetAttribute("href").ShouldBe(letter);
        entry.TextContent.ShouldBe($"{application.Number} · 答复 · （一）予以公开");
        reviewerPage.QuerySelector("#catalog-review")!.TextContent.ShouldBe("待保密审查的目录信息（0）");
        // The letter to approve and the correction received (a reviewer handles cases too).
        reviewerPage.QuerySelector("#nav-waiting")!.TextContent.ShouldBe("，待办2");

        var letterId = letter.Split('/')[^1];
        (await reviewer.PostAsJsonAsync(new Uri($"/api/applications/{application.Id}/letters/{letterId}/return", UriKind.Relative), new { reason = "请补充获取方式。" }, Desk.Json))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var handlerPage = await handler.GetPageAsync("/work");
        handlerPage.QuerySelector("#letters-returned")!.TextContent.ShouldBe("被退回的文书（1）");
        handlerPage.QuerySelectorAll("section.inbox").Single(s => s.QuerySelector("h2")!.Id == "letters-returned").QuerySelector("li .hint")!.TextContent.ShouldBe("退回理由：请补充获取方式。");
        handlerPage.QuerySelector("#letters-to-approve").ShouldBeNull("a handler approves nothing");
        handlerPage.QuerySelector("#corrections-received")!.TextContent.ShouldBe("已收到补正材料、待处理（1）");
        handlerPage.QuerySelectorAll("section.inbox").Single(s => s.QuerySelector("h2")!.Id == "corrections-received").QuerySelector("li a")!.GetAttribute("href")
            .ShouldBe($"/applications/{corrected.Id}");
        handlerPage.QuerySelector("#nav-waiting")!.TextContent.ShouldBe("，待办2");

        await using (var db = database.CreateContext())
        {
            var agency = await db.Agencies.Where(a => a.Name == "示范县教育局").Select(a => a.Id).SingleAsync();
            var id = Guid.NewGuid();
            db.CatalogItems.Add(new CatalogItem
            {
                Id = id, SeriesId = id, AgencyId = agency, Title = "示范县2024年义务教育招生工作方案", Publisher = "示范县教育局", Body = "方案全文",
                DraftedByName = "张明（经办人）", Status = CatalogStatus.Approved, FormedOn = new DateOnly(2024, 6, 3),
            });
            await db.SaveChangesAsync();
        }

        using var publisher = await app.SignedInAsync("publisher");
        var publisherPage = await publisher.GetPageAsync("/work");
        publisherPage.QuerySelector("#catalog-publish")!.TextContent.ShouldBe("待发布的目录信息（公开时限）（1）");
        var item = publisherPage.QuerySelectorAll("section.inbox").Single(s => s.QuerySelector("h2")!.Id == "catalog-publish").QuerySelector("li")!;
        item.QuerySelector("a")!.TextContent.ShouldBe("示范县2024年义务教育招生工作方案");
        item.QuerySelector(".inbox-due")!.TextContent.ShouldBe("应于 2024-07-02 前公开");
        publisherPage.QuerySelector("#urgent").ShouldBeNull("a publisher handles no applications");
        publisherPage.QuerySelector("#nav-waiting")!.TextContent.ShouldBe("，待办1");
    }
}
