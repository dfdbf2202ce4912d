using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.AnnualReports;
using Gongkai.Tests.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Web;
using Gongkai.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Letters;

public class LetterSignOffApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reply_is_submitted_returned_resubmitted_approved_and_issued_and_counts_in_table_three_only_once_issued(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        var application = await LetterApprovalTests.RegisteredAsync(app);
        using var handler = await app.SignedInAsync("handler");
        using var reviewer = await app.SignedInAsync("reviewer");

        app.Clock.Now = app.Clock.Now.AddMinutes(1);
        var drafted = await handler.PostAsJsonAsync(new Uri($"/api/applications/{application.Id}/letters", UriKind.Relative), new { kind = "Reply.Granted" }, Desk.Json);
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var letter = await drafted.JsonAsync();
        letter.GetProperty("status").GetString().ShouldBe("draft");
        var url = $"/api/applications/{application.Id}/letters/{letter.GetProperty("id").GetGuid()}";

        await RefusedAsync(reviewer, url + "/approve", null, "该文书尚未提交审批。", "draft");
        (await StepAsync(app, handler, url + "/submit", null)).GetProperty("status").GetString().ShouldBe("submitted");
        await RefusedAsync(handler, url + "/approve", null, "只有审核人可以审批文书。", "submitted");
        await RefusedAsync(reviewer, url + "/return", new { reason = " " }, "请填写退回理由，经办人据此修改。", "submitted");
        var returned = await StepAsync(app, reviewer, url + "/return", new { reason = "请写明公开信息的获取方式。" });
        returned.GetProperty("status").GetString().ShouldBe("returned");
        returned.GetProperty("statusLabel").GetString().ShouldBe("已退回");
        returned.GetProperty("returnReason").GetString().ShouldBe("请写明公开信息的获取方式。");
        await RefusedAsync(handler, url + "/issue", new { delivery = "Electronic" }, "文书须经审核人审批同意后才能签发。", "returned");
        (await StepAsync(app, handler, url + "/submit", null)).GetProperty("status").GetString().ShouldBe("submitted");
        (await StepAsync(app, reviewer, url + "/approve", null)).GetProperty("status").GetString().ShouldBe("approved");

        (await GrantedAsync(app, application.AgencyId)).ShouldBe(0, "an approved letter not yet issued is no reply");
        await RefusedAsync(handler, url + "/issue", new { }, "请选择送达方式：签发答复书即作出答复，送达方式决定答复日期的计算。", "approved");
        var issued = await StepAsync(app, handler, url + "/issue", new { delivery = "Electronic" });
        issued.GetProperty("status").GetString().ShouldBe("issued");
        issued.GetProperty("number").GetString().ShouldBe("示教公复〔2024〕1号");
        issued.GetProperty("issuedOn").GetString().ShouldBe("2024-06-17");
        issued.GetProperty("visibleToApplicant").GetBoolean().ShouldBeTrue();
        (await GrantedAsync(app, application.AgencyId)).ShouldBe(1);
        await RefusedAsync(handler, url + "/issue", new { delivery = "Electronic" }, "该文书已经签发，不能再次签发。", "issued");

        var stored = await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == application.Id));
        stored.State.ShouldBe(Gongkai.Applications.CaseState.Replied);
        stored.Outcome.ShouldBe(Gongkai.Applications.Outcome.Granted);
        stored.ConcludedOn.ShouldBe(new DateOnly(2024, 6, 17));
        var steps = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.EntityType == "Letter").OrderBy(a => a.AtUtc).ThenBy(a => a.Id).Select(a => a.Action + " " + a.UserName).ToListAsync());
        steps.ShouldBe(["letter.drafted handler", "letter.submitted handler", "letter.returned reviewer", "letter.submitted handler", "letter.approved reviewer", "letter.issued handler"]);
    }

    /// <summary>Takes a step a minute after the one before, so that the audit log's order is the steps' order.</summary>
    private static async Task<JsonElement> StepAsync(GongkaiApp app, HttpClient client, string url, object? body)
    {
        app.Clock.Now = app.Clock.Now.AddMinutes(1);
        var response = await client.PostAsJsonAsync(new Uri(url, UriKind.Relative), body ?? new { }, Desk.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static async Task RefusedAsync(HttpClient client, string url, object? body, string message, string status)
    {
        var response = await client.PostAsJsonAsync(new Uri(url, UriKind.Relative), body ?? new { }, Desk.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        var refusal = await response.JsonAsync();
        refusal.GetProperty("message").GetString().ShouldBe(message);
        refusal.GetProperty("status").GetString().ShouldBe(status);
    }

    private static async Task<decimal> GrantedAsync(GongkaiApp app, Guid agencyId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tables = await scope.ServiceProvider.GetRequiredService<CaseTableQuery>().ComputeAsync(agencyId, 2024);
        return tables.Table3[Table3Row.Granted, Table3Column.Total].Value!.Value;
    }
}
