using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>
/// The staff registration page records the applicant's consents as the portal form does (one partial, one field of
/// the intake request): a paper application with 办理进度通知 by e-mail gets the receipt e-mail, one without gets none.
/// </summary>
public class PaperConsentTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_registered_paper_application_with_consent_gets_the_applicants_email_and_one_without_does_not(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        using var handler = await app.SignedInAsync("handler");

        var agreed = await handler.PostFormAsync("/applications/register", Fields("刘晓明", "liu@example.com", "Email", "true"));
        agreed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await agreed.Content.ReadAsStringAsync());
        var declined = await handler.PostFormAsync("/applications/register", Fields("王五", "wangwu@example.com", "None", "false"));
        declined.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var cases = await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking().OrderBy(a => a.Number)
            .Select(a => new { a.Number, a.ApplicantName, a.Notify, a.ForwardConsent, a.ReceiptCode }).ToListAsync());
        cases.Select(c => (c.Number, c.ApplicantName, c.Notify, c.ForwardConsent)).ShouldBe(
            [("2024-0001", "刘晓明", (ApplicantNotice?)ApplicantNotice.Email, (bool?)true), ("2024-0002", "王五", ApplicantNotice.None, false)]);
        var applicantMail = await ApplicantCases.QueryAsync(app, db => db.Notifications.AsNoTracking().Where(n => n.Event.StartsWith("applicant."))
            .Select(n => new { n.Event, n.Channel, n.Address, n.Body }).ToListAsync());
        applicantMail.ShouldHaveSingleItem().ShouldBe(new
        {
            Event = "applicant.receipt",
            Channel = Gongkai.Data.Notifications.NotificationChannel.Email,
            Address = (string?)"liu@example.com",
            Body = $"刘晓明：示范县教育局已收到您的政府信息公开申请，编号 2024-0001，查询码 {cases[0].ReceiptCode}，答复期限 2024年7月15日。",
        });

        var page = await handler.GetPageAsync($"/applications/{await ApplicantCases.QueryAsync(app, db => db.Applications.Where(a => a.Number == "2024-0001").Select(a => a.Id).SingleAsync())}");
        page.QuerySelector("#applicant-forward-consent")!.TextContent.ShouldBe("同意转送");
    }

    [Fact]
    public async Task The_registration_form_keeps_both_consents_when_it_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        using var handler = await app.SignedInAsync("handler");

        var refused = await handler.PostFormAsync("/applications/register", Fields("刘晓明", "", "Email", "true"));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("选择通过电子邮件接收办理进度通知的，请填写电子邮箱。");
        page.QuerySelectorAll("input[name='Input.Notify'][checked]").Select(i => i.GetAttribute("value")).ShouldBe(["Email"]);
        page.QuerySelectorAll("input[name='Input.AgreesToForward'][checked]").Select(i => i.GetAttribute("value")).ShouldBe(["true"]);
        page.QuerySelector("#AgreesToForward-hint")!.TextContent.ShouldBe(Forwarding.ConsentHint);
        (await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync())).ShouldBe(0);
    }

    private static KeyValuePair<string, string>[] Fields(string name, string email, string notify, string agreesToForward) =>
    [
        new("Input.Channel", "InPerson"), new("Input.ArrivedOn", "2024-06-17"), new("Input.ConfirmedOn", ""),
        new("Input.ApplicantType", "NaturalPerson"), new("Input.ApplicantName", name), new("Input.IdDocumentType", "ResidentIdCard"),
        new("Input.IdNumber", "11010519491231002X"), new("Input.Phone", "13800138000"), new("Input.Email", email),
        new("Input.Address", "示范县城关镇人民路8号"), new("Input.Description", "2024年城区义务教育学区划分方案"),
        new("Input.RequestedForm", "Paper"), new("Input.DeliveryPreference", "Post"),
        new("Input.Notify", notify), new("Input.AgreesToForward", agreesToForward), new("RegisterNow", "true"),
    ];
}
