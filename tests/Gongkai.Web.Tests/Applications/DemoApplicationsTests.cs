using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>The demo region's applications: legal, varied, and covering everything the tables and the desk show.</summary>
public class DemoApplicationsTests
{
    private static readonly DateOnly Today = new(2024, 6, 17);

    [Fact]
    public async Task The_demo_covers_every_outcome_channel_and_applicant_type_with_open_overdue_and_carried_over_cases()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        Desk.Start(app);
        await using var db = app.Database.CreateContext();
        var cases = await db.Applications.AsNoTracking().Include(a => a.Events).ToListAsync();
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Id, a => a.Name);
        var rules = CaseRules.Default;

        cases.Count.ShouldBeInRange(150, 250);
        var byAgency = cases.GroupBy(c => agencies[c.AgencyId]).ToDictionary(g => g.Key, g => g.Count());
        byAgency.Count.ShouldBe(6, "every agency of the region has applications");
        (byAgency[Desk.Education] + byAgency[Desk.NaturalResources]).ShouldBeGreaterThan(cases.Count / 2);
        cases.Min(c => c.ArrivedOn).ShouldBeLessThan(Today.AddMonths(-16), "about eighteen months back");
        cases.ShouldAllBe(c => c.ArrivedOn <= Today && c.Events.All(e => e.Date <= Today), "nothing happens after today");

        cases.Where(c => !c.State.IsOpen()).Select(c => c.Outcome!.Value).Distinct().Order().ShouldBe(Enum.GetValues<Outcome>());
        cases.Select(c => c.Channel).Distinct().Order().ShouldBe(Enum.GetValues<ReceiptChannel>());
        cases.Select(c => c.ApplicantType).Distinct().Order().ShouldBe(Enum.GetValues<ApplicantType>());
        foreach (var kind in new[] { "CorrectionRequested", "CorrectionReceived", "ConsultationStarted", "ConsultationAnswered", "ExtensionApproved", "FeeNoticeSent", "FeePaid", "FeeUnpaid", "Delivered", "Archived", "Withdrawn" })
        {
            cases.Count(c => c.Events.Any(e => e.Kind == kind)).ShouldBeGreaterThan(0, kind);
        }

        // The stored snapshot is what the engine says, and the engine's statuses cover the desk's badges.
        var statuses = new List<DeadlineStatus>();
        foreach (var record in cases)
        {
            var replayed = record.ToCase(rules);
            replayed.State.ShouldBe(record.State, record.Number);
            replayed.Deadline(rules).Due.ShouldBe(record.DueOn, record.Number);
            statuses.Add(replayed.StatusOn(Today, rules));
        }

        statuses.Count(s => s == DeadlineStatus.Overdue).ShouldBeGreaterThanOrEqualTo(2);
        statuses.Count(s => s == DeadlineStatus.DueSoon).ShouldBeGreaterThanOrEqualTo(2);
        statuses.ShouldContain(DeadlineStatus.OnTrack);
        statuses.ShouldContain(DeadlineStatus.RepliedLate);
        cases.Count(c => c.State == CaseState.Received).ShouldBeGreaterThanOrEqualTo(1);
        cases.Count(c => c.State == CaseState.AwaitingCorrection).ShouldBeGreaterThanOrEqualTo(1);
        cases.Count(c => c.ExtensionRequestedDays != null && c.State.IsOpen()).ShouldBeGreaterThanOrEqualTo(1, "an extension request waits for the reviewer");

        var yearEnd = new DateOnly(2023, 12, 31);
        cases.Count(c => c.ReceivedOn <= yearEnd && (c.ConcludedOn is null || c.ConcludedOn > yearEnd))
            .ShouldBeGreaterThanOrEqualTo(5, "open across 31 December: carried over into the next year");

        var reviews = await db.Reviews.AsNoTracking().ToListAsync();
        reviews.Select(r => (r.Kind, r.Result)).Distinct().Count().ShouldBe(12, "every kind of challenge with every result");
        reviews.ShouldAllBe(r => r.FiledOn <= Today && (r.ConcludedOn == null) == (r.Result == ReviewResult.Pending));
        var challenged = cases.ToDictionary(c => c.Id);
        reviews.ShouldAllBe(r => challenged[r.ApplicationId].ConcludedOn < r.FiledOn);
    }

    [Fact]
    public async Task The_demo_is_the_same_for_the_same_day()
    {
        await using var first = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var second = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var one = new GongkaiApp(first);
        await using var other = new GongkaiApp(second);

        var a = await SummaryAsync(one);
        var b = await SummaryAsync(other);

        a.Count.ShouldBeGreaterThan(150);
        b.ShouldBe(a);
    }

    private static async Task<List<string>> SummaryAsync(GongkaiApp app)
    {
        Desk.Start(app);
        await using var db = app.Database.CreateContext();
        var rows = await db.Applications.AsNoTracking()
            .Select(a => new { a.Number, a.ApplicantName, a.Description, a.State, a.Outcome, a.DueOn, a.ReceiptCode, Events = a.Events.Count })
            .ToListAsync();
        return [.. rows.Select(r => $"{r.Number} {r.ApplicantName} {r.Description} {r.State} {r.Outcome} {r.DueOn} {r.ReceiptCode} {r.Events}").Order(StringComparer.Ordinal)];
    }
}
