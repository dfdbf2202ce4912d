using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Tests.Web.AnnualReports;

namespace Gongkai.Tests.Applications;

/// <summary>
/// An online application on Friday 4 December 2026, while the 2027 holiday notice is not loaded: counted by weekends
/// alone its 20th working day is Friday 1 January 2027 — 元旦. No page may show that date as firm: the receipt, its
/// printed letter, the status page, the queue, the case page (its due date and the computation's last step; the
/// day-by-day table lists days, not the deadline) and 工作台 say 暂定 and why. Once the notice is loaded the
/// deadline is Monday 4 January, shown firm, and the handler is told it moved.
/// </summary>
public partial class ProvisionalDateTests
{
    private const string Notice2027 = """
        year,date,kind,name,notice
        2027,2027-01-01,off,元旦,国办发明电〔2026〕9号
        2027,2027-01-02,off,元旦,国办发明电〔2026〕9号
        2027,2027-01-03,off,元旦,国办发明电〔2026〕9号
        """;

    private const string Why = "2027年的节假日安排尚未载入，暂按周末推算，载入后可能调整";

    [Fact]
    public async Task No_page_shows_a_holiday_as_a_firm_deadline_and_loading_the_notice_makes_the_moved_date_firm()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero)), demoCases: false);
        var agencyId = await app.AgencyIdAsync(Desk.Education);
        using var applicant = app.CreateBrowserClient();

        var receipt = await (await applicant.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(agencyId), Desk.Json)).JsonAsync();
        receipt.GetProperty("dueOn").GetString().ShouldBe("2027-01-01");
        receipt.GetProperty("dueIsProvisional").GetBoolean().ShouldBeTrue();
        var code = receipt.GetProperty("receiptCode").GetString()!;
        var number = receipt.GetProperty("number").GetString()!;
        (await applicant.PostFormAsync("/status", [new("Code", code), new("Phone", "13800138000")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var handler = await app.SignedInAsync("handler");
        var id = (await (await handler.GetAsync(new Uri("/api/applications", UriKind.Relative))).JsonAsync())
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetString() == number).GetProperty("id").GetString();

        var receiptPage = await applicant.GetPageAsync("/apply/receipt");
        receiptPage.QuerySelector("[data-due]")!.TextContent.ShouldBe($"2027年1月1日（暂定：{Why}）（需要补正、延期或者征求意见的，期限依法调整）");
        NoFirmHoliday(receiptPage.Body!.TextContent, "/apply/receipt", occurrences: 2); // the facts and the printable receipt letter
        var status = await applicant.GetPageAsync("/status/case");
        status.QuerySelector("[data-due]")!.TextContent.ShouldBe($"2027年1月1日（暂定：{Why}）（正常）");
        NoFirmHoliday(status.Body!.TextContent, "/status/case", occurrences: 1);

        var queue = await handler.GetPageAsync("/applications");
        queue.QuerySelector("#provisional-reason")!.TextContent.ShouldBe($"标“暂定”的答复期限：{Why}。");
        NoFirmHoliday(queue.Body!.TextContent, "/applications", occurrences: 1);
        var casePage = await handler.GetPageAsync($"/applications/{id}");
        casePage.QuerySelector("p.due")!.TextContent.ShouldContain($"2027-01-01（星期五）（暂定：{Why}）");
        NoFirmHoliday(casePage.QuerySelector("p.due")!.TextContent, "/applications/{id} p.due", occurrences: 1);
        casePage.QuerySelector("ol.deadline-steps")!.TextContent.ShouldContain($"答复期限届满日：2027-01-01（星期五），即第20个工作日（暂定：{Why}）");
        NoFirmHoliday((await handler.GetPageAsync("/work")).Body!.TextContent, "/work", occurrences: 1);

        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");
        var plan = await (await admin.SubmitAsync("/admin/calendar", new Dictionary<string, string> { ["Csv"] = Notice2027 }, formSelector: "#calendar-upload")).PageAsync();
        await admin.SubmitAsync(plan, "/admin/calendar", new Dictionary<string, string>(), formSelector: "#calendar-apply");

        (await applicant.GetPageAsync("/apply/receipt")).QuerySelector("[data-due]")!.TextContent.ShouldBe("2027年1月4日（需要补正、延期或者征求意见的，期限依法调整）");
        (await applicant.GetPageAsync("/status/case")).QuerySelector("[data-due]")!.TextContent.ShouldBe("2027年1月4日（正常）");
        var firmQueue = await handler.GetPageAsync("/applications");
        firmQueue.QuerySelector("#provisional-reason").ShouldBeNull();
        firmQueue.QuerySelector("table.queue tbody tr")!.TextContent.ShouldContain("2027-01-04 ");
        firmQueue.Body!.TextContent.ShouldNotContain("暂定");

        // The handler is told: on 工作台 until the case is opened, and once on the case page.
        var work = await handler.GetPageAsync("/work");
        work.QuerySelector("#due-moved")!.TextContent.ShouldBe("答复期限已调整（1）");
        work.QuerySelector("#due-moved")!.ParentElement!.QuerySelector(".inbox-list li .hint")!.TextContent
            .ShouldBe("节假日安排载入后，答复期限由 2027-01-01 调整为 2027-01-04");
        (await handler.GetPageAsync($"/applications/{id}")).QuerySelector("#due-moved")!.TextContent
            .ShouldBe("节假日安排已载入，答复期限由 2027-01-01 调整为 2027-01-04，请按新的期限办理。");
        (await handler.GetPageAsync("/work")).QuerySelector("#due-moved")!.TextContent.ShouldBe("答复期限已调整（0）");
        (await handler.GetPageAsync($"/applications/{id}")).QuerySelector("#due-moved").ShouldBeNull();
    }

    /// <summary>Every mention of 1 January 2027 in <paramref name="text"/> is followed by 暂定; there are <paramref name="occurrences"/>.</summary>
    private static void NoFirmHoliday(string text, string page, int occurrences)
    {
        var mentions = HolidayMention().Matches(text);
        mentions.Count.ShouldBe(occurrences, page);
        foreach (Match mention in mentions)
        {
            text[(mention.Index + mention.Length)..].ShouldStartWith("（暂定", customMessage: $"{page}: {text[Math.Max(0, mention.Index - 20)..Math.Min(text.Length, mention.Index + 40)]}");
        }
    }

    [GeneratedRegex(@"2027年1月1日|2027-01-01(（星期五）)?")]
    private static partial Regex HolidayMention();
}
