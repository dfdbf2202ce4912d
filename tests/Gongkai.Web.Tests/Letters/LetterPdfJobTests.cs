using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Jobs;
using Gongkai.Tests.Data;
using Gongkai.Tests.Portal;
using Gongkai.Tests.Web;
using Gongkai.Web.Attachments;
using Gongkai.Web.Letters;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Letters;

/// <summary>
/// Letters' PDFs made in the background: requested from the letter page, claimed by one node, made by the converter
/// (a counting fake here; LibreOffice itself in <see cref="LetterPdfBrowserTests"/>), kept in the file store.
/// </summary>
public class LetterPdfJobTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_job_goes_queued_running_failed_then_after_retry_done_and_an_issued_letter_is_made_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        var converter = new FakePdfConverter().In(app);
        var application = await LetterApprovalTests.RegisteredAsync(app);
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var letter = await LetterApprovalTests.DraftAsync(reviewer, application, "Reply.Granted");
        await LetterApprovalTests.IssueAsync(reviewer, letter);
        var letterId = Guid.Parse(letter.Split('/')[^1]);
        var api = $"/api{letter}/pdf";

        (await StateAsync(reviewer, api)).ShouldBe(("none", "尚未生成"));
        var requested = await reviewer.PostFormAsync(letter, [], letter + "/pdf");
        requested.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        requested.Headers.Location!.ToString().ShouldBe($"{letter}#pdf-{letterId}");
        var job = await JobAsync(app, letterId);
        (job.State, job.Attempts, job.RequestedByName, job.ClaimedBy).ShouldBe((RenderJobState.Queued, 0, "李华（审核人）", (string?)null));
        app.Clock.Advance(TimeSpan.FromSeconds(75));
        var queued = await reviewer.GetFromJsonAsync<JsonElement>(api);
        (queued.GetProperty("state").GetString(), queued.GetProperty("label").GetString(), queued.GetProperty("detail").GetString()).ShouldBe(("queued", "排队中", "已等待 1 分 15 秒"));
        var page = await reviewer.GetPageAsync(letter);
        page.QuerySelector($"#pdf-{letterId} [data-part=label]")!.TextContent.ShouldBe("排队中");
        page.QuerySelector($"#pdf-{letterId} [data-part=refresh]")!.GetAttribute("href").ShouldBe($"{letter}#pdf-{letterId}");
        page.QuerySelector($"#pdf-{letterId} [data-part=request]")!.HasAttribute("hidden").ShouldBeTrue();

        // The converter fails while the test looks: the job is 生成中, then 失败 with the converter's reason.
        converter.Problem = LibreOfficePdf.NotInstalled;
        converter.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var round = RoundAsync(app);
        await UntilAsync(app, letterId, RenderJobState.Running);
        (await StateAsync(reviewer, api)).ShouldBe(("running", "生成中"));
        converter.Hold.SetResult();
        (await round).ShouldBe(1);
        converter.Hold = null;
        job = await JobAsync(app, letterId);
        (job.State, job.Attempts, job.Failure, job.FileSha256).ShouldBe((RenderJobState.Failed, 1, LibreOfficePdf.NotInstalled, (string?)null));
        var failed = await reviewer.GetPageAsync(letter + "/pdf");
        failed.QuerySelector($"#pdf-{letterId} [data-part=label]")!.TextContent.ShouldBe("失败");
        failed.QuerySelector($"#pdf-{letterId} [data-part=detail]")!.TextContent.ShouldBe(LibreOfficePdf.NotInstalled);
        failed.QuerySelector($"#pdf-{letterId} [data-part=request] button")!.TextContent.ShouldBe("重试");
        failed.QuerySelector($"a[href='{letter}/docx']").ShouldNotBeNull("the DOCX is always there");

        // 重试 queues the same job again; the next round makes it.
        converter.Problem = null;
        (await reviewer.PostFormAsync(letter + "/pdf", [], letter + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        job = await JobAsync(app, letterId);
        (job.State, job.Failure, job.ClaimedBy).ShouldBe((RenderJobState.Queued, (string?)null, (string?)null));
        (await RoundAsync(app)).ShouldBe(1);
        job = await JobAsync(app, letterId);
        (job.State, job.Attempts, job.Failure).ShouldBe((RenderJobState.Done, 1, (string?)null), "重试 counts the attempts from zero again");
        job.FileSha256.ShouldNotBeNull();
        var done = await reviewer.GetFromJsonAsync<JsonElement>(api);
        (done.GetProperty("state").GetString(), done.GetProperty("label").GetString(), done.GetProperty("fileUrl").GetString()).ShouldBe(("done", "已完成", letter + "/pdf"));
        var file = await reviewer.GetAsync(new Uri(letter + "/pdf", UriKind.Relative));
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await file.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes).ShouldStartWith("%PDF-1.4 fake 2 ");
        (await reviewer.GetPageAsync(letter)).QuerySelector($"#pdf-{letterId} a[data-part=file]")!.GetAttribute("href").ShouldBe(letter + "/pdf");

        // The issued letter never changes: asking again, by page or API, is the same finished job and no conversion.
        (await reviewer.PostFormAsync(letter, [], letter + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await reviewer.PostAsync(new Uri(api, UriKind.Relative), null);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RoundAsync(app)).ShouldBe(0);
        converter.Calls.ShouldBe(2);
        (await ApplicantCases.QueryAsync(app, db => db.RenderJobs.CountAsync())).ShouldBe(1);
        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.EntityId == letterId.ToString() && a.Action.StartsWith("letter.pdf")).OrderBy(a => a.AtUtc).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["letter.pdf-requested", "letter.pdf-retried"]);
        Gongkai.Web.Audit.AuditLabels.Action("letter.pdf-requested").ShouldBe("生成 PDF 文书");
        Gongkai.Web.Audit.AuditLabels.Action("letter.pdf-retried").ShouldBe("重新生成 PDF 文书");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_draft_is_made_again_when_its_text_changed_and_a_deleted_letters_job_is_not_made(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        var converter = new FakePdfConverter().In(app);
        var application = await LetterApprovalTests.RegisteredAsync(app);
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        var letter = await LetterApprovalTests.DraftAsync(handler, application, "Receipt");
        var letterId = Guid.Parse(letter.Split('/')[^1]);
        var api = $"/api{letter}/pdf";

        var first = await (await handler.PostAsync(new Uri(api, UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await handler.PostAsync(new Uri(api, UriKind.Relative), null);
        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        first.GetProperty("state").GetString().ShouldBe("queued");
        (await ApplicantCases.QueryAsync(app, db => db.RenderJobs.CountAsync(j => j.SubjectId == letterId))).ShouldBe(1, "a second request while queued is the same job");

        var saved = await LetterApprovalTests.LetterAsync(app, letter);
        (await handler.PostFormAsync(letter, [new("Title", saved.Title), new("Recipient", saved.Recipient), new("Body", saved.Body + "\n补充一段。")], letter + "?handler=Save"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StateAsync(handler, api)).ShouldBe(("none", "尚未生成"), "the edited text has no PDF yet");
        (await handler.PostAsync(new Uri(api, UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await RoundAsync(app)).ShouldBe(2);
        var jobs = await ApplicantCases.QueryAsync(app, db => db.RenderJobs.AsNoTracking().Where(j => j.SubjectId == letterId).ToListAsync());
        jobs.OrderBy(j => j.State).Select(j => (j.State, j.Failure)).ShouldBe([(RenderJobState.Done, (string?)null), (RenderJobState.Failed, LetterPdfWorker.Edited)]);
        converter.Calls.ShouldBe(1, "the old text is not rendered");
        (await StateAsync(handler, api)).ShouldBe(("done", "已完成"));

        // A deleted draft's queued job is not made.
        var other = await LetterApprovalTests.DraftAsync(handler, application, "Correction");
        var otherId = Guid.Parse(other.Split('/')[^1]);
        (await handler.PostAsync(new Uri($"/api{other}/pdf", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await handler.PostFormAsync(other, [], other + "?handler=Delete")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RoundAsync(app)).ShouldBe(1);
        var deleted = await JobAsync(app, otherId);
        (deleted.State, deleted.Failure).ShouldBe((RenderJobState.Failed, LetterPdfWorker.Deleted));
        converter.Calls.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stale_claim_of_a_node_that_died_is_taken_over_and_a_fresh_one_is_left(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Letters:PdfStaleAfter"] = "00:10:00";
        var converter = new FakePdfConverter().In(app);
        var letters = await LettersAsync(app, 2);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await EnqueueAsync(app, letters[0], RenderJobState.Running, "dead-node", now.AddMinutes(-11));
        await EnqueueAsync(app, letters[1], RenderJobState.Running, "busy-node", now.AddMinutes(-9));

        (await RoundAsync(app)).ShouldBe(1);

        var node = app.Services.GetRequiredService<NodeIdentity>().Name;
        var taken = await JobAsync(app, letters[0]);
        (taken.State, taken.ClaimedBy, taken.Attempts, taken.ClaimedAtUtc).ShouldBe((RenderJobState.Done, node, 2, (DateTime?)now));
        var left = await JobAsync(app, letters[1]);
        (left.State, left.ClaimedBy, left.Attempts).ShouldBe((RenderJobState.Running, "busy-node", 1));
        converter.Calls.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_job_whose_node_keeps_dying_ends_failed_at_the_attempt_cap_and_a_persons_retry_starts_it_again(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Letters:PdfStaleAfter"] = "00:10:00";
        app.Settings["Letters:PdfMaxAttempts"] = "3";
        var converter = new FakePdfConverter().In(app);
        var letters = await LettersAsync(app, 2);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await EnqueueAsync(app, letters[0], RenderJobState.Running, "dead-node", now.AddMinutes(-11));
        await EnqueueAsync(app, letters[1], RenderJobState.Running, "dead-node", now.AddMinutes(-11));
        await using (var db = app.Database.CreateContext())
        {
            await db.RenderJobs.Where(j => j.SubjectId == letters[0]).ExecuteUpdateAsync(u => u.SetProperty(j => j.Attempts, 3));
            await db.RenderJobs.Where(j => j.SubjectId == letters[1]).ExecuteUpdateAsync(u => u.SetProperty(j => j.Attempts, 2));
        }

        (await RoundAsync(app)).ShouldBe(1, "the job with an attempt left is taken over and made");

        var gaveUp = await JobAsync(app, letters[0]);
        (gaveUp.State, gaveUp.Attempts, gaveUp.ClaimedBy, gaveUp.Failure, gaveUp.FinishedAtUtc).ShouldBe(
            (RenderJobState.Failed, 3, "dead-node", "已尝试生成 3 次均未完成（处理的服务器中途停止或出错），不再自动尝试；请点“重试”重新生成，仍失败的请联系系统管理员。", (DateTime?)now));
        var third = await JobAsync(app, letters[1]);
        (third.State, third.Attempts).ShouldBe((RenderJobState.Done, 3));
        converter.Calls.ShouldBe(1);
        (await RoundAsync(app)).ShouldBe(0, "a job that gave up is not claimed again by itself");

        // 重试 by a person queues it again with its attempts from zero, and says so in the audit log.
        var applicationId = await ApplicantCases.QueryAsync(app, db => db.Letters.Where(l => l.Id == letters[0]).Select(l => l.ApplicationId).SingleAsync());
        var letter = $"/applications/{applicationId}/letters/{letters[0]}";
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        (await handler.PostFormAsync(letter + "/pdf", [], letter + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var retried = await JobAsync(app, letters[0]);
        (retried.State, retried.Attempts, retried.Failure, retried.ClaimedBy).ShouldBe((RenderJobState.Queued, 0, (string?)null, (string?)null));
        (await RoundAsync(app)).ShouldBe(1);
        (await JobAsync(app, letters[0])).State.ShouldBe(RenderJobState.Done);
        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.EntityId == letters[0].ToString() && a.Action == "letter.pdf-retried").Select(a => a.Summary).ToListAsync());
        audit.ShouldBe([$"重新生成“政府信息公开申请接收回执（1）”的 PDF（上次失败：{LetterPdfWorker.GaveUp(3)}）"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Superseded_and_deleted_letters_pdfs_are_removed_after_the_retention_and_shared_or_current_ones_are_kept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Letters:PdfRetention"] = "7.00:00:00";
        var letters = await LettersAsync(app, 4);
        var store = app.Services.GetRequiredService<Gongkai.Web.Attachments.IFileStore>();
        async Task<string> FileAsync(string text)
        {
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 " + text));
            return (await store.SaveAsync(content)).Sha256;
        }

        var now = app.Clock.GetUtcNow().UtcDateTime;
        var shared = await FileAsync("shared");
        var edited = await FileAsync("edited draft");
        var deleted = await FileAsync("deleted letter");
        var recent = await FileAsync("edited yesterday");
        var issued = await FileAsync("issued");
        await using (var db = app.Database.CreateContext())
        {
            await db.Letters.Where(l => l.Id == letters[3]).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, LetterStatus.Issued).SetProperty(l => l.IssuedOn, new DateOnly(2024, 5, 1)));
        }

        var current0 = await FinishedJobAsync(app, letters[0], null, shared, now.AddDays(-30));
        await FinishedJobAsync(app, letters[0], "edited-1", shared, now.AddDays(-8));
        await FinishedJobAsync(app, letters[0], "edited-2", edited, now.AddDays(-8));
        await FinishedJobAsync(app, letters[0], "edited-3", null, now.AddDays(-8), RenderJobState.Failed);
        await FinishedJobAsync(app, letters[1], null, deleted, now.AddDays(-8));
        var young = await FinishedJobAsync(app, letters[2], "edited-4", recent, now.AddDays(-2));
        var kept = await FinishedJobAsync(app, letters[3], null, issued, now.AddDays(-400));
        await using (var db = app.Database.CreateContext())
        {
            await db.Letters.Where(l => l.Id == letters[1]).ExecuteDeleteAsync();
        }

        // Past the reuse grace of the files saved above (a save keeps content for FileReferences.ReuseGrace).
        app.Clock.Advance(FileReferences.ReuseGrace + TimeSpan.FromMinutes(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<LetterPdfCleanup>().RunAsync(CancellationToken.None)).ShouldBe(4);
        }

        var left = await ApplicantCases.QueryAsync(app, db => db.RenderJobs.Select(j => j.Id).ToListAsync());
        left.Order().ShouldBe(new[] { current0, young, kept }.Order(), "the current text's job (draft or issued) and one inside the retention stay");
        (await store.ExistsAsync(shared)).ShouldBeTrue("the current job still refers to the same content");
        (await store.ExistsAsync(edited)).ShouldBeFalse();
        (await store.ExistsAsync(deleted)).ShouldBeFalse();
        (await store.ExistsAsync(recent)).ShouldBeTrue();
        (await store.ExistsAsync(issued)).ShouldBeTrue();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<LetterPdfCleanup>().RunAsync(CancellationToken.None)).ShouldBe(0, "nothing more to remove");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_cleanup_run_reads_only_the_jobs_it_never_checked_or_whose_letter_changed_since(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Letters:PdfRetention"] = "7.00:00:00";
        var letters = await LettersAsync(app, 4);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var jobs = new List<Guid>();
        foreach (var letter in letters)
        {
            jobs.Add(await FinishedJobAsync(app, letter, null, null, now.AddDays(-30)));
        }

        async Task<(int Removed, int Examined)> RunAsync()
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            await using var scope = app.Services.CreateAsyncScope();
            var cleanup = scope.ServiceProvider.GetRequiredService<LetterPdfCleanup>();
            return (await cleanup.RunAsync(CancellationToken.None), cleanup.Examined);
        }

        (await RunAsync()).ShouldBe((0, 4), "the first run reads every job past the retention once");
        var firstCheck = app.Clock.GetUtcNow().UtcDateTime;
        (await ApplicantCases.QueryAsync(app, db => db.RenderJobs.Select(j => j.CheckedAtUtc).ToListAsync())).ShouldAllBe(c => c == firstCheck);
        (await RunAsync()).ShouldBe((0, 0), "nothing changed: nothing is read");

        // A draft edited: only its job is read again, and it is superseded.
        await using (var db = app.Database.CreateContext())
        {
            var edited = app.Clock.GetUtcNow().UtcDateTime;
            await db.Letters.Where(l => l.Id == letters[0]).ExecuteUpdateAsync(u => u.SetProperty(l => l.Body, "张三：\n改过的正文。").SetProperty(l => l.UpdatedAtUtc, edited));
        }

        (await RunAsync()).ShouldBe((1, 1));
        (await RunAsync()).ShouldBe((0, 0));

        // A letter saved without a change of text: read again, kept, stamped anew.
        await using (var db = app.Database.CreateContext())
        {
            var touched = app.Clock.GetUtcNow().UtcDateTime;
            await db.Letters.Where(l => l.Id == letters[1]).ExecuteUpdateAsync(u => u.SetProperty(l => l.UpdatedAtUtc, touched));
        }

        (await RunAsync()).ShouldBe((0, 1));

        // A deleted draft (as the letter page deletes it) and a renamed agency mark their jobs for the next run.
        await using (var db = app.Database.CreateContext())
        {
            (await LetterPdfCleanup.RecheckLetterAsync(db, letters[1], CancellationToken.None)).ShouldBe(1);
            await db.Letters.Where(l => l.Id == letters[1]).ExecuteDeleteAsync();
        }

        (await RunAsync()).ShouldBe((1, 1));
        await using (var db = app.Database.CreateContext())
        {
            var agency = await db.Letters.Where(l => l.Id == letters[2]).Select(l => l.AgencyId).SingleAsync();
            (await LetterPdfCleanup.RecheckAgencyAsync(db, agency, CancellationToken.None)).ShouldBe(2);
            await db.Agencies.Where(a => a.Id == agency).ExecuteUpdateAsync(u => u.SetProperty(a => a.Name, "改名后的机关"));
        }

        (await RunAsync()).ShouldBe((2, 2), "both letters are signed with the old name");
        (await ApplicantCases.QueryAsync(app, db => db.RenderJobs.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Content_reused_while_the_cleanup_deletes_it_stays_in_either_file_store(string provider)
    {
        foreach (var storage in new[] { "local", "database" })
        {
            await using var database = await TestDatabase.CreateAsync(provider);
            await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
            app.Settings["ScheduledJobs:Enabled"] = "false";
            app.Settings["Letters:PdfRetention"] = "7.00:00:00";
            app.Settings["Storage:Provider"] = storage;
            var letters = await LettersAsync(app, 2);
            var store = app.Services.GetRequiredService<Gongkai.Web.Attachments.IFileStore>();
            byte[] pdf = [.. System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 reused " + storage)];
            async Task<Gongkai.Web.Attachments.StoredFile> SaveAsync()
            {
                using var content = new MemoryStream(pdf);
                return await store.SaveAsync(content);
            }

            var sha = (await SaveAsync()).Sha256;
            var now = app.Clock.GetUtcNow().UtcDateTime;
            await FinishedJobAsync(app, letters[0], "edited-1", sha, now.AddDays(-8));
            app.Clock.Advance(FileReferences.ReuseGrace + TimeSpan.FromMinutes(1));

            // The cleanup has found the job superseded and no other row naming the content; just before its delete, an
            // upload stores the same content again (deduplicated) and has not committed its row yet.
            var racing = new RacingStore(store, () => SaveAsync());
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var cleanup = ActivatorUtilities.CreateInstance<LetterPdfCleanup>(scope.ServiceProvider, (Gongkai.Web.Attachments.IFileStore)racing);
                (await cleanup.RunAsync(CancellationToken.None)).ShouldBe(1, storage);
            }

            racing.Saved.ShouldNotBeNull(storage).AlreadyStored.ShouldBeTrue(storage);
            racing.Deleted.ShouldBe(false, storage);
            (await store.ExistsAsync(sha)).ShouldBeTrue(storage);
            await using (var content = await store.OpenAsync(sha))
            using (var copy = new MemoryStream())
            {
                await content!.CopyToAsync(copy);
                copy.ToArray().ShouldBe(pdf, storage);
            }

            // Without a reuse within the grace, the same delete removes it; a save after that stores it anew.
            app.Clock.Advance(FileReferences.ReuseGrace + TimeSpan.FromMinutes(1));
            var cutoff = app.Clock.GetUtcNow().UtcDateTime - FileReferences.ReuseGrace;
            (await store.DeleteUnclaimedAsync(sha, cutoff)).ShouldBeTrue(storage);
            (await store.ExistsAsync(sha)).ShouldBeFalse(storage);
            (await store.DeleteUnclaimedAsync(sha, cutoff)).ShouldBeFalse(storage);
            (await SaveAsync()).AlreadyStored.ShouldBeFalse(storage);
            (await store.ExistsAsync(sha)).ShouldBeTrue(storage);
            (await store.DeleteUnclaimedAsync(sha, cutoff)).ShouldBeFalse("just saved: " + storage);
        }
    }

    /// <summary>A file store whose conditional delete lets a concurrent save land first (the race, made deterministic).</summary>
    private sealed class RacingStore(Gongkai.Web.Attachments.IFileStore inner, Func<Task<Gongkai.Web.Attachments.StoredFile>> concurrentSave) : Gongkai.Web.Attachments.IFileStore
    {
        public Gongkai.Web.Attachments.StoredFile? Saved { get; private set; }

        public bool? Deleted { get; private set; }

        public Task<Gongkai.Web.Attachments.StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken = default) => inner.SaveAsync(content, cancellationToken);

        public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default) => inner.OpenAsync(sha256, cancellationToken);

        public Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default) => inner.ExistsAsync(sha256, cancellationToken);

        public Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken = default) => throw new InvalidOperationException("the cleanup must delete conditionally");

        public async Task<bool> DeleteUnclaimedAsync(string sha256, DateTime savedBeforeUtc, CancellationToken cancellationToken = default)
        {
            Saved = await concurrentSave();
            Deleted = await inner.DeleteUnclaimedAsync(sha256, savedBeforeUtc, cancellationToken);
            return Deleted.Value;
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_on_one_database_make_each_of_many_queued_pdfs_exactly_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        await using var second = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        first.Settings["ScheduledJobs:Enabled"] = "false";
        second.Settings["ScheduledJobs:Enabled"] = "false";
        first.Settings["Letters:PdfConcurrency"] = "2";
        second.Settings["Letters:PdfConcurrency"] = "2";
        var one = new FakePdfConverter().In(first);
        var two = new FakePdfConverter().In(second);
        _ = first.Services;
        _ = second.Services;
        var letters = await LettersAsync(first, 40);
        foreach (var letter in letters)
        {
            await EnqueueAsync(first, letter, RenderJobState.Queued, null, null);
        }

        var rounds = await Task.WhenAll(Task.Run(() => RoundAsync(first)), Task.Run(() => RoundAsync(second)));

        rounds.Sum().ShouldBe(40);
        (one.Calls + two.Calls).ShouldBe(40, "each letter converted by exactly one node");
        await using var db = database.CreateContext();
        var jobs = await db.RenderJobs.AsNoTracking().ToListAsync();
        jobs.Count.ShouldBe(40);
        jobs.ShouldAllBe(j => j.State == RenderJobState.Done && j.Attempts == 1 && j.FileSha256 != null && j.Failure == null);
        jobs.Select(j => j.FileSha256).Distinct().Count().ShouldBe(40);
        (await Task.WhenAll(RoundAsync(first), RoundAsync(second))).ShouldBe([0, 0], "nothing is made twice");
    }

    [Fact]
    public async Task Another_agencys_letter_and_a_draft_on_the_status_page_are_not_found_with_a_page_that_says_so()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        var converter = new FakePdfConverter().In(app);
        var application = await LetterApprovalTests.RegisteredAsync(app);
        using var reviewer = app.CreateBrowserClient();
        await reviewer.LoginAsync("reviewer");
        var issued = await LetterApprovalTests.DraftAsync(reviewer, application, "Reply.Granted");
        await LetterApprovalTests.IssueAsync(reviewer, issued);
        var draft = await LetterApprovalTests.DraftAsync(reviewer, application, "Receipt");
        var draftId = Guid.Parse(draft.Split('/')[^1]);
        var issuedId = Guid.Parse(issued.Split('/')[^1]);

        // Staff of another agency: 404 on the page, its form and the JSON; no job is made.
        using var other = app.CreateBrowserClient();
        await other.LoginAsync("handler2");
        var page = await other.GetAsync(new Uri(issued + "/pdf", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.BodyAsync()).ShouldContain("找不到该页面");
        (await other.PostFormAsync("/work", [], issued + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync(new Uri($"/api{issued}/pdf", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync(new Uri($"/api{issued}/pdf", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The applicant: the issued letter's PDF is requested from the status page; a draft is not found.
        using var applicant = app.CreateBrowserClient();
        (await StatusTests.LookupAsync(applicant, application.ReceiptCode, ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var draftPage = await applicant.GetAsync(new Uri($"/status/letters/{draftId}/pdf", UriKind.Relative));
        draftPage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await draftPage.BodyAsync()).ShouldContain("找不到该页面");
        (await applicant.PostFormAsync("/status/case", [], $"/status/letters/{draftId}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.GetAsync(new Uri($"/status/letters/{draftId}/pdf?handler=state", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApplicantCases.QueryAsync(app, db => db.RenderJobs.CountAsync())).ShouldBe(0);

        var status = await applicant.GetPageAsync("/status/case");
        status.QuerySelector($"#pdf-{issuedId} form[data-part=request]")!.GetAttribute("action").ShouldBe($"/status/letters/{issuedId}/pdf");
        status.QuerySelector($"#pdf-{draftId}").ShouldBeNull();
        var requested = await applicant.PostFormAsync("/status/case", [], $"/status/letters/{issuedId}/pdf");
        requested.Headers.Location!.ToString().ShouldBe($"/status/case#pdf-{issuedId}");
        (await JobAsync(app, issuedId)).RequestedByName.ShouldBe("申请人");
        (await StateAsync(applicant, $"/status/letters/{issuedId}/pdf?handler=state")).ShouldBe(("queued", "排队中"));
        (await RoundAsync(app)).ShouldBe(1);
        var file = await applicant.GetAsync(new Uri($"/status/letters/{issuedId}/pdf", UriKind.Relative));
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await ApplicantCases.QueryAsync(app, db => db.AuditLog.CountAsync(a => a.Action == "letter.downloaded" && a.EntityId == issuedId.ToString()))).ShouldBe(1);

        // Without the applicant's session the JSON says nothing and sends to the look-up.
        using var stranger = app.CreateBrowserClient();
        var refused = await stranger.GetAsync(new Uri($"/status/letters/{issuedId}/pdf?handler=state", UriKind.Relative));
        (refused.StatusCode, refused.Headers.Location?.ToString()).ShouldBe((HttpStatusCode.Redirect, "/status"));
        converter.Calls.ShouldBe(1);
    }

    internal static async Task<int> RoundAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LetterPdfWorker>().RunAsync(CancellationToken.None);
    }

    private static async Task<(string? State, string? Label)> StateAsync(HttpClient client, string url)
    {
        var json = await client.GetFromJsonAsync<JsonElement>(url);
        return (json.GetProperty("state").GetString(), json.GetProperty("label").GetString());
    }

    private static Task<RenderJob> JobAsync(GongkaiApp app, Guid letterId) =>
        ApplicantCases.QueryAsync(app, db => db.RenderJobs.AsNoTracking().Where(j => j.SubjectId == letterId).OrderByDescending(j => j.RequestedAtUtc).FirstAsync());

    private static async Task UntilAsync(GongkaiApp app, Guid letterId, RenderJobState state)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await JobAsync(app, letterId)).State != state)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(2), $"the job never became {state}");
            await Task.Delay(20);
        }
    }

    /// <summary>Letters of one registered application, written directly (as many as a test needs).</summary>
    private static async Task<List<Guid>> LettersAsync(GongkaiApp app, int count)
    {
        var application = await ApplicantCases.ReceiveAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var letters = Enumerable.Range(1, count).Select(i => new LetterRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = application.AgencyId,
            ApplicationId = application.Id,
            Kind = "Receipt",
            Recipient = "张三",
            Title = $"政府信息公开申请接收回执（{i}）",
            Body = $"张三：\n本机关已收到您的申请（第 {i} 份）。",
            Status = LetterStatus.Draft,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        }).ToList();
        await using var db = app.Database.CreateContext();
        db.Letters.AddRange(letters);
        await db.SaveChangesAsync();
        return [.. letters.Select(l => l.Id)];
    }

    /// <summary>A finished job of the letter's current text (hash null) or of another text, with its file.</summary>
    private static Task<Guid> FinishedJobAsync(GongkaiApp app, Guid letterId, string? hash, string? file, DateTime finishedAt, RenderJobState state = RenderJobState.Done) =>
        AddJobAsync(app, letterId, job =>
        {
            job.SourceHash = hash ?? job.SourceHash;
            job.State = state;
            job.Attempts = 1;
            job.Failure = state == RenderJobState.Failed ? LibreOfficePdf.NotInstalled : null;
            job.FileSha256 = file;
            job.FileSize = file is null ? null : 20;
            job.RequestedAtUtc = finishedAt.AddMinutes(-1);
            job.FinishedAtUtc = finishedAt;
        });

    private static Task<Guid> EnqueueAsync(GongkaiApp app, Guid letterId, RenderJobState state, string? claimedBy, DateTime? claimedAt) =>
        AddJobAsync(app, letterId, job =>
        {
            job.State = state;
            job.Attempts = claimedBy is null ? 0 : 1;
            job.ClaimedBy = claimedBy;
            job.ClaimedAtUtc = claimedAt;
        });

    /// <summary>A job of the letter's current text, requested 20 minutes ago, as <paramref name="set"/> changes it.</summary>
    private static async Task<Guid> AddJobAsync(GongkaiApp app, Guid letterId, Action<RenderJob> set)
    {
        await using var db = app.Database.CreateContext();
        var letter = await db.Letters.AsNoTracking().SingleAsync(l => l.Id == letterId);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == letter.AgencyId).Select(a => a.Name).SingleAsync();
        var job = new RenderJob
        {
            Id = Guid.NewGuid(),
            Kind = RenderJob.LetterPdf,
            SubjectId = letterId,
            AgencyId = letter.AgencyId,
            Format = "pdf",
            SourceHash = LetterPdfJobs.SourceHash(LetterDocument.From(letter, agency)),
            State = RenderJobState.Queued,
            RequestedByName = "张明（经办人）",
            RequestedAtUtc = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-20),
        };
        set(job);
        db.RenderJobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    }
}
