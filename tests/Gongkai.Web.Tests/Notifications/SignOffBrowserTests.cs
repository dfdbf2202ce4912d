using System.Net;
using System.Net.Http.Json;
using Gongkai.AnnualReports;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gongkai.Tests.Web.Notifications;

/// <summary>
/// Issue 12's sign-off in a real browser: the handler drafts and submits, the reviewer finds the letter on 工作台 and
/// returns it with a reason, the handler resubmits, the reviewer approves, the handler issues; the case counts in table
/// 三 only then, the applicant's status page shows the letter, and the applicant who agreed gets an e-mail at receipt
/// and at the reply through the SMTP server of the test.
/// </summary>
[Collection(BrowserTests.Name)]
public class SignOffBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task A_reply_goes_through_sign_off_in_the_browser_and_the_applicant_is_emailed_at_receipt_and_reply()
    {
        await using var smtp = new TestSmtpServer();
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        app.Settings["Notifications:SendEvery"] = "00:00:00.200";
        app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        app.Settings["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Notifications:Smtp:Security"] = "None";
        app.Settings["Notifications:Smtp:From"] = "gongkai@example.gov.cn";
        _ = app.ServerAddress;
        var agencyId = await ApplicantCases.AgencyIdAsync(app);
        using var citizen = app.CreateClient();
        var submitted = await citizen.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), new
        {
            agencyId,
            applicantType = "NaturalPerson",
            applicantName = "王五",
            idDocumentType = "ResidentIdCard",
            idNumber = "11010519491231002X",
            phone = "13812345678",
            email = "wangwu@example.cn",
            description = "示范县2023年度义务教育阶段学校名单",
            requestedForm = "Electronic",
            deliveryPreference = "Online",
            notify = "Email",
        }, Desk.Json);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var application = await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking().SingleAsync());
        await ApplicantCases.AppendAsync(app, application.Id, at => new Registered(at, ApplicantCases.Handler));
        (await smtp.WaitForAsync(1))[0].Message.Subject.ShouldBe("您的政府信息公开申请已收到");

        var handler = await SignInAsync(app, "handler");
        await handler.GotoAsync($"/applications/{application.Id}/letters");
        await handler.Locator("#Kind").SelectOptionAsync("Reply.Granted");
        await handler.GetByRole(AriaRole.Button, new() { Name = "起草" }).ClickAsync();
        await handler.WaitForURLAsync($"**/applications/{application.Id}/letters/*");
        var letterUrl = new Uri(handler.Url).AbsolutePath;
        await handler.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await handler.GetByText("待审批").First.WaitForAsync();

        var reviewer = await SignInAsync(app, "reviewer");
        await reviewer.Locator($"main a[href='{letterUrl}']").First.ClickAsync();
        await reviewer.WaitForURLAsync("**" + letterUrl);
        await reviewer.Locator("#ReturnReason").FillAsync("请写明公开信息的获取方式。");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await reviewer.GetByText("已退回").First.WaitForAsync();

        await handler.GotoAsync(letterUrl);
        (await handler.Locator("main").InnerTextAsync()).ShouldContain("请写明公开信息的获取方式。");
        await handler.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await handler.GetByText("待审批").First.WaitForAsync();

        await reviewer.GotoAsync(letterUrl);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "审批同意" }).ClickAsync();
        await reviewer.Locator("#issue-form").WaitForAsync();
        (await GrantedAsync(app, agencyId)).ShouldBe(0, "approved is not yet a reply");

        await handler.GotoAsync(letterUrl);
        await handler.Locator("#Delivery").SelectOptionAsync("Electronic");
        await handler.GetByRole(AriaRole.Button, new() { Name = "签发" }).ClickAsync();
        await handler.GetByText("示教公复〔2024〕1号").First.WaitForAsync();
        (await GrantedAsync(app, agencyId)).ShouldBe(1, "the issued reply counts in table 三");

        var mails = await smtp.WaitForAsync(2);
        mails.Select(m => m.Message.Subject).ShouldBe(["您的政府信息公开申请已收到", "您的政府信息公开申请已答复"]);
        mails.ShouldAllBe(m => m.To.Single() == "wangwu@example.cn");
        mails[1].Message.TextBody!.ShouldContain("示范县教育局已对您的申请 2024-0001 作出答复");

        var applicant = await browser.OpenAsync(app);
        await applicant.GotoAsync("/status");
        await applicant.Locator("#Code").FillAsync(application.ReceiptCode);
        await applicant.Locator("#Phone").FillAsync("13812345678");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await applicant.WaitForURLAsync("**/status/case");
        (await applicant.Locator("main").InnerTextAsync()).ShouldContain("示范县教育局政府信息公开申请答复书（示教公复〔2024〕1号）");
    }

    private async Task<IPage> SignInAsync(GongkaiApp app, string userName)
    {
        var page = await browser.OpenAsync(app);
        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
        return page;
    }

    private static async Task<decimal> GrantedAsync(GongkaiApp app, Guid agencyId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tables = await scope.ServiceProvider.GetRequiredService<CaseTableQuery>().ComputeAsync(agencyId, 2024);
        return tables.Table3[Table3Row.Granted, Table3Column.Total].Value!.Value;
    }
}
