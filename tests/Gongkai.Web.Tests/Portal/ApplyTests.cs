using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Portal;

public class ApplyTests
{
    [Fact]
    public async Task The_empty_form_starts_with_a_private_person_as_the_applicant_type()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var page = await client.GetPageAsync("/apply");

        page.QuerySelectorAll("input[name=ApplicantType][checked]").Select(i => i.GetAttribute("value")).ShouldBe(["NaturalPerson"]);
        page.QuerySelector("label[for=ApplicantType]")!.TextContent.ShouldBe("自然人（公民个人）");
    }

    [Fact]
    public async Task Errors_are_shown_next_to_each_field_and_everything_typed_is_kept()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();
        var agency = await ApplicantCases.AgencyIdAsync(app);
        var fields = Fields(agency);
        fields["IdNumber"] = "110105194912310021";
        fields["Phone"] = "12345";
        fields["DeliveryPreference"] = nameof(DeliveryPreference.Post);
        fields.Remove("RequestedForm");

        var response = await client.PostFormAsync("/apply", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = new HtmlParser().ParseDocument(await response.BodyAsync());
        page.QuerySelector("#IdNumber-error")!.TextContent.ShouldBe("居民身份证号码应为18位，最后一位是数字或X，请核对。");
        page.QuerySelector("#Phone-error")!.TextContent.ShouldBe("请填写正确的手机号码（11位）或固定电话（如 0373-5000001）。");
        page.QuerySelector("#RequestedForm-error")!.TextContent.ShouldBe("请选择所需信息的提供形式。");
        page.QuerySelector("#Address-error")!.TextContent.ShouldBe("选择邮寄的，请填写通信地址。");
        page.QuerySelectorAll("[role=alert] li a").Select(a => a.GetAttribute("href")).ShouldBe(["#IdNumber", "#Phone", "#RequestedForm", "#Address"], ignoreOrder: true);
        page.QuerySelector("#IdNumber")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#ApplicantName")!.GetAttribute("value").ShouldBe("张三");
        page.QuerySelector("#IdNumber")!.GetAttribute("value").ShouldBe("110105194912310021");
        page.QuerySelector("#Description")!.TextContent.ShouldBe("示范县2023年度义务教育阶段学校名单");
        page.QuerySelector("#AgencyId option[selected]")!.GetAttribute("value").ShouldBe(agency.ToString());
        page.QuerySelector("input[name=ApplicantType][checked]")!.GetAttribute("value").ShouldBe("NaturalPerson");
        page.QuerySelector("input[name=DeliveryPreference][checked]")!.GetAttribute("value").ShouldBe(nameof(DeliveryPreference.Post));
        (await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync(a => a.Description == Description))).ShouldBe(0);
    }

    [Fact]
    public async Task An_agency_that_takes_no_online_applications_refuses_one_and_says_how_to_apply()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();
        var agency = await ApplicantCases.AgencyIdAsync(app);
        await ApplicantCases.QueryAsync(app, db => db.Agencies.Where(a => a.Id == agency)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.AcceptedChannels, 1 << (int)ReceiptChannel.InPerson)));
        var before = await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync());

        var response = await client.PostFormAsync("/apply", Fields(agency));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = new HtmlParser().ParseDocument(await response.BodyAsync());
        page.QuerySelector("#AgencyId-error")!.TextContent.ShouldBe("示范县教育局未开通在线申请，请按该机关的政府信息公开指南以当面、邮寄等方式提出申请。");
        page.QuerySelector("#Description")!.TextContent.ShouldBe(Description);

        var api = await client.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(agency), Desk.Json);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.JsonAsync()).GetProperty("errors").GetProperty("agencyId")[0].GetString()
            .ShouldBe("示范县教育局未开通在线申请，请按该机关的政府信息公开指南以当面、邮寄等方式提出申请。");
        (await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task An_organisation_needs_a_matching_document_type_and_a_contact_person()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();
        var fields = Fields(await ApplicantCases.AgencyIdAsync(app));
        fields["ApplicantType"] = "Commercial";
        fields["ApplicantName"] = "某某科技有限公司";

        var page = new HtmlParser().ParseDocument(await (await client.PostFormAsync("/apply", fields)).BodyAsync());

        page.QuerySelector("#IdDocumentType-error")!.TextContent.ShouldBe("法人或其他组织请选择统一社会信用代码或其他证件。");
        page.QuerySelector("#ContactPerson-error")!.TextContent.ShouldBe("请填写联系人。");
    }

    [Fact]
    public async Task A_valid_application_is_received_online_today_and_the_receipt_shows_the_code_and_dates()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var response = await client.PostFormAsync("/apply", Fields(await ApplicantCases.AgencyIdAsync(app)));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/apply/receipt");
        var stored = await ApplicantCases.QueryAsync(app, db => db.Applications.SingleAsync(a => a.Description == Description));
        stored.SubmittedOnline.ShouldBeTrue();
        stored.Channel.ShouldBe(ReceiptChannel.Online);
        stored.ReceivedOn.ShouldBe(new DateOnly(2024, 6, 17));
        stored.DueOn.ShouldBe(new DateOnly(2024, 7, 15));
        stored.RequestedForm.ShouldBe(RequestedForm.Electronic);
        stored.DeliveryPreference.ShouldBe(DeliveryPreference.Online);
        stored.IdNumber.ShouldBe("11010519491231002X");

        var receipt = await client.GetPageAsync("/apply/receipt");
        receipt.QuerySelector("[data-receipt-code]")!.TextContent.ShouldBe(stored.ReceiptCode);
        var facts = receipt.QuerySelectorAll("dl.facts dd").Select(d => d.TextContent).ToList();
        facts.ShouldContain(stored.Number);
        facts.ShouldContain("2024年6月17日");
        facts.ShouldContain("2024年7月15日（需要补正、延期或者征求意见的，期限依法调整）");
        receipt.QuerySelector(".letter-title")!.TextContent.ShouldBe("示范县教育局政府信息公开申请接收回执");
        receipt.QuerySelectorAll(".letter-paragraph").Select(p => p.TextContent).ShouldBe(
        [
            $"本机关已于2024年6月17日（互联网渠道）收到您（单位）提交的政府信息公开申请，登记号为{stored.Number}，您申请获取“示范县2023年度义务教育阶段学校名单”。",
            "根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内（即2024年7月15日前）作出答复；需要补正、延长答复期限或者征求第三方、其他机关意见的，本机关将另行告知，答复期限依法相应调整。",
            $"您可以凭查询码{stored.ReceiptCode}和申请时填写的联系电话，在本平台“办理进度查询”页面查看办理进度。",
            "联系电话：0373-5000002。",
        ]);

        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action == "application.received" && a.EntityId == stored.Id.ToString()).Select(a => a.UserName).ToListAsync());
        audit.ShouldBe(["（公众）"]);
    }

    [Fact]
    public async Task Submissions_are_rate_limited_per_client_and_the_refusal_keeps_the_form()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["PublicRateLimits:Submissions"] = "2";
        var fields = Fields(await ApplicantCases.AgencyIdAsync(app));

        for (var i = 0; i < 2; i++)
        {
            using var client = app.CreateBrowserClient();
            (await client.PostFormAsync("/apply", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var third = app.CreateBrowserClient();
        var refused = await third.PostFormAsync("/apply", fields);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var page = new HtmlParser().ParseDocument(await refused.BodyAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldBe("提交过于频繁，请稍等一段时间后再提交。您填写的内容已保留。");
        page.QuerySelector("#Description")!.TextContent.ShouldBe("示范县2023年度义务教育阶段学校名单");
        (await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync(a => a.Description == Description))).ShouldBe(2);
    }

    [Fact]
    public async Task The_form_and_the_api_draw_on_one_submission_budget()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["PublicRateLimits:Submissions"] = "2";
        var agency = await ApplicantCases.AgencyIdAsync(app);
        using var client = app.CreateBrowserClient();
        var before = await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync());

        (await client.PostFormAsync("/apply", Fields(agency))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(agency), Desk.Json)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var api = await client.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(agency), Desk.Json);
        api.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await api.Content.ReadAsStringAsync()).ShouldContain("提交过于频繁，请稍等一段时间后再提交。");
        (await client.PostFormAsync("/apply", Fields(agency))).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync())).ShouldBe(before + 2);
    }

    private const string Description = "示范县2023年度义务教育阶段学校名单";

    internal static Dictionary<string, string> Fields(Guid agency) => new(StringComparer.Ordinal)
    {
        ["agency"] = agency.ToString(),
        ["ApplicantType"] = "NaturalPerson",
        ["ApplicantName"] = "张三",
        ["IdDocumentType"] = nameof(IdentityDocument.ResidentIdCard),
        ["IdNumber"] = "11010519491231002x",
        ["Phone"] = ApplicantCases.Phone,
        ["Email"] = "",
        ["Address"] = "",
        ["PostalCode"] = "",
        ["Description"] = "示范县2023年度义务教育阶段学校名单",
        ["RequestedForm"] = nameof(RequestedForm.Electronic),
        ["DeliveryPreference"] = nameof(DeliveryPreference.Online),
    };
}
