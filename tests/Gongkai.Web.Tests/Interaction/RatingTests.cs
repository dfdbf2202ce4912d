using System.Net;
using Gongkai.Applications;
using Gongkai.Interaction;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Calendar;
using Gongkai.Web.Interaction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Interaction;

/// <summary>好差评 of a disclosure application: from the status page after the reply, low ones to the reviewer, figures for supervision.</summary>
public class RatingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_applicant_rates_after_the_reply_a_low_rating_reaches_the_reviewer_and_supervision_reads_the_figures(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        var application = await ApplicantCases.ReceiveAsync(app);
        using var applicant = app.CreateBrowserClient();
        (await applicant.PostFormAsync("/status", [new("Code", application.ReceiptCode), new("Phone", ApplicantCases.Phone)])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Before the reply there is nothing to rate.
        (await applicant.GetPageAsync("/status/case")).QuerySelector("#rate-link").ShouldBeNull();
        (await applicant.GetPageAsync("/status/rating")).QuerySelector("input[name=Level]").ShouldBeNull("no rating form before the reply");

        await ApplicantCases.AppendAsync(app, application.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new Replied(at, ApplicantCases.Handler, Outcome.WithheldProcessInformation, "该会议记录属于内部讨论记录。", DeliveryMethod.Electronic));
        (await applicant.GetPageAsync("/status/case")).QuerySelector("#rate-link a")!.GetAttribute("href").ShouldBe("/status/rating");
        var refused = await applicant.PostFormAsync("/status/rating", [new("Level", "VeryDissatisfied"), new("Reason", " ")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.BodyAsync()).ShouldContain("选择“非常不满意”时请写明理由。");
        (await applicant.PostFormAsync("/status/rating", [new("Level", "VeryDissatisfied"), new("Reason", "答复没有说明理由依据")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await applicant.GetPageAsync("/status/rating")).QuerySelector("[data-rating]")!.TextContent.ShouldBe("您的评价：非常不满意（答复没有说明理由依据）");
        var again = await applicant.PostFormAsync("/status/rating", [new("Level", "VerySatisfied")]);
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "one rating per application");

        // The reviewer sees both low ratings of the agency (the demo message's 不满意 and this one) until marking them read.
        using var reviewer = app.CreateBrowserClient();
        (await reviewer.LoginAsync("reviewer")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var work = await reviewer.GetPageAsync("/work");
        work.QuerySelector("#low-ratings")!.TextContent.ShouldBe("差评待阅（2）");
        var section = work.QuerySelectorAll("section.inbox").Single(s => s.QuerySelector("h2")!.Id == "low-ratings");
        section.QuerySelectorAll("li a").Select(a => a.TextContent.Trim()).ShouldBe(["留言：学校乱收资料费", "申请 " + application.Number]);
        var rating = await ApplicantCases.QueryAsync(app, db => db.Ratings.Where(r => r.SubjectId == application.Id).Select(r => r.Id).SingleAsync());
        (await reviewer.PostFormAsync("/interaction/ratings", [new("ratingId", rating.ToString())], "/interaction/ratings?handler=Read")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await reviewer.GetPageAsync("/work")).QuerySelector("#low-ratings")!.TextContent.ShouldBe("差评待阅（1）");
        using var handler = app.CreateBrowserClient();
        (await handler.LoginAsync("handler")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await handler.GetPageAsync("/work")).QuerySelector("#low-ratings").ShouldBeNull("low ratings go to the reviewer");

        // Supervision's figures for the 教育局 in 2024: the demo's 9 messages (2 replied, 1 on time) and this rating.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Gongkai.Data.GongkaiDbContext>();
        var figures = await InteractionFigures.ForAsync(db, scope.ServiceProvider.GetRequiredService<CaseRulesProvider>(), [application.AgencyId], 2024);
        figures.ShouldHaveSingleItem().ShouldBe(new InteractionFigures(application.AgencyId, new MessageStatistics(9, 2, 1, 5.0m, 2, 50.0m, 3.0m), 1, 0.0m));
    }
}
