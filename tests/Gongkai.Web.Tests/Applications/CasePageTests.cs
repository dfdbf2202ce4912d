using System.Globalization;
using System.Net;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>The case page's forms over HTTP: extension request and approval, concurrency, fees by count, registration.</summary>
public class CasePageTests
{
    private static readonly DateOnly Today = new(2024, 6, 17);

    [Fact]
    public async Task A_handler_asks_for_an_extension_and_only_the_reviewer_approves_it_as_office_head()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var target = await app.CaseAsync(Desk.Education, q => q.Where(a => a.State == CaseState.InProgress && a.DueOn > Today && a.Events.Count == 1 && a.ExtensionRequestedDays == null));
        var url = $"/applications/{target.Id}";
        using var handler = await app.SignedInAsync("handler");

        var asked = await handler.PostFormAsync(url, Fields(target.Version, "request-extension", ("WorkingDays", "15"), ("Reason", "需要调取2019年以来的档案")));
        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await handler.GetStringAsync(new Uri(url, UriKind.Relative))).ShouldContain("申请延长答复期限 15 个工作日；理由：需要调取2019年以来的档案");
        var forbidden = await handler.PostFormAsync(url, Fields(target.Version + 1, "approve-extension"));
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forbidden.BodyAsync()).ShouldContain("延长答复期限须经政府信息公开工作机构负责人（审核人）批准，您的账号不能审批。");

        using var reviewer = await app.SignedInAsync("reviewer");
        var work = await reviewer.GetPageAsync("/work");
        await using (var before = app.Database.CreateContext())
        {
            var waiting = await before.Applications.CountAsync(a => a.AgencyId == target.AgencyId && a.ExtensionRequestedDays != null);
            work.QuerySelector("#extension-requests")!.TextContent.ShouldBe($"待批准的延期申请（{waiting}）");
        }

        work.QuerySelector("section[aria-labelledby=extension-requests] tbody")!.TextContent.ShouldContain(target.Number);

        var approved = await reviewer.PostFormAsync(url, Fields(target.Version + 1, "approve-extension"));
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var db = app.Database.CreateContext();
        var after = await db.Applications.AsNoTracking().Include(a => a.Events).SingleAsync(a => a.Id == target.Id);
        var approval = after.Events.Single(e => e.Kind == "ExtensionApproved");
        approval.ActorName.ShouldBe("李华（审核人）");
        approval.ActorRole.ShouldBe(ActorRole.OfficeHead);
        after.ExtensionRequestedDays.ShouldBeNull("the request is settled");
        after.DueOn.ShouldBe(WorkingCalendar.Default.AddWorkingDays(target.DueOn!.Value, 15));
        var page = await reviewer.GetStringAsync(new Uri(url, UriKind.Relative));
        page.ShouldContain("延长答复期限：2024-06-17 经李华（审核人）（政府信息公开工作机构负责人）批准");
        page.ShouldContain($"原答复期限：{target.DueOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        (await app.AuditCountAsync("application.request-extension", target.Id.ToString(), "handler")).ShouldBe(1);
        (await app.AuditCountAsync("application.approve-extension", target.Id.ToString(), "reviewer")).ShouldBe(1);
    }

    [Fact]
    public async Task The_work_page_link_to_approve_an_extension_opens_the_approval_form_on_the_case_page()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var waiting = await app.CaseAsync(Desk.Education, q => q.Where(a => a.ExtensionRequestedDays != null));
        using var reviewer = await app.SignedInAsync("reviewer");

        var work = await reviewer.GetPageAsync("/work");
        var link = work.QuerySelectorAll("section[aria-labelledby=extension-requests] tbody tr")
            .Single(row => row.TextContent.Contains(waiting.Number, StringComparison.Ordinal))
            .QuerySelector("a[href$='#action-approve-extension']")!.GetAttribute("href")!;
        link.ShouldBe($"/applications/{waiting.Id}?open=approve-extension#action-approve-extension");

        var linked = await reviewer.GetPageAsync(link.Split('#')[0]);
        linked.QuerySelector("details#action-approve-extension")!.HasAttribute("open").ShouldBeTrue();
        linked.QuerySelectorAll("details.action[open]").Length.ShouldBe(1);
        var plain = await reviewer.GetPageAsync($"/applications/{waiting.Id}");
        plain.QuerySelector("details#action-approve-extension")!.HasAttribute("open").ShouldBeFalse();
    }

    [Fact]
    public async Task When_two_people_act_on_one_case_at_once_the_second_is_told_to_refresh_and_keeps_what_was_typed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var target = await app.CaseAsync(Desk.Education, q => q.Where(a => a.State == CaseState.InProgress && a.DueOn > Today && a.ExtensionRequestedDays == null));
        var url = $"/applications/{target.Id}";
        using var handler = await app.SignedInAsync("handler");
        using var reviewer = await app.SignedInAsync("reviewer");

        (await handler.PostFormAsync(url, Fields(target.Version, "request-extension", ("WorkingDays", "5"), ("Reason", "调档")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await reviewer.PostFormAsync(url, Fields(target.Version, "withdraw", ("Reason", "申请人电话撤回")));

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await second.BodyAsync());
        document.QuerySelector("#action-result")!.TextContent.ShouldContain("本申请已被他人修改，请刷新页面查看最新情况后再操作。");
        document.QuerySelector("#action-withdraw")!.HasAttribute("open").ShouldBeTrue();
        document.QuerySelector("#withdraw-Reason")!.TextContent.ShouldBe("申请人电话撤回");
        await using var db = app.Database.CreateContext();
        (await db.Applications.Where(a => a.Id == target.Id).Select(a => a.State).SingleAsync()).ShouldBe(CaseState.InProgress);
    }

    [Fact]
    public async Task A_fee_by_count_counts_the_applicants_earlier_applications_that_month()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var agency = await app.AgencyIdAsync(Desk.Education);
        var ids = new List<Guid>();
        await using (var db = app.Database.CreateContext())
        {
            for (var day = 0; day < 11; day++)
            {
                var record = new ApplicationRecord
                {
                    Id = Guid.NewGuid(),
                    AgencyId = agency,
                    Number = "2024-90" + day.ToString("D2", CultureInfo.InvariantCulture),
                    ReceiptCode = "FEE" + day.ToString("D7", CultureInfo.InvariantCulture),
                    ApplicantName = "频繁申请人",
                    IdNumber = "11010519491231002X",
                    Description = "第" + (day + 1).ToString(CultureInfo.InvariantCulture) + "件申请",
                    Channel = ReceiptChannel.InPerson,
                    ArrivedOn = new DateOnly(2024, 6, 3).AddDays(day),
                    CreatedAtUtc = new DateTime(2024, 6, 3, 1, 0, 0, DateTimeKind.Utc).AddDays(day),
                };
                record.Append(new Registered(new DateTimeOffset(record.ArrivedOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)), new Actor("张明（经办人）")), CaseRules.Default, null, "登记", DateTime.UnixEpoch);
                db.Applications.Add(record);
                ids.Add(record.Id);
            }

            await db.SaveChangesAsync();
        }

        using var handler = await app.SignedInAsync("handler");
        var eleventh = await handler.ActAsync(ids[10], "fee-notice", new { feeMethod = "ByCount", noticeReceivedOn = "2024-06-17" });
        eleventh.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await eleventh.JsonAsync()).GetProperty("events").EnumerateArray().Last().GetProperty("summary").GetString()
            .ShouldBe("发出收费通知（按件计收），应缴信息处理费 100 元，申请人于 2024-06-17 收到");

        var first = await handler.ActAsync(ids[0], "fee-notice", new { feeMethod = "ByCount", noticeReceivedOn = "2024-06-17" });
        first.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await first.JsonAsync()).GetProperty("detail").GetString().ShouldBe("应收信息处理费为0元，不需要发出收费通知。");

        var page = await handler.GetStringAsync(new Uri($"/applications/{ids[9]}", UriKind.Relative));
        page.ShouldContain("按件计收时（申请人本月在本机关的第 10 件申请）");
        var charged = await handler.GetPageAsync($"/applications/{ids[10]}");
        var quote = charged.QuerySelector("pre.fee-quote")!.TextContent;
        quote.ShouldContain("本月此前已有10件，本次为第11至11件");
        quote.ShouldContain("合计：100元");
        charged.QuerySelector("dl.facts")!.TextContent.ShouldContain("缴费期限至 2024-07-15；尚未缴费");
    }

    [Fact]
    public async Task The_registration_form_shows_errors_beside_fields_keeps_values_and_then_registers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await app.SignedInAsync("handler");

        var invalid = await handler.PostFormAsync("/applications/register",
        [
            new("Input.Channel", "Email"), new("Input.ArrivedOn", "2024-06-14"), new("Input.ApplicantType", "NaturalPerson"),
            new("Input.IdDocumentType", "ResidentIdCard"), new("Input.Phone", "13800138000"), new("Input.Description", "县第三中学食堂承包经营招标文件"),
            new("RegisterNow", "true"), new("RegisterNow", "false"),
        ]);

        invalid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await invalid.BodyAsync());
        page.QuerySelector("#ConfirmedOn-error")!.TextContent.ShouldBe("电子邮件的申请以双方确认之日为收到申请之日，须填写确认日期。");
        page.QuerySelector("#ApplicantName-error")!.TextContent.ShouldBe("请填写申请人姓名。");
        page.QuerySelector("#ApplicantName")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelectorAll("#error-summary li").Length.ShouldBe(2);
        page.QuerySelector("#Description")!.TextContent.ShouldBe("县第三中学食堂承包经营招标文件");
        page.QuerySelector("input[name='Input.Channel'][value=Email]")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector("#ArrivedOn")!.GetAttribute("value").ShouldBe("2024-06-14");

        var valid = await handler.PostFormAsync("/applications/register",
        [
            new("Input.Channel", "Email"), new("Input.ArrivedOn", "2024-06-14"), new("Input.ConfirmedOn", "2024-06-17"),
            new("Input.ApplicantType", "NaturalPerson"), new("Input.ApplicantName", "王芳"), new("Input.IdDocumentType", "ResidentIdCard"),
            new("Input.Phone", "13800138000"), new("Input.Description", "县第三中学食堂承包经营招标文件"), new("RegisterNow", "true"), new("RegisterNow", "false"),
        ]);

        valid.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = Guid.Parse(valid.Headers.Location!.ToString().Split('/')[^1]);
        await using var db = app.Database.CreateContext();
        var record = await db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == id);
        record.ReceivedOn.ShouldBe(Today, "e-mail: the confirmation date is the receipt date");
        record.State.ShouldBe(CaseState.InProgress);
        record.Events.Single().Kind.ShouldBe("Registered");
        record.HandlerId.ShouldNotBeNull();
        (await app.AuditCountAsync("application.received", id.ToString(), "handler")).ShouldBe(1);
        (await app.AuditCountAsync("application.register", id.ToString(), "handler")).ShouldBe(1);
        (await handler.GetStringAsync(valid.Headers.Location)).ShouldContain($"已收到申请 {record.Number}，查询码 {record.ReceiptCode}（请告知申请人），并已登记。");
    }

    [Fact]
    public async Task Demo_case_pages_of_every_shape_render_with_the_actions_the_engine_accepts_first()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        Desk.Start(app);
        using var reviewer = await app.SignedInAsync("reviewer");
        using var handler2 = await app.SignedInAsync("handler2");
        await using var db = app.Database.CreateContext();
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Name, a => a.Id);
        var cases = await db.Applications.AsNoTracking().Include(a => a.Events)
            .Where(a => a.AgencyId == agencies[Desk.Education] || a.AgencyId == agencies[Desk.NaturalResources]).ToListAsync();

        // One case of each shape: state, correction, consultation, extension, fee, pending request.
        var shapes = cases.GroupBy(c =>
        {
            var a = c.ToCase(CaseRules.Default);
            return (c.AgencyId, a.State, a.Correction is null, a.Consultations.IsEmpty, a.Extension is null, a.FeeNotice is null, a.FeePaidOn is null, c.ExtensionRequestedDays is null);
        }).Select(g => g.First()).ToList();
        shapes.Count.ShouldBeGreaterThan(15);
        foreach (var record in shapes)
        {
            var client = record.AgencyId == agencies[Desk.Education] ? reviewer : handler2;
            var page = await client.GetPageAsync($"/applications/{record.Id}");
            page.QuerySelector("h1")!.TextContent.ShouldStartWith($"申请 {record.Number}");
            page.QuerySelector("#history")!.ShouldNotBeNull();
            var application = record.ToCase(CaseRules.Default);
            var offered = page.QuerySelectorAll("section.case-actions > details.action").Select(d => d.Id).ToList();
            offered.Contains("action-offline-reply").ShouldBe(application.State == CaseState.InProgress && (application.FeeNotice is null || application.FeePaidOn is not null), record.Number);
            offered.Contains("action-register").ShouldBe(application.State == CaseState.Received, record.Number);
            offered.Contains("action-archive").ShouldBe(application.State is CaseState.Delivered or CaseState.Withdrawn or CaseState.ClosedNoCorrection or CaseState.ClosedUnpaidFee, record.Number);
        }
    }

    private static List<KeyValuePair<string, string>> Fields(int version, string action, params (string Name, string Value)[] fields) =>
    [
        new("ActionKey", action),
        new("Input.Version", version.ToString(CultureInfo.InvariantCulture)),
        .. fields.Select(f => new KeyValuePair<string, string>("Input." + f.Name, f.Value)),
    ];
}
