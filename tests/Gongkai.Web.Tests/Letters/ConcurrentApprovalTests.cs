using System.Net;
using Gongkai.Applications;
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
    public async Task Letters_approved_all_at_once_get_consecutive_numbers_once_each(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Concurrent.App(database);
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var urls = new List<string>();
        for (var i = 0; i < Letters; i++)
        {
            urls.Add(await LetterApprovalTests.DraftAsync(reviewer, await LetterApprovalTests.RepliedAsync(app, Outcome.Granted), "Reply.Granted"));
        }

        var token = (await reviewer.GetPageAsync(urls[0])).AntiforgeryToken();

        var answers = await Concurrent.AllAtOnceAsync([.. urls.Concat(urls).Select(url => (Func<Func<Task>, Task<(HttpStatusCode Status, string Body)>>)(async ready =>
        {
            using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            await ready();
            var response = await reviewer.PostAsync(new Uri(url + "?handler=Approve", UriKind.Relative), form);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }))]);

        answers.Count(a => a.Status == HttpStatusCode.Redirect).ShouldBe(Letters, "each letter is approved by one of its two requests");
        answers.Where(a => a.Status != HttpStatusCode.Redirect).ShouldAllBe(a => a.Status == HttpStatusCode.OK && a.Body.Contains("该文书已经审批，不能再次审批。"));
        await using var db = database.CreateContext();
        var letters = await db.Letters.Select(l => new { l.Status, l.Number }).ToListAsync();
        letters.ShouldAllBe(l => l.Status == LetterStatus.Approved);
        letters.Select(l => l.Number).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(1, Letters).Select(n => $"示教公复〔2024〕{n}号").Order(StringComparer.Ordinal));
        (await db.AuditLog.CountAsync(e => e.Action == "letter.approved")).ShouldBe(Letters);
    }
}
