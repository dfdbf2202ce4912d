using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.Tests.Data;
using Gongkai.Tests.Portal;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>
/// Many citizens submitting at the same moment to one agency: every submission is received and numbered, none is
/// refused or answered with an error page, and the numbers run on without a collision or a gap.
/// </summary>
public class ConcurrentIntakeTests
{
    private const int Submissions = 200;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_hundred_simultaneous_online_submissions_are_all_received_with_distinct_consecutive_numbers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Concurrent.App(database);
        var agency = await app.AgencyIdAsync(Desk.Education);

        // Half through the JSON API, half through the public form, each visitor with a browser of their own.
        var requests = new List<Func<Func<Task>, Task<(HttpStatusCode Status, string? Receipt)>>>();
        for (var i = 0; i < Submissions / 2; i++)
        {
            requests.Add(async ready =>
            {
                using var client = app.CreateClient();
                await ready();
                var response = await client.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(agency), Desk.Json);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            });
            requests.Add(async ready =>
            {
                using var client = app.CreateBrowserClient();
                var page = await client.GetPageAsync("/apply");
                using var form = new FormUrlEncodedContent(ApplyTests.Fields(agency).Append(new("__RequestVerificationToken", page.AntiforgeryToken())));
                await ready();
                var response = await client.PostAsync(new Uri("/apply", UriKind.Relative), form);
                return (response.StatusCode, response.Headers.Location?.ToString());
            });
        }

        var answers = await Concurrent.AllAtOnceAsync(requests);

        var api = answers.Where((_, i) => i % 2 == 0).ToList();
        var form = answers.Where((_, i) => i % 2 == 1).ToList();
        api.Select(a => a.Status).ShouldAllBe(s => s == HttpStatusCode.Created, "every API submission answers 201");
        form.ShouldAllBe(a => a.Status == HttpStatusCode.Redirect && a.Receipt == "/apply/receipt", "every form submission goes on to its receipt");
        await using var db = database.CreateContext();
        var stored = await db.Applications.Where(a => a.AgencyId == agency).Select(a => new { a.Number, a.ReceiptCode }).ToListAsync();
        stored.Select(a => a.Number).Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, Submissions).Select(n => $"2024-{n:D4}"));
        stored.Select(a => a.ReceiptCode).Distinct(StringComparer.Ordinal).Count().ShouldBe(Submissions);
        var acknowledged = api.Select(a => JsonDocument.Parse(a.Receipt!).RootElement)
            .Select(r => r.GetProperty("number").GetString() + " " + r.GetProperty("receiptCode").GetString()).ToList();
        acknowledged.ShouldBeSubsetOf(stored.Select(a => a.Number + " " + a.ReceiptCode), "each API answer names the row stored");
    }
}
