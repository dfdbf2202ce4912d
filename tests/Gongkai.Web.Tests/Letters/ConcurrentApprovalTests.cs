using System.Net;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Letters;

/// <summary>
/// Reviewers approving reply letters at the same moment, each letter twice: every letter is approved once, and the
/// 文号 of the series run on without a collision or a gap.
/// </summary>
public class ConcurrentApprovalTests
{
    private const int Letters = 30;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Letters_issued_all_at_once_get_consecutive_numbers_once_each(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Concurrent.App(database);
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var urls = new List<string>();
        for (var i = 0; i < Letters; i++)
        {
            var url = await LetterApprovalTests.DraftAsync(reviewer, await LetterApprovalTests.RegisteredAsync(app), "Reply.Granted");
            (await reviewer.PostFormAsync(url, [], url + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await reviewer.PostFormAsync(url, [], url + "?handler=Approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            urls.Add(url);
        }

        var token = (await reviewer.GetPageAsync(urls[0])).AntiforgeryToken();

        var answers = await Concurrent.AllAtOnceAsync([.. urls.Concat(urls).Select(url => (Func<Func<Task>, Task<(HttpStatusCode Status, string Body)>>)(async ready =>
        {
            using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Delivery", "Electronic")]);
            await ready();
            var response = await reviewer.PostAsync(new Uri(url + "?handler=Issue", UriKind.Relative), form);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }))]);

        answers.Count(a => a.Status == HttpStatusCode.Redirect).ShouldBe(Letters, "each letter is issued by one of its two requests");
        answers.Where(a => a.Status != HttpStatusCode.Redirect).ShouldAllBe(a => a.Status == HttpStatusCode.OK && a.Body.Contains("该文书已经签发，不能再次签发。"));
        await using var db = database.CreateContext();
        var letters = await db.Letters.Select(l => new { l.Status, l.Number }).ToListAsync();
        letters.ShouldAllBe(l => l.Status == LetterStatus.Issued);
        letters.Select(l => l.Number).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(1, Letters).Select(n => $"示教公复〔2024〕{n}号").Order(StringComparer.Ordinal));
        (await db.AuditLog.CountAsync(e => e.Action == "letter.issued")).ShouldBe(Letters);
        (await db.Applications.CountAsync(a => db.Letters.Any(l => l.ApplicationId == a.Id) && a.State == Gongkai.Applications.CaseState.Replied)).ShouldBe(Letters, "each issue is its case's reply, once");
    }
}
