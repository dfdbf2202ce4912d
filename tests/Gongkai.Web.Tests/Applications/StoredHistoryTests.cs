using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>A case stored under an earlier calendar or rule stays readable when the engine has since become stricter.</summary>
public class StoredHistoryTests
{
    [Fact]
    public async Task A_payment_stored_after_what_is_now_the_fee_deadline_still_shows_its_case_queue_and_status()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app, applicant: "钱七");
        await ApplicantCases.AppendAsync(
            app,
            application.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new FeeNoticeSent(at, ApplicantCases.Handler, InformationProcessingFee.ByPages(200), new DateOnly(2024, 6, 18)));

        // Written as an older version of the platform (or an earlier holiday notice) accepted it: paid on 25 July,
        // after the 20 working days from 19 June that the engine now enforces.
        var paidAt = new DateTimeOffset(2024, 7, 25, 10, 0, 0, ChinaTime.Offset);
        await ApplicantCases.QueryAsync(app, async db =>
        {
            var record = await db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == application.Id);
            var (kind, data) = CaseEventCodec.Encode(new FeePaid(paidAt, new Actor("钱七", ActorRole.Applicant)));
            record.Events.Add(new ApplicationEventRecord
            {
                Id = Guid.CreateVersion7(),
                ApplicationId = record.Id,
                Sequence = record.Events.Max(e => e.Sequence) + 1,
                Kind = kind,
                AtUtc = paidAt.UtcDateTime,
                Date = new DateOnly(2024, 7, 25),
                ActorName = "钱七",
                ActorRole = ActorRole.Applicant,
                Data = data,
                Summary = "申请人缴费",
            });
            return await db.SaveChangesAsync();
        });
        app.Clock.Now = new DateTimeOffset(2024, 7, 29, 2, 0, 0, TimeSpan.Zero);

        using var handler = await app.SignedInAsync("handler");
        var page = await handler.GetAsync(new Uri($"/applications/{application.Id}", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await handler.GetPageAsync($"/applications/{application.Id}")).QuerySelectorAll("#history tbody tr");
        rows[^1].TextContent.ShouldContain("申请人缴费");
        (await handler.GetAsync(new Uri($"/applications?year=2024&channel=Online", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await handler.GetAsync(new Uri("/work", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
