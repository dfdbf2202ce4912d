using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Admin;

/// <summary>The calendar page: a year as twelve months, and a form to add, change and remove one day.</summary>
public class CalendarPageTests
{
    [Fact]
    public async Task A_year_is_shown_as_twelve_month_grids_with_days_off_make_up_days_today_and_the_notice()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        var page = await admin.GetPageAsync("/admin/calendar");

        page.QuerySelector("#calendar-year-title")!.TextContent.ShouldBe("2026 年日历");
        page.QuerySelectorAll("table.month").Select(t => t.QuerySelector("caption")!.TextContent).ShouldBe(Enumerable.Range(1, 12).Select(m => $"{m} 月"));
        page.QuerySelectorAll("#month-10 thead th").Select(th => th.TextContent).ShouldBe(["一", "二", "三", "四", "五", "六", "日"]);
        var national = page.QuerySelector("td[data-date='2026-10-01']")!;
        (national.ClassName, Squeeze(national.TextContent), national.GetAttribute("title")).ShouldBe(("off", "1休", "2026-10-01（星期四）休息日·国庆节"));
        var makeUp = page.QuerySelector("td[data-date='2026-10-10']")!;
        (makeUp.ClassName, Squeeze(makeUp.TextContent)).ShouldBe(("work", "10班"));
        page.QuerySelector("td[data-date='2026-10-03']")!.ClassName.ShouldBe("off");
        page.QuerySelector("td[data-date='2026-12-19']")!.ClassName.ShouldBe("weekend");
        page.QuerySelector("td[aria-current=date]")!.GetAttribute("data-date").ShouldBe("2026-12-15");
        page.QuerySelector("#calendar-source")!.TextContent.ShouldBe("2026 年的节假日安排依据：国办发明电〔2025〕7号");
        page.QuerySelector("#month-2 tbody tr td")!.TextContent.ShouldBe("", "February 2026 starts on a Sunday: six empty days first");
        page.QuerySelector("#month-2 tbody tr td:nth-child(7)")!.GetAttribute("data-date").ShouldBe("2026-02-01");

        var next = await admin.GetPageAsync("/admin/calendar?year=2027");
        next.QuerySelector("#calendar-source")!.TextContent.ShouldBe("2027 年的节假日安排尚未导入，期限只按周末推算。");
        next.QuerySelectorAll("td.off").Length.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_day_is_added_changed_and_removed_with_the_form_each_change_audited_and_due_dates_recomputed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        var agency = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var open = await ReportCases.ApplicationAsync(app, agency, ApplicantType.NaturalPerson, ReportCases.D(2026, 12, 14));
        (await DueAsync(app, open)).ShouldBe((ReportCases.D(2027, 1, 11), true));
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        var form = await admin.GetPageAsync("/admin/calendar?year=2027");
        var added = await (await admin.SubmitAsync(form, "/admin/calendar?year=2027", new Dictionary<string, string>
        {
            ["Day.Date"] = "2027-01-01", ["Day.Kind"] = "Off", ["Day.Name"] = "元旦", ["Day.Notice"] = "国办发明电〔2026〕9号",
        }, formSelector: "#day-form")).PageAsync();

        added.QuerySelector("#calendar-saved")!.TextContent.ShouldBe("已保存：2027-01-01（星期五）休息日·元旦。1 件办理中申请的期限随之重算。");
        added.QuerySelector("td[data-date='2027-01-01']")!.ClassName.ShouldBe("off");
        (await DueAsync(app, open)).ShouldBe((ReportCases.D(2027, 1, 12), false));

        var edit = await admin.GetPageAsync("/admin/calendar?year=2027&edit=2027-01-01");
        edit.QuerySelector("#day-form-title")!.TextContent.ShouldBe("修改日期");
        ((AngleSharp.Html.Dom.IHtmlInputElement)edit.QuerySelector("#Day_Name")!).Value.ShouldBe("元旦");
        await admin.SubmitAsync(edit, "/admin/calendar?year=2027", new Dictionary<string, string> { ["Day.Name"] = "元旦节" }, formSelector: "#day-form");

        var list = await admin.GetPageAsync("/admin/calendar?year=2027");
        list.QuerySelectorAll("#calendar-day-list tbody tr").ShouldHaveSingleItem().TextContent.ShouldContain("元旦节");
        var removed = await (await admin.SubmitAsync(list, "/admin/calendar?year=2027", new Dictionary<string, string>(), formSelector: "#calendar-day-list form")).PageAsync();
        removed.QuerySelector("#calendar-saved")!.TextContent.ShouldBe("已删除 2027-01-01。1 件办理中申请的期限随之重算。");
        (await DueAsync(app, open)).ShouldBe((ReportCases.D(2027, 1, 11), true), "2027 has no arrangement again");

        await using var db = app.Database.CreateContext();
        (await db.CalendarDays.CountAsync(d => d.Year == 2027)).ShouldBe(0);
        var audit = await db.AuditLog.AsNoTracking().Where(e => e.EntityType == "Calendar")
            .Select(e => new { e.Action, e.EntityId, e.Summary }).ToListAsync();
        audit.Select(e => (e.Action, e.EntityId)).ShouldBe([
            ("calendar.day-added", "2027-01-01"), ("calendar.day-changed", "2027-01-01"), ("calendar.day-removed", "2027-01-01")], ignoreOrder: true);
        audit.Single(e => e.Action == "calendar.day-added").Summary.ShouldBe("登记2027年安排中的2027-01-01（星期五）休息日·元旦（国办发明电〔2026〕9号）；1 件办理中申请的期限随之重算");
        Gongkai.Web.Audit.AuditLabels.Action("calendar.day-removed").ShouldBe("删除工作日历日期");
    }

    [Fact]
    public async Task A_refused_day_keeps_what_was_typed_and_says_why_in_chinese()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        var weekday = await (await admin.SubmitAsync("/admin/calendar?year=2027", new Dictionary<string, string>
        {
            ["Day.Date"] = "2027-01-05", ["Day.Kind"] = "Work", ["Day.Name"] = "<b>元旦</b>", ["Day.Notice"] = "国办发明电〔2026〕9号", ["Day.Year"] = "2027",
        }, formSelector: "#day-form")).PageAsync();
        weekday.QuerySelector("#error-summary")!.TextContent.ShouldContain("2027-01-05不是周末，不能登记为调休上班日。");
        ((AngleSharp.Html.Dom.IHtmlInputElement)weekday.QuerySelector("#Day_Name")!).Value.ShouldBe("<b>元旦</b>");
        ((AngleSharp.Html.Dom.IHtmlInputElement)weekday.QuerySelector("input[name='Day.Kind'][value=Work]")!).IsChecked.ShouldBeTrue();

        var blank = await (await admin.SubmitAsync("/admin/calendar", new Dictionary<string, string>
        {
            ["Day.Date"] = "2027-02-30", ["Day.Kind"] = "Holiday", ["Day.Name"] = " ", ["Day.Notice"] = "", ["Day.Year"] = "27",
        }, formSelector: "#day-form")).PageAsync();
        blank.QuerySelectorAll("#error-summary li").Select(li => li.TextContent.Trim()).ShouldBe([
            "请填写有效的日期，如 2027-10-01。", "请填写通知所属年度（四位数字，如 2027）。", "请选择休息日或调休上班日。", "请填写节日名称，如 国庆节。",
            "请填写通知文号，如 国办发明电〔2026〕1号。"]);

        await using var db = app.Database.CreateContext();
        (await db.CalendarDays.CountAsync(d => d.Year == 2027)).ShouldBe(0);
    }

    [Fact]
    public async Task The_calendar_downloads_as_csv_with_chinese_headers_and_values_that_load_back()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        var csv = (await admin.GetStringAsync(new Uri("/admin/calendar?handler=csv", UriKind.Relative))).TrimStart('\uFEFF');

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("年度,日期,类型,名称,通知文号");
        lines.ShouldContain("2026,2026-10-10,上班,国庆节,国办发明电〔2025〕7号");
        lines.ShouldContain("2026,2026-10-01,休息,国庆节,国办发明电〔2025〕7号");
        var year2026 = "年度,日期,类型,名称,通知文号\n" + string.Join("\n", lines.Where(l => l.StartsWith("2026,", StringComparison.Ordinal)));
        var preview = await (await admin.SubmitAsync("/admin/calendar", new Dictionary<string, string> { ["Csv"] = year2026 }, formSelector: "#calendar-upload")).PageAsync();
        preview.QuerySelector("#calendar-plan h3")!.TextContent.ShouldBe("2026 年（国办发明电〔2025〕7号）：更正");
        preview.QuerySelector("#calendar-plan")!.TextContent.ShouldContain("修改 0 天");
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static async Task<(DateOnly? Due, bool Provisional)> DueAsync(GongkaiApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var record = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        return (record.DueOn, record.DueIsProvisional);
    }
}
