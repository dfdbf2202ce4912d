using System.Net;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Interaction;
using Gongkai.Tests.Web;
using Gongkai.Tests.Web.AnnualReports;
using Gongkai.Web.AnnualReports;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.AnnualReports;

/// <summary>Section 一's figures from the platform's records on constructed data, and the paragraph the workspace inserts.</summary>
public class AnnualReportOverviewFiguresTests
{
    private const string Paragraph =
        "2024年，本机关通过政府网站主动公开政府信息3条，政务微信【示范教育】发布信息17条。" +
        "收到群众留言3条，回复群众留言2条，其中按期回复1条，平均用时4.5个工作日；留言人评价1次，满意率100%。" +
        "开展意见征集1次，收到意见3条，采纳（含部分采纳）2条。" +
        "政府信息公开申请人评价办理情况1次，满意率0%。" +
        "智能问答新增常见问题1条，其中答复群众提出的未解答问题1个。";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_figures_count_the_years_records_and_the_workspace_inserts_the_paragraph_for_staff_to_edit(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var agency = await ApplicantCases.AgencyIdAsync(app);
        var (_, weibo) = await ApplicantCases.QueryAsync(app, db => ConstructAsync(db, agency));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var figures = await scope.ServiceProvider.GetRequiredService<OverviewFigureQuery>().ForAsync(agency, 2024);
            figures.PortalItems.ShouldBe(3);
            figures.Channels.ShouldBe([new ChannelFigure(ChannelKind.WeChat, "示范教育", 2, 15), new ChannelFigure(ChannelKind.Weibo, "示范县教育局", 0, 0)]);
            figures.Messages.ShouldBe(new MessageStatistics(3, 2, 1, 4.5m, 1, 100.0m, 4.0m));
            (figures.ConsultationsOpened, figures.CommentsReceived, figures.CommentsAdopted).ShouldBe((1, 3, 2));
            (figures.ApplicationRatings, figures.ApplicationsSatisfiedPercent).ShouldBe((1, 0.0m));
            (figures.FaqEntries, figures.QuestionsAnswered).ShouldBe((1, 1));
            figures.Paragraph().ShouldBe(Paragraph);
        }

        // The panel shows the figures; the button puts the paragraph after what staff wrote first, and a second insertion replaces it.
        using var client = app.CreateBrowserClient();
        (await client.LoginAsync("publisher")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetPageAsync("/annual-reports/2024");
        page.QuerySelector("[data-figure=portal]")!.TextContent.ShouldBe("3 条");
        page.QuerySelectorAll("[data-figure=channel]").Select(d => d.TextContent).ShouldBe(["17 条（平台同步 2 条，按月登记 15 条）", "0 条（平台同步 0 条，按月登记 0 条）"]);
        page.QuerySelector("[data-figure=messages]")!.TextContent.ShouldBe("收到 3 条，回复 2 条，按期回复 1 条，平均用时 4.5 个工作日，满意率 100%（评价 1 次）");
        (await client.SubmitAsync(page, "/annual-reports/2024", new Dictionary<string, string> { ["Sections[overview]"] = "本机关高度重视政务公开工作。\n其他情况。" }, "Command=live:overview"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await client.GetPageAsync("/annual-reports/2024");
        page.QuerySelector("#section-overview")!.TextContent.ShouldBe("本机关高度重视政务公开工作。\n" + Paragraph + "\n其他情况。");

        await ApplicantCases.QueryAsync(app, async db =>
        {
            db.ChannelMonthlyCounts.Add(new ChannelMonthlyCount { ChannelId = weibo, Year = 2024, Month = 3, Count = 9, Source = "微博后台", EnteredBy = "王芳" });
            return await db.SaveChangesAsync();
        });
        (await client.SubmitAsync("/annual-reports/2024", new Dictionary<string, string>(), "Command=live:overview")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetPageAsync("/annual-reports/2024")).QuerySelector("#section-overview")!.TextContent.ShouldBe(
            "本机关高度重视政务公开工作。\n" + Paragraph.Replace("发布信息17条。", "发布信息17条，政务微博【示范县教育局】发布信息9条。", StringComparison.Ordinal) + "\n其他情况。");
    }

    [Fact]
    public void A_year_without_interaction_states_the_portal_and_the_messages_only()
    {
        var figures = new OverviewFigures(2023, 0, [new ChannelFigure(ChannelKind.App, "云上示范", 0, 0)], new MessageStatistics(0, 0, 0, null, 0, null, null), 0, 0, 0, 0, null, 0, 0);
        figures.Paragraph().ShouldBe("2023年，本机关通过政府网站主动公开政府信息0条。收到群众留言0条，回复群众留言0条。");
        OverviewFigures.Insert("", figures.Paragraph()).ShouldBe(figures.Paragraph());
        OverviewFigures.IsParagraph("2023年，本机关共收到政府信息公开申请5件").ShouldBeFalse();
    }

    /// <summary>
    /// 2024 at the 教育局: three proactive items published (two out on WeChat), one on-request item and one of 2023;
    /// WeChat counts 10 + 5 in 2024 and 7 in 2023; three messages, one replied on time in 2 working days and rated 满意,
    /// one replied late in 7, one waiting; a consultation with comments adopted, partly adopted and not adopted; an
    /// application rated 非常不满意; a FAQ entry answering an unanswered question.
    /// </summary>
    private static async Task<(Guid WeChat, Guid Weibo)> ConstructAsync(GongkaiDbContext db, Guid agency)
    {
        var wechat = ChannelTests.Channel(agency, ChannelKind.WeChat, "示范教育");
        var weibo = ChannelTests.Channel(agency, ChannelKind.Weibo, "示范县教育局");
        db.PublicationChannels.AddRange(wechat, weibo);
        var items = new[]
        {
            Item(agency, new DateOnly(2024, 2, 1), DisclosureMode.Proactive, 1),
            Item(agency, new DateOnly(2024, 5, 1), DisclosureMode.Proactive, 2),
            Item(agency, new DateOnly(2024, 12, 31), DisclosureMode.Proactive, 3),
            Item(agency, new DateOnly(2024, 3, 1), DisclosureMode.OnRequest, 4),
            Item(agency, new DateOnly(2023, 12, 31), DisclosureMode.Proactive, 5),
        };
        db.CatalogItems.AddRange(items);
        db.CatalogItemChannels.AddRange(
            new CatalogItemChannel { CatalogItemId = items[0].Id, ChannelId = wechat.Id },
            new CatalogItemChannel { CatalogItemId = items[1].Id, ChannelId = wechat.Id },
            new CatalogItemChannel { CatalogItemId = items[3].Id, ChannelId = wechat.Id },
            new CatalogItemChannel { CatalogItemId = items[4].Id, ChannelId = wechat.Id });
        db.ChannelMonthlyCounts.AddRange(
            new ChannelMonthlyCount { ChannelId = wechat.Id, Year = 2024, Month = 1, Count = 10, Source = "公众号后台导出", EnteredBy = "王芳" },
            new ChannelMonthlyCount { ChannelId = wechat.Id, Year = 2024, Month = 2, Count = 5, Source = "公众号后台导出", EnteredBy = "王芳" },
            new ChannelMonthlyCount { ChannelId = wechat.Id, Year = 2023, Month = 12, Count = 7, Source = "公众号后台导出", EnteredBy = "王芳" });

        var onTime = Message(agency, "A1", new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 6));
        db.Messages.AddRange(onTime, Message(agency, "A2", new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 13)), Message(agency, "A3", new DateOnly(2024, 6, 17), null));
        db.Ratings.AddRange(
            new Rating { Id = Guid.NewGuid(), Subject = RatedSubject.Message, SubjectId = onTime.Id, AgencyId = agency, Level = Satisfaction.Satisfied, RatedAtUtc = new DateTime(2024, 3, 7, 2, 0, 0, DateTimeKind.Utc) },
            new Rating { Id = Guid.NewGuid(), Subject = RatedSubject.Application, SubjectId = Guid.NewGuid(), AgencyId = agency, Level = Satisfaction.VeryDissatisfied, Reason = "答复太慢", RatedAtUtc = new DateTime(2024, 5, 1, 2, 0, 0, DateTimeKind.Utc) });

        var consultation = new Consultation
        {
            Id = Guid.NewGuid(), AgencyId = agency, Title = "示范县学前教育发展规划（征求意见稿）", Kind = DraftKind.General, Description = "征求意见",
            OpensOn = new DateOnly(2024, 4, 1), PeriodDays = 30, PeriodUnit = PeriodUnit.CalendarDays, ClosesOn = new DateOnly(2024, 5, 1), CreatedBy = "王芳",
        };
        db.Consultations.Add(consultation);
        foreach (var adoption in new[] { Adoption.Adopted, Adoption.PartlyAdopted, Adoption.NotAdopted })
        {
            db.ConsultationComments.Add(new ConsultationComment
            {
                Id = Guid.NewGuid(), ConsultationId = consultation.Id, SubmittedAtUtc = new DateTime(2024, 4, 2, 2, 0, 0, DateTimeKind.Utc),
                Content = "建议增加普惠性幼儿园学位。", Status = CommentStatus.Published, Adoption = adoption, AdoptionReason = adoption == Adoption.Adopted ? null : "已有安排",
            });
        }

        var faq = new FaqEntry { Id = Guid.NewGuid(), AgencyId = agency, Question = "幼儿园什么时候报名？", Answer = "每年6月。", CreatedAtUtc = new DateTime(2024, 6, 1, 2, 0, 0, DateTimeKind.Utc), CreatedBy = "王芳" };
        db.FaqEntries.Add(faq);
        db.UnansweredQuestions.Add(new UnansweredQuestion { Id = Guid.NewGuid(), Question = "幼儿园报名时间", AskedAtUtc = new DateTime(2024, 5, 30, 2, 0, 0, DateTimeKind.Utc), FaqEntryId = faq.Id });
        await db.SaveChangesAsync();
        return (wechat.Id, weibo.Id);
    }

    private static CatalogItem Item(Guid agency, DateOnly publishedOn, DisclosureMode mode, int number)
    {
        var id = Guid.NewGuid();
        return new CatalogItem
        {
            Id = id, SeriesId = id, AgencyId = agency, Status = CatalogStatus.Published, Mode = mode,
            IndexNumber = "SJ/2024-0000" + number, Title = "示范县教育局通知" + number, Publisher = "示范县教育局", Body = "正文",
            FormedOn = publishedOn, PublishedOn = publishedOn, SearchKey = 900_000 + number, DraftedByName = "王芳",
        };
    }

    private static Message Message(Guid agency, string code, DateOnly receivedOn, DateOnly? repliedOn) => new()
    {
        Id = Guid.NewGuid(), AgencyId = agency, ReceiptCode = code, Title = "留言" + code, Content = "请问…", Phone = "13900000000",
        ReceivedOn = receivedOn, DueOn = receivedOn.AddDays(7), RepliedOn = repliedOn, ReplyStatus = repliedOn is null ? null : LetterStatus.Issued,
        Reply = repliedOn is null ? null : "答复", SubmittedAtUtc = receivedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
    };
}
