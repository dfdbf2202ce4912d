using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>The JSON API: online submission, the queue, one case, lifecycle actions, OpenAPI.</summary>
public class ApplicationApiTests
{
    [Fact]
    public async Task An_online_submission_answers_201_with_a_receipt_code_number_and_due_date()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var agencyId = await app.AgencyIdAsync(Desk.Education);
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(agencyId), Desk.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var receipt = await response.JsonAsync();
        var code = receipt.GetProperty("receiptCode").GetString()!;
        code.Length.ShouldBe(10);
        receipt.GetProperty("receivedOn").GetString().ShouldBe("2024-06-17", "online: received (and confirmed) today");
        receipt.GetProperty("dueOn").GetString().ShouldBe("2024-07-15", "20 working days after Monday 17 June 2024");
        await using var db = app.Database.CreateContext();
        var stored = await db.Applications.SingleAsync(a => a.ReceiptCode == code);
        stored.Number.ShouldBe(receipt.GetProperty("number").GetString());
        stored.Channel.ShouldBe(ReceiptChannel.Online);
        stored.SubmittedOnline.ShouldBeTrue();
        stored.State.ShouldBe(CaseState.Received);
        stored.IdNumber.ShouldBe("11010519491231002X");
        (await app.AuditCountAsync("application.received", stored.Id.ToString(), "（公众）")).ShouldBe(1);
    }

    [Fact]
    public async Task An_incomplete_online_submission_answers_400_with_chinese_field_errors()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var agencyId = await app.AgencyIdAsync(Desk.Education);
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync(
            new Uri("/api/applications", UriKind.Relative),
            new { agencyId, applicantType = "NaturalPerson", idNumber = "110105194912310021", description = "学区" },
            Desk.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("title").GetString().ShouldBe("申请内容有误");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("applicantName")[0].GetString().ShouldBe("请填写申请人姓名。");
        errors.GetProperty("idNumber")[0].GetString().ShouldBe("居民身份证号码应为18位，最后一位是数字或X，请核对。");
        errors.GetProperty("phone")[0].GetString().ShouldBe("请填写联系电话：查询办理进度需要它。");
        errors.GetProperty("description")[0].GetString().ShouldStartWith("请写明所需政府信息的名称");
        await using var db = app.Database.CreateContext();
        (await db.Applications.CountAsync(a => a.SubmittedOnline && a.ReceivedOn == new DateOnly(2024, 6, 17))).ShouldBe(0);
    }

    [Fact]
    public async Task Online_submissions_are_limited_per_client_and_the_eleventh_in_an_hour_answers_429()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            var allowed = await client.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), new { description = "x" }, Desk.Json);
            allowed.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"request {i + 1} is within the limit");
        }

        var limited = await client.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), new { description = "x" }, Desk.Json);

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK, "only submissions are limited");
    }

    [Fact]
    public async Task Actions_follow_the_case_engine_and_a_refused_one_answers_409_with_its_reason()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var agencyId = await app.AgencyIdAsync(Desk.Education);
        using var anonymous = app.CreateClient();
        var receipt = await (await anonymous.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(agencyId), Desk.Json)).JsonAsync();
        await using var db = app.Database.CreateContext();
        var id = await db.Applications.Where(a => a.ReceiptCode == receipt.GetProperty("receiptCode").GetString()).Select(a => a.Id).SingleAsync();
        using var handler = await app.SignedInAsync("handler");

        var early = await handler.ActAsync(id, "offline-reply", new { outcome = "Granted", delivery = "Electronic" });
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var earlyErrors = (await early.JsonAsync()).GetProperty("errors");
        earlyErrors.GetProperty("scanId")[0].GetString().ShouldBe("请先在“附件”中上传盖章答复书的扫描件（类型：盖章文书扫描件），再登记平台外答复。");
        earlyErrors.GetProperty("explanation")[0].GetString().ShouldBe("请说明答复书为什么没有在本平台签发。");
        var scanId = Guid.CreateVersion7();
        db.Attachments.Add(new Gongkai.Data.Applications.AttachmentRecord
        {
            Id = scanId, AgencyId = agencyId, OwnerId = id, Kind = Gongkai.Data.Applications.AttachmentKind.Letter, FileName = "答复书扫描件.pdf",
            ContentType = "application/pdf", Size = 1, Sha256 = new string('0', 64), UploadedAtUtc = DateTime.UnixEpoch, UploadedBy = "handler",
        });
        await db.SaveChangesAsync();
        var offline = new { scanId, explanation = "领导现场签批后当面交付" };

        var notRegistered = await handler.ActAsync(id, "offline-reply", new { outcome = "Granted", delivery = "Electronic", offline.scanId, offline.explanation });
        notRegistered.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var refusal = await notRegistered.JsonAsync();
        refusal.GetProperty("detail").GetString().ShouldBe("申请尚未登记，不能答复。");
        refusal.GetProperty("code").GetString().ShouldBe("not-registered");

        var registered = await handler.ActAsync(id, "register", new { });
        registered.StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterRegister = await registered.JsonAsync();
        afterRegister.GetProperty("state").GetString().ShouldBe("InProgress");
        afterRegister.GetProperty("applicant").ValueKind.ShouldBe(JsonValueKind.Null, "action answers carry no personal data");

        var missing = await handler.ActAsync(id, "offline-reply", new { delivery = "Electronic", offline.scanId, offline.explanation });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.JsonAsync()).GetProperty("errors").GetProperty("outcome")[0].GetString().ShouldBe("请选择办理结果。");

        var noReason = await handler.ActAsync(id, "offline-reply", new { outcome = "WithheldStateSecret", delivery = "Electronic", offline.scanId, offline.explanation });
        noReason.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var reasonRefusal = await noReason.JsonAsync();
        reasonRefusal.GetProperty("code").GetString().ShouldBe("reason-required");
        reasonRefusal.GetProperty("detail").GetString().ShouldBe("办理结果「（三）不予公开1.属于国家秘密」须说明理由（依据：《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项）。");
        reasonRefusal.GetProperty("fields")[0].GetString().ShouldBe("reason");

        var stale = await handler.ActAsync(id, "offline-reply", new { version = afterRegister.GetProperty("version").GetInt32() - 1, outcome = "Granted", delivery = "Electronic", offline.scanId, offline.explanation });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.JsonAsync()).GetProperty("code").GetString().ShouldBe("version-conflict");

        var replied = await handler.ActAsync(id, "offline-reply", new { version = afterRegister.GetProperty("version").GetInt32(), outcome = "Granted", delivery = "Electronic", offline.scanId, offline.explanation });
        replied.StatusCode.ShouldBe(HttpStatusCode.OK);
        var done = await replied.JsonAsync();
        done.GetProperty("state").GetString().ShouldBe("Replied");
        done.GetProperty("outcome").GetString().ShouldBe("Granted");
        done.GetProperty("deadlineStatus").GetString().ShouldBe("RepliedOnTime");
        done.GetProperty("events").GetArrayLength().ShouldBe(2);
        (await app.AuditCountAsync("application.offline-reply", id.ToString(), "handler")).ShouldBe(1);
        var summary = await db.AuditLog.Where(a => a.Action == "application.offline-reply").Select(a => a.Summary).SingleAsync();
        summary.ShouldEndWith("平台外答复：（一）予以公开（电子邮件或网上平台送达）；扫描件：答复书扫描件.pdf；未在平台签发的原因：领导现场签批后当面交付");
        (await handler.ActAsync(id, "reply", new { outcome = "Granted", delivery = "Electronic" })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a reply without a letter or a scan is no action any more");
        (await handler.ActAsync(id, "no-such-action", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_case_comes_with_its_deadline_computation_and_the_queue_filters_and_pages()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var overdue = await app.CaseAsync(Desk.Education, q => q.Where(a => a.State == CaseState.InProgress && a.DueOn < new DateOnly(2024, 6, 17)));
        using var handler = await app.SignedInAsync("handler");

        var detail = await (await handler.GetAsync(new Uri($"/api/applications/{overdue.Id}", UriKind.Relative))).JsonAsync();
        detail.GetProperty("deadlineStatus").GetString().ShouldBe("Overdue");
        var deadline = detail.GetProperty("deadline");
        deadline.GetProperty("due").GetString().ShouldBe(overdue.DueOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        deadline.GetProperty("workingDaysCounted").GetInt32().ShouldBe(20);
        deadline.GetProperty("steps")[0].GetProperty("text").GetString()!.ShouldStartWith("收到申请：");
        deadline.GetProperty("explanation").GetString()!.ShouldContain("计入的工作日：共20个");
        var days = deadline.GetProperty("days");
        days.EnumerateArray().Count(d => d.GetProperty("ordinal").ValueKind == JsonValueKind.Number).ShouldBe(20);
        detail.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "offline-reply").GetProperty("available").GetBoolean().ShouldBeTrue();

        var page = await (await handler.GetAsync(new Uri("/api/applications?status=overdue", UriKind.Relative))).JsonAsync();
        await using var db = app.Database.CreateContext();
        var expected = await db.Applications.CountAsync(a => a.AgencyId == overdue.AgencyId && a.State == CaseState.InProgress && a.DueOn < new DateOnly(2024, 6, 17));
        page.GetProperty("total").GetInt32().ShouldBe(expected);
        page.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("deadlineStatus").GetString() == "Overdue");

        var second = await (await handler.GetAsync(new Uri("/api/applications?page=2", UriKind.Relative))).JsonAsync();
        second.GetProperty("page").GetInt32().ShouldBe(2);
        second.GetProperty("items").GetArrayLength().ShouldBe(20);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_application_endpoints()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        var paths = document.GetProperty("paths");
        paths.GetProperty("/api/applications").GetProperty("post").GetProperty("summary").GetString().ShouldBe("在线提交政府信息公开申请");
        paths.GetProperty("/api/applications").GetProperty("post").GetProperty("description").GetString()!.ShouldContain("每个节点分别计数");
        paths.GetProperty("/api/applications").GetProperty("get").GetProperty("operationId").GetString().ShouldBe("ListApplications");
        paths.GetProperty("/api/applications/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
        var act = paths.GetProperty("/api/applications/{id}/actions/{action}").GetProperty("post");
        act.GetProperty("responses").TryGetProperty("409", out _).ShouldBeTrue();
        act.GetProperty("description").GetString()!.ShouldContain("approve-extension（批准延期");
    }
}
