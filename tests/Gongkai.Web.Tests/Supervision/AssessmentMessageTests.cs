using System.Net;
using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Gongkai.Web.Calendar;
using Gongkai.Web.Interaction;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>The public-message indicators (留言按时回复率, 留言回复满意率) read from live messages and ratings.</summary>
public class AssessmentMessageTests
{
    private static readonly DateTimeOffset April2025 = new(2025, 4, 20, 2, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int month, int day) => new(2025, month, day);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Message_replies_on_time_and_satisfaction_score_from_live_messages_open_the_messages_counted_and_agree_with_the_interaction_figures(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            Add(db, education, "学校收费标准", D(1, 6), D(1, 16), D(1, 15), Satisfaction.VerySatisfied);
            Add(db, education, "校车路线", D(2, 3), D(2, 13), D(2, 20), Satisfaction.Dissatisfied);
            Add(db, education, "招生计划", D(3, 3), D(3, 13), null, null);
            Add(db, education, "食堂价格", D(3, 28), D(4, 10), null, null);
            Add(db, education, "教师招聘", D(3, 10), D(3, 20), D(3, 18), Satisfaction.Basic);
            Add(db, education, "上年的留言", new DateOnly(2024, 12, 20), D(1, 6), D(1, 6), Satisfaction.VeryDissatisfied);
            Add(db, education, "四月的留言", D(4, 1), D(4, 14), D(4, 2), Satisfaction.Satisfied);
            await db.SaveChangesAsync();
        }

        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        var schemes = await supervisor.GetPageAsync("/supervision/schemes?kind=Quarter");
        schemes.QuerySelector("input[name='Lines[10].Kind']")!.GetAttribute("value").ShouldBe("MessageOnTimeRate");
        schemes.QuerySelector("input[name='Lines[11].Kind']")!.GetAttribute("value").ShouldBe("MessageSatisfaction");
        var form = new Dictionary<string, string>
        {
            ["EffectiveFrom"] = "2025Q1",
            ["Lines[10].Include"] = "true", ["Lines[10].Weight"] = "60", ["Lines[10].FullAt"] = "100", ["Lines[10].ZeroAt"] = "0",
            ["Lines[11].Include"] = "true", ["Lines[11].Weight"] = "40", ["Lines[11].FullAt"] = "100", ["Lines[11].ZeroAt"] = "50",
        };
        for (var i = 0; i < 14; i++)
        {
            form.TryAdd($"Lines[{i}].Include", "false");
        }

        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", form, formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1");
        var rows = page.QuerySelectorAll("#ranking tbody tr").ToList();
        rows[0].QuerySelector("th")!.TextContent.Trim().ShouldBe("示范县教育局");
        // 2 of 5 on time → 40% of 60 = 24; 2 of 3 satisfied → 66.67%, a third of the way from 50% to 100% of 40 = 13.34.
        rows[0].QuerySelector(".line-0")!.TextContent.ShouldContain("40%");
        rows[0].QuerySelector(".line-1")!.TextContent.ShouldContain("66.67%");
        rows[0].QuerySelector(".total")!.TextContent.Trim().ShouldBe("37.34");
        rows.Single(r => r.QuerySelector("th")!.TextContent.Trim() == "示范县自然资源局").QuerySelector(".total")!.TextContent.Trim()
            .ShouldBe("不适用", "no messages: both lines 不适用, never 100");

        var detail = await supervisor.GetPageAsync($"/supervision/assessment/{education}?period=2025Q1");
        var onTime = detail.QuerySelector("#line-0")!;
        onTime.TextContent.ShouldContain("口径（第 1 版）");
        onTime.TextContent.ShouldContain("其中在回复期限内回复的件数 ÷ 基数");
        onTime.QuerySelectorAll("thead th").Select(t => t.TextContent).ShouldBe(["留言", "收到日期", "回复期限", "回复日期", "计入分子"]);
        onTime.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent).Order(StringComparer.Ordinal)
            .ShouldBe(new[] { "学校收费标准", "校车路线", "招生计划", "食堂价格", "教师招聘" }.Order(StringComparer.Ordinal));
        onTime.QuerySelectorAll("tbody tr.counted-row").Select(r => r.QuerySelector("td")!.TextContent).Order(StringComparer.Ordinal)
            .ShouldBe(new[] { "学校收费标准", "教师招聘" }.Order(StringComparer.Ordinal));
        var satisfaction = detail.QuerySelector("#line-1")!;
        satisfaction.TextContent.ShouldContain("评价为“基本满意”及以上的件数 ÷ 已评价件数");
        satisfaction.QuerySelectorAll("tbody tr").Length.ShouldBe(3);
        satisfaction.QuerySelectorAll("tbody tr.counted-row td:nth-child(4)").Select(t => t.TextContent).Order(StringComparer.Ordinal)
            .ShouldBe(new[] { "非常满意", "基本满意" }.Order(StringComparer.Ordinal));
        detail.Body!.TextContent.ShouldNotContain("1390000", customMessage: "the writer's phone stays on the interaction desk");
        var none = await supervisor.GetPageAsync($"/supervision/assessment/{natural}?period=2025Q1");
        none.QuerySelector("#line-0")!.TextContent.ShouldContain("不适用");

        // The same messages for the year through the interaction figures: the same on-time count and satisfied share.
        await using var check = app.Services.CreateAsyncScope();
        var context = check.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var figures = (await InteractionFigures.ForAsync(context, check.ServiceProvider.GetRequiredService<CaseRulesProvider>(), [education], 2025)).Single();
        var assessments = check.ServiceProvider.GetRequiredService<Gongkai.Web.Supervision.Assessments>();
        List<Gongkai.Web.Supervision.ScopedAgency> agencies = [new(education, "示范县教育局", Gongkai.Data.Agencies.AgencyKind.Department, Guid.Empty, "示范县", "", 0, null)];
        var facts = (await assessments.FactsAsync(agencies, AssessmentPeriod.OfYear(2025), new HashSet<IndicatorKind> { IndicatorKind.MessageOnTimeRate, IndicatorKind.MessageSatisfaction }, CancellationToken.None))[education];
        var calendar = await assessments.CalendarAsync(CancellationToken.None);
        var year = AssessmentPeriod.OfYear(2025);
        var onTimeYear = Indicators.Compute(IndicatorKind.MessageOnTimeRate, facts, year, assessments.Today, calendar);
        var satisfiedYear = Indicators.Compute(IndicatorKind.MessageSatisfaction, facts, year, assessments.Today, calendar);
        (figures.Messages.Received, figures.Messages.RepliedOnTime, figures.Messages.Rated, figures.Messages.SatisfiedPercent).ShouldBe((6, 3, 4, 75.0m));
        (onTimeYear.Numerator, onTimeYear.Denominator).ShouldBe((3, 6));
        (satisfiedYear.Numerator, satisfiedYear.Denominator, satisfiedYear.Value).ShouldBe((3, 4, 75m));
    }

    private static void Add(GongkaiDbContext db, Guid agency, string title, DateOnly received, DateOnly due, DateOnly? replied, Satisfaction? rating)
    {
        var at = new DateTime(received.Year, received.Month, received.Day, 2, 0, 0, DateTimeKind.Utc);
        var message = new Message
        {
            Id = Guid.NewGuid(),
            AgencyId = agency,
            ReceiptCode = "AM" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Category = MessageCategory.Inquiry,
            Title = title,
            Content = "留言内容",
            Phone = "13900001111",
            SubmittedAtUtc = at,
            ReceivedOn = received,
            DueOn = due,
            Reply = replied is null ? null : "答复内容",
            ReplyStatus = replied is null ? null : Gongkai.Data.Applications.LetterStatus.Issued,
            RepliedOn = replied,
            RepliedAtUtc = replied is null ? null : at,
            UpdatedAtUtc = at,
        };
        db.Messages.Add(message);
        if (rating is { } level)
        {
            db.Ratings.Add(new Rating { Id = Guid.NewGuid(), Subject = RatedSubject.Message, SubjectId = message.Id, AgencyId = agency, Level = level, RatedAtUtc = at.AddDays(30) });
        }
    }
}
