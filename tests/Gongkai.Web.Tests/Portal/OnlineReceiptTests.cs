using System.Net;
using AngleSharp.Dom;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Portal;

/// <summary>条例第三十一条 per agency: an agency that counts online applications from its confirmation.</summary>
public class OnlineReceiptTests
{
    private const string Confirmation = "通过本平台在线提交的申请，以本机关确认收到之日为收到申请之日，20个工作日的答复期限自确认之日起计算；确认前不计算答复期限。";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_saturday_application_waits_without_a_due_date_until_staff_confirm_it_on_monday(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Saturday 2024-06-15, 10:00 in China.
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false, clock: new TestClock(new DateTimeOffset(2024, 6, 15, 2, 0, 0, TimeSpan.Zero)));
        var agency = await ApplicantCases.AgencyIdAsync(app);
        await ApplicantCases.QueryAsync(app, db => db.Agencies.Where(a => a.Id == agency)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.OnlineReceipt, OnlineReceiptRule.OnConfirmation)));
        using var applicant = app.CreateBrowserClient();

        (await applicant.GetPageAsync($"/apply?agency={agency}")).QuerySelector("[data-receipt-rule]")!.TextContent.ShouldBe(Confirmation);
        (await applicant.GetPageAsync($"/agencies/{agency}/guide")).QuerySelector("[data-receipt-rule=Online]")!.TextContent.ShouldBe(Confirmation);
        (await applicant.PostFormAsync("/apply", ApplyTests.Fields(agency))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var stored = await ApplicantCases.QueryAsync(app, db => db.Applications.SingleAsync(a => a.AgencyId == agency));
        stored.ArrivedOn.ShouldBe(new DateOnly(2024, 6, 15));
        stored.ConfirmedOn.ShouldBeNull();
        stored.ReceivedOn.ShouldBe(new DateOnly(2024, 6, 15));
        stored.DueOn.ShouldBeNull();
        stored.State.ShouldBe(CaseState.Received);

        var receipt = await applicant.GetPageAsync("/apply/receipt");
        receipt.QuerySelector("[data-received]")!.TextContent.ShouldBe("2024年6月15日在线提交，待本机关确认收到");
        receipt.QuerySelector("[data-due]")!.TextContent.ShouldBe("本机关确认收到之日起第20个工作日");
        receipt.QuerySelector("[data-receipt-rule]")!.TextContent.ShouldBe(Confirmation);
        receipt.QuerySelectorAll(".letter-paragraph")[1].TextContent.ShouldBe(
            "根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内（即本机关确认收到之日起第20个工作日前）作出答复；需要补正、延长答复期限或者征求第三方、其他机关意见的，本机关将另行告知，答复期限依法相应调整。");
        receipt.QuerySelector("body")!.TextContent.ShouldNotContain("2024年7月");
        var status = await applicant.GetPageAsync("/status/case");
        status.QuerySelector("[data-due]")!.TextContent.ShouldBe("本机关确认收到之日起第20个工作日（待确认收到）");
        status.QuerySelector("[data-received]")!.TextContent.ShouldBe("2024年6月15日在线提交，待本机关确认收到");

        using var handler = await app.SignedInAsync("handler");
        var work = await handler.GetPageAsync("/work");
        work.QuerySelector("#awaiting-confirmation")!.TextContent.ShouldBe("在线申请待确认收到（1）");
        var entry = work.QuerySelectorAll("section.inbox").Single(s => s.QuerySelector("h2")!.Id == "awaiting-confirmation").QuerySelector("li a")!;
        entry.GetAttribute("href").ShouldBe($"/applications/{stored.Id}");
        (await handler.GetPageAsync("/applications/register")).QuerySelector("[data-receipt-rule]")!.TextContent.ShouldBe("本机关在本平台收到的在线申请：" + Confirmation);

        // Monday: sessions of Saturday have expired, so the handler signs in again.
        app.Clock.Now = new DateTimeOffset(2024, 6, 17, 2, 0, 0, TimeSpan.Zero);
        using var monday = await app.SignedInAsync("handler");
        (await monday.PostFormAsync($"/applications/{stored.Id}", [new("ActionKey", "register"), new("Input.Version", stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var confirmed = await ApplicantCases.QueryAsync(app, db => db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == stored.Id));
        confirmed.ConfirmedOn.ShouldBe(new DateOnly(2024, 6, 17));
        confirmed.ReceivedOn.ShouldBe(new DateOnly(2024, 6, 17));
        confirmed.DueOn.ShouldBe(new DateOnly(2024, 7, 15));
        confirmed.State.ShouldBe(CaseState.InProgress);
        confirmed.Events.Single().Summary.ShouldBe("确认收到在线申请并登记，开始办理；2024-06-17为收到申请之日");
        (await monday.GetPageAsync("/work")).QuerySelector("#awaiting-confirmation")!.TextContent.ShouldBe("在线申请待确认收到（0）");
    }

    [Fact]
    public async Task The_administrator_sets_the_rule_and_the_portal_says_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var agency = await ApplicantCases.AgencyIdAsync(app);
        using var admin = await app.SignedInAsync("admin");
        var page = await admin.GetPageAsync($"/admin/agencies/{agency}");
        page.QuerySelector("input[name=OnlineReceipt][checked]")!.GetAttribute("value").ShouldBe(nameof(OnlineReceiptRule.OnSubmission));
        var fields = page.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("#agency-form input:not([type=checkbox]):not([type=radio])")
            .Where(i => i.Name != "__RequestVerificationToken")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(page.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlSelectElement>("#agency-form select").Select(s => new KeyValuePair<string, string>(s.Name!, s.Value ?? "")))
            .Concat(page.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("#agency-form input[type=checkbox][checked]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)))
            .Append(new("OnlineReceipt", nameof(OnlineReceiptRule.OnConfirmation)))
            .ToList();

        (await admin.PostFormAsync($"/admin/agencies/{agency}", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ApplicantCases.QueryAsync(app, db => db.Agencies.Where(a => a.Id == agency).Select(a => a.OnlineReceipt).SingleAsync())).ShouldBe(OnlineReceiptRule.OnConfirmation);
        using var applicant = app.CreateBrowserClient();
        (await applicant.GetPageAsync($"/apply?agency={agency}")).QuerySelector("[data-receipt-rule]")!.TextContent.ShouldBe(Confirmation);
        (await applicant.GetPageAsync("/apply")).QuerySelector("[data-receipt-rule]")!.TextContent.ShouldBe("选择机关后，这里显示该机关在线申请的收到日期规定（条例第三十一条）。");
        var other = await ApplicantCases.AgencyIdAsync(app, "示范县自然资源局");
        (await applicant.GetPageAsync($"/apply?agency={other}")).QuerySelector("[data-receipt-rule]")!.TextContent
            .ShouldBe("通过本平台在线提交的申请，以提交之日为收到申请之日，20个工作日的答复期限自该日起计算。");
    }
}
