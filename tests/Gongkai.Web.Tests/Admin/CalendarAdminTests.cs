using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Admin;

public class CalendarAdminTests
{
    /// <summary>A 2027 notice (made up for the test): New Year's Day on Friday 1 January, with the weekend.</summary>
    private const string Notice2027 = """
        # 2027年节假日安排（测试用）
        year,date,kind,name,notice
        2027,2027-01-01,off,元旦,国办发明电〔2026〕9号
        2027,2027-01-02,off,元旦,国办发明电〔2026〕9号
        2027,2027-01-03,off,元旦,国办发明电〔2026〕9号
        """;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Loading_next_years_notice_recomputes_an_open_cases_due_date_after_a_preview(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        var agency = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var open = await ReportCases.ApplicationAsync(app, agency, ApplicantType.NaturalPerson, ReportCases.D(2026, 12, 14));
        var closed = await ReportCases.ApplicationAsync(app, agency, ApplicantType.NaturalPerson, ReportCases.D(2026, 12, 14), Outcome.Granted, ReportCases.D(2026, 12, 15));
        (await DueAsync(app, open)).ShouldBe((ReportCases.D(2027, 1, 11), true), "20 working days, 1 January 2027 counted as a weekday while 2027 is not loaded");
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        var page = await admin.GetPageAsync("/admin/calendar");
        page.QuerySelector(".missing-year")!.TextContent.ShouldStartWith("2027 年的节假日安排尚未导入");

        var preview = await admin.SubmitAsync(page, "/admin/calendar", new Dictionary<string, string> { ["Csv"] = Notice2027 },
            formSelector: "#calendar-upload");
        var plan = await preview.PageAsync();
        plan.QuerySelector("#calendar-plan h3")!.TextContent.ShouldBe("2027 年（国办发明电〔2026〕9号）：新增年度");
        plan.QuerySelectorAll("#due-moves tbody tr").Select(r => r.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ShouldHaveSingleItem().ShouldBe(["示范县教育局", "2026-0001", "2027-01-11（暂定）", "2027-01-12"]);
        (await DueAsync(app, open)).ShouldBe((ReportCases.D(2027, 1, 11), true), "a preview changes nothing");

        var applied = await admin.SubmitAsync(plan, "/admin/calendar", new Dictionary<string, string>(), formSelector: "#calendar-apply");

        (await applied.PageAsync()).QuerySelector("#calendar-plan h2")!.TextContent.ShouldBe("已导入");
        (await DueAsync(app, open)).ShouldBe((ReportCases.D(2027, 1, 12), false));
        (await DueAsync(app, closed)).ShouldBe((ReportCases.D(2027, 1, 11), true), "a closed case keeps the deadline it was judged by");
        var after = await admin.GetPageAsync("/admin/calendar");
        after.QuerySelector(".missing-year").ShouldBeNull();
        after.QuerySelector("#calendar-years tbody tr")!.TextContent.ShouldContain("国办发明电〔2026〕9号");
    }

    [Fact]
    public async Task A_correction_to_a_loaded_year_replaces_its_days_and_moves_due_dates_both_ways()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 9, 21, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        var agency = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var open = await ReportCases.ApplicationAsync(app, agency, ApplicantType.NaturalPerson, ReportCases.D(2026, 9, 21));
        var before = await DueAsync(app, open);
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        // The 2026 arrangement without the make-up working day on Saturday 10 October.
        var rows = Gongkai.Calendar.HolidayArrangements.Embedded.Single(a => a.Year == 2026).Days
            .Where(d => d.Date != ReportCases.D(2026, 10, 10))
            .Select(d => $"2026,{d.Date:yyyy-MM-dd},{(d.Kind == Gongkai.Calendar.CalendarDayKind.Off ? "off" : "work")},{d.Name},{d.Notice}");
        var csv = "year,date,kind,name,notice\n" + string.Join("\n", rows);
        var preview = await admin.SubmitAsync("/admin/calendar", new Dictionary<string, string> { ["Csv"] = csv }, formSelector: "#calendar-upload");
        var plan = await preview.PageAsync();
        plan.QuerySelector("#calendar-plan")!.TextContent.ShouldContain("删除 1 天：2026-10-10（星期六）调休上班日·国庆节");
        await admin.SubmitAsync(plan, "/admin/calendar", new Dictionary<string, string>(), formSelector: "#calendar-apply");

        before.ShouldBe((ReportCases.D(2026, 10, 26), false));
        (await DueAsync(app, open)).ShouldBe((ReportCases.D(2026, 10, 27), false));
    }

    [Theory]
    [InlineData("year,date,kind,name,notice\n2027,2027-01-04,work,元旦,某通知", "2027-01-04不是周末，不能登记为调休上班日。")]
    [InlineData("year,date,kind,name,notice\n2027,2027/01/01,off,元旦,某通知", "节假日数据第2行：日期「2027/01/01」不是有效日期（格式为 YYYY-MM-DD）。")]
    [InlineData("date,kind\n2027-01-01,off", "节假日数据第1行：表头应为「年度,日期,类型,名称,通知文号」。")]
    public async Task A_bad_upload_is_refused_with_the_reason_and_nothing_changes(string csv, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        var preview = await admin.SubmitAsync("/admin/calendar", new Dictionary<string, string> { ["Csv"] = csv }, formSelector: "#calendar-upload");

        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await preview.PageAsync();
        page.QuerySelector("#calendar-error")!.TextContent.ShouldContain(reason);
        page.QuerySelector("#calendar-apply").ShouldBeNull();
        page.QuerySelector("#Csv")!.TextContent.ShouldBe(csv, "what was pasted is kept");
    }

    [Fact]
    public async Task Every_bad_line_of_an_upload_is_listed_and_nothing_is_imported()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");
        const string csv = "year,date,kind,name,notice\n2027,2027-01-01,off,元旦,某通知\n2027,2027-02-30,off,春节,某通知\n2027,2027-10-01,rest,国庆节,某通知\n2027,2027-01-01,off,元旦,某通知";

        var preview = await admin.SubmitAsync("/admin/calendar", new Dictionary<string, string> { ["Csv"] = csv }, formSelector: "#calendar-upload");
        var apply = await admin.PostFormAsync("/admin/calendar", [new("Csv", csv)], "/admin/calendar?handler=Apply");

        foreach (var response in new[] { preview, apply })
        {
            var page = await response.PageAsync();
            page.QuerySelector("#calendar-error p")!.TextContent.ShouldBe("不能导入：文件中有 3 处错误，未导入任何内容。请全部改正后重新上传：");
            page.QuerySelectorAll("#calendar-bad-lines li").Select(li => li.TextContent).ShouldBe([
                "节假日数据第3行：日期「2027-02-30」不是有效日期（格式为 YYYY-MM-DD）。",
                "节假日数据第4行：类型「rest」应为休息或上班。",
                "节假日数据第5行：日期「2027-01-01」与第2行重复。",
            ]);
            page.QuerySelector("#calendar-apply").ShouldBeNull();
        }

        await using var db = app.Database.CreateContext();
        (await db.CalendarDays.CountAsync(d => d.Year == 2027)).ShouldBe(0);
    }

    [Fact]
    public async Task Only_administrators_manage_the_calendar()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        using var supervisor = ReportCases.Client(app);
        await supervisor.LoginAsync("supervisor");

        var response = await supervisor.GetAsync(new Uri("/admin/calendar", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied");
    }

    private static async Task<(DateOnly? Due, bool Provisional)> DueAsync(GongkaiApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var record = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        return (record.DueOn, record.DueIsProvisional);
    }
}
