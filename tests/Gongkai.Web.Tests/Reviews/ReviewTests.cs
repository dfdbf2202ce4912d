using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Reviews;

public class ReviewTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Records_entered_on_the_application_feed_table_4_of_the_year_they_count_in(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        var first = await ApplicantCases.ReceiveAsync(app);
        var second = await ApplicantCases.ReceiveAsync(app, applicant: "李四");
        var elsewhere = await ApplicantCases.ReceiveAsync(app, agency: "示范县自然资源局");
        app.Clock.Now = new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        // Counted from whatever the agency already has (the demo region has records of its own).
        var before2024 = await CellsAsync(client, 2024);
        var before2025 = await CellsAsync(client, 2025);
        var beforeApi = await client.GetFromJsonAsync<Table4Json>(new Uri("/api/reviews/table4?year=2024", UriKind.Relative));
        await AddAsync(client, first.Id, "Reconsideration", "2024-07-01", "Upheld", "2024-09-01", "示范县人民政府", "示政复〔2024〕5号");
        await AddAsync(client, first.Id, "LitigationAfterReconsideration", "2024-09-10", "Pending", "");
        await AddAsync(client, second.Id, "Reconsideration", "2024-11-01", "Corrected", "2025-01-20");
        await AddAsync(client, second.Id, "LitigationDirect", "2024-08-01", "Other", "2024-12-31");
        using (var other = app.CreateBrowserClient())
        {
            await other.LoginAsync("handler2");
            await AddAsync(other, elsewhere.Id, "Reconsideration", "2024-07-01", "Upheld", "2024-09-01");
        }

        // 2024 — 行政复议: 维持 1, 尚未审结 1 (decided only in 2025); 直接起诉: 其他 1; 复议后起诉: 尚未审结 1.
        (await CellsAsync(client, 2024)).ShouldBe(Add(before2024, [1, 0, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1]));
        (await CellsAsync(client, 2025)).ShouldBe(Add(before2025, [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]));

        var api = await client.GetFromJsonAsync<Table4Json>(new Uri("/api/reviews/table4?year=2024", UriKind.Relative));
        api!.Year.ShouldBe(2024);
        api.Blocks.Select(b => b.Label).ShouldBe(["行政复议", "未经复议直接起诉", "复议后起诉"]);
        api.Blocks.SelectMany(b => new[] { b.Upheld, b.Corrected, b.Other, b.Pending, b.Total }).ShouldBe(
            Add([.. beforeApi!.Blocks.SelectMany(b => new[] { b.Upheld, b.Corrected, b.Other, b.Pending, b.Total })], [1, 0, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1]));
        var ours = api.Records.Where(r => r.ApplicationNumber == first.Number || r.ApplicationNumber == second.Number).ToList();
        ours.Count.ShouldBe(4);
        ours.ShouldContain(r => r.CaseNumber == "示政复〔2024〕5号" && r.ResultLabel == "结果维持" && r.ApplicationNumber == first.Number);
    }

    [Fact]
    public async Task The_domain_rules_refuse_an_inconsistent_record_and_the_form_keeps_what_was_typed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        app.Clock.Now = new DateTimeOffset(2024, 12, 2, 2, 0, 0, TimeSpan.Zero);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");

        var noDate = await AddAsync(client, application.Id, "Reconsideration", "2024-08-01", "Upheld", "", "示范县人民政府", "（2024）示复12号", expectSaved: false);
        var before = await AddAsync(client, application.Id, "LitigationDirect", "2024-08-01", "Corrected", "2024-07-01", expectSaved: false);
        var early = await AddAsync(client, application.Id, "Reconsideration", "2024-06-01", "Pending", "", expectSaved: false);

        noDate.QuerySelector("[role=alert]")!.TextContent.ShouldContain("尚未审结的记录没有审结日期；已审结的记录必须有审结日期。");
        noDate.QuerySelector("#CaseNumber")!.GetAttribute("value").ShouldBe("（2024）示复12号");
        noDate.QuerySelector("#Body")!.GetAttribute("value").ShouldBe("示范县人民政府");
        noDate.QuerySelector("#Result option[selected]")!.GetAttribute("value").ShouldBe("Upheld");
        before.QuerySelector("[role=alert]")!.TextContent.ShouldContain("审结日期不能早于立案（申请）日期。");
        before.QuerySelector("#Kind option[selected]")!.GetAttribute("value").ShouldBe("LitigationDirect");
        early.QuerySelector("[role=alert]")!.TextContent.ShouldContain("申请复议或者起诉的日期不能早于收到政府信息公开申请的日期（2024年6月17日）。");
        (await ApplicantCases.QueryAsync(app, db => db.Reviews.CountAsync(r => r.ApplicationId == application.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task A_record_is_corrected_or_removed_and_a_direct_lawsuit_against_a_refusal_is_flagged()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        await ApplicantCases.AppendAsync(
            app,
            application.Id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new Replied(at, ApplicantCases.Handler, Outcome.WithheldInternalAffairs, "属于内部人事管理信息", DeliveryMethod.Electronic));
        app.Clock.Now = new DateTimeOffset(2024, 12, 2, 2, 0, 0, TimeSpan.Zero);
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("handler");
        await AddAsync(client, application.Id, "LitigationDirect", "2024-08-01", "Pending", "");
        var record = await ApplicantCases.QueryAsync(app, db => db.Reviews.SingleAsync(r => r.ApplicationId == application.Id));
        var url = $"/applications/{application.Id}/reviews";

        var page = await client.GetPageAsync(url);
        page.QuerySelector("table.data .badge")!.TextContent.ShouldBe("注意：不予公开的答复依法应先申请行政复议");

        var edit = await client.GetPageAsync(url + "?edit=" + record.Id);
        edit.QuerySelector("#FiledOn")!.GetAttribute("value").ShouldBe("2024-08-01");
        await client.PostFormAsync(url + "?edit=" + record.Id, [new("Edit", record.Id.ToString()), new("Kind", "LitigationDirect"), new("FiledOn", "2024-08-01"), new("Result", "Upheld"), new("ConcludedOn", "2024-11-20")]);
        var updated = await ApplicantCases.QueryAsync(app, db => db.Reviews.AsNoTracking().SingleAsync(r => r.ApplicationId == application.Id));
        updated.Result.ShouldBe(ReviewResult.Upheld);
        updated.ConcludedOn.ShouldBe(new DateOnly(2024, 11, 20));

        await client.PostFormAsync(url, [new("reviewId", record.Id.ToString())], url + "?handler=Delete");
        (await ApplicantCases.QueryAsync(app, db => db.Reviews.CountAsync(r => r.ApplicationId == application.Id))).ShouldBe(0);
        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.EntityId == record.Id.ToString()).Select(a => a.Action).ToListAsync());
        audit.Order(StringComparer.Ordinal).ShouldBe(["review.added", "review.deleted", "review.updated"]);
    }

    [Fact]
    public async Task Another_agency_gets_not_found_and_the_api_needs_a_signed_in_staff_member()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var application = await ApplicantCases.ReceiveAsync(app);
        using var other = app.CreateBrowserClient();
        await other.LoginAsync("handler2");

        (await other.GetAsync(new Uri($"/applications/{application.Id}/reviews", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync(new Uri($"/api/applications/{application.Id}/reviews", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var post = await other.PostFormAsync("/accounts/logout", [new("Kind", "Reconsideration"), new("FiledOn", "2024-06-17"), new("Result", "Pending")], $"/applications/{application.Id}/reviews");
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApplicantCases.QueryAsync(app, db => db.Reviews.CountAsync(r => r.ApplicationId == application.Id))).ShouldBe(0);

        using var anonymous = app.CreateBrowserClient();
        (await anonymous.GetAsync(new Uri("/api/reviews/table4", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> AddAsync(
        HttpClient client, Guid applicationId, string kind, string filed, string result, string concluded, string body = "", string caseNumber = "", bool expectSaved = true)
    {
        var url = $"/applications/{applicationId}/reviews";
        var response = await client.PostFormAsync(url, [new("Kind", kind), new("FiledOn", filed), new("Result", result), new("ConcludedOn", concluded), new("Body", body), new("CaseNumber", caseNumber)]);
        response.StatusCode.ShouldBe(expectSaved ? HttpStatusCode.Redirect : HttpStatusCode.OK);
        return new HtmlParser().ParseDocument(await response.BodyAsync());
    }

    private static int[] Add(int[] before, int[] added) => [.. before.Zip(added, (b, a) => b + a)];

    private static async Task<int[]> CellsAsync(HttpClient client, int year)
    {
        var page = await client.GetPageAsync($"/reviews?year={year}");
        return [.. page.QuerySelectorAll("table.table4 td.num").Select(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture))];
    }

    private sealed record Table4Json(int Year, List<BlockJson> Blocks, List<RecordJson> Records);

    private sealed record BlockJson(string Block, string Label, int Upheld, int Corrected, int Other, int Pending, int Total);

    private sealed record RecordJson(string ApplicationNumber, string? CaseNumber, string ResultLabel);
}
