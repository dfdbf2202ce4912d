using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gongkai.Tests.Applications;

/// <summary>The desk in a real browser: what a handler types, clicks and reads.</summary>
[Collection(BrowserTests.Name)]
public class CaseBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task A_handler_registers_an_email_application_reads_its_deadline_and_records_a_reply_made_outside_the_platform_only_with_its_scan_and_reasons()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);
        await SignInAsync(page, "handler");

        await page.GotoAsync("/applications");
        await page.GetByRole(AriaRole.Link, new() { Name = "登记收到的申请" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "电子邮件（以双方确认之日为收到申请之日）" }).CheckAsync();
        await page.GetByLabel("到达日期（提交、签收或收到日期）").FillAsync("2024-06-14");
        await page.GetByLabel("证件号码").FillAsync("11010519491231002X");
        await page.GetByLabel("联系电话").FillAsync("13800138000");
        await page.GetByLabel("所需政府信息的名称、文号或者特征性描述").FillAsync("示范县2024年城区义务教育学区划分方案");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记申请" }).ClickAsync();

        (await page.Locator("#ApplicantName-error").InnerTextAsync()).ShouldBe("请填写申请人姓名。");
        (await page.Locator("#ConfirmedOn-error").InnerTextAsync()).ShouldBe("电子邮件的申请以双方确认之日为收到申请之日，须填写确认日期。");
        (await page.GetByLabel("所需政府信息的名称、文号或者特征性描述").InputValueAsync()).ShouldBe("示范县2024年城区义务教育学区划分方案", "what was typed is kept");

        await page.GetByLabel("申请人姓名或名称").FillAsync("王芳");
        await page.GetByLabel("确认日期").FillAsync("2024-06-17");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记申请" }).ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/applications/[0-9a-f-]{36}"));
        (await page.Locator("p.notice").InnerTextAsync()).ShouldStartWith("已收到申请 2024-");
        var deadline = page.Locator("section.deadline");
        (await deadline.InnerTextAsync()).ShouldContain("收到申请：2024-06-17（星期一），电子邮件，以双方确认之日为收到申请之日，当日为第0日，答复期限为20个工作日");
        (await deadline.Locator(".due strong").InnerTextAsync()).ShouldBe("2024-07-15（星期一）");
        await deadline.GetByText("逐日明细").ClickAsync();
        (await deadline.Locator("tbody tr").First.InnerTextAsync()).ShouldBe("2024-06-18\t星期二\t第1个工作日");

        // A reply outside the platform is recorded only with the scan of the sealed letter and the reason.
        var reply = page.Locator("#action-offline-reply");
        await reply.Locator(":scope > summary").ClickAsync();
        await reply.GetByLabel("办理结果").SelectOptionAsync(new SelectOptionValue { Label = "（三）不予公开1.属于国家秘密" });
        await reply.GetByLabel("送达方式").SelectOptionAsync(new SelectOptionValue { Label = "电子邮件或网上平台送达" });
        await reply.GetByRole(AriaRole.Button, new() { Name = "登记平台外答复" }).ClickAsync();
        reply = page.Locator("#action-offline-reply");
        (await reply.Locator("#offline-reply-ScanId-error").InnerTextAsync()).ShouldBe("请先在“附件”中上传盖章答复书的扫描件（类型：盖章文书扫描件），再登记平台外答复。");
        (await reply.Locator("#offline-reply-Explanation-error").InnerTextAsync()).ShouldBe("请说明答复书为什么没有在本平台签发。");
        (await reply.GetByLabel("办理结果").InputValueAsync()).ShouldBe("WithheldStateSecret", "the choice is kept");

        var id = Guid.Parse(new Uri(page.Url).Segments[^1]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var record = await scope.ServiceProvider.GetRequiredService<Gongkai.Data.GongkaiDbContext>().Applications.SingleAsync(a => a.Id == id);
            await scope.ServiceProvider.GetRequiredService<Gongkai.Web.Attachments.AttachmentUploads>()
                .AddTextAsync(record.AgencyId, id, Gongkai.Data.Applications.AttachmentKind.Letter, "答复书扫描件.txt", "（盖章答复书）", visibleToApplicant: false, "王芳");
            await scope.ServiceProvider.GetRequiredService<Gongkai.Data.GongkaiDbContext>().SaveChangesAsync();
        }

        await page.GotoAsync($"/applications/{id}");
        reply = page.Locator("#action-offline-reply");
        await reply.Locator(":scope > summary").ClickAsync();
        await reply.GetByLabel("办理结果").SelectOptionAsync(new SelectOptionValue { Label = "（三）不予公开1.属于国家秘密" });
        await reply.GetByLabel("送达方式").SelectOptionAsync(new SelectOptionValue { Label = "电子邮件或网上平台送达" });
        await reply.GetByLabel("答复书扫描件").SelectOptionAsync(new SelectOptionValue { Label = "答复书扫描件.txt" });
        await reply.GetByLabel("未在平台签发的原因").FillAsync("涉密事项，答复书按保密规定线下制作。");
        await reply.GetByRole(AriaRole.Button, new() { Name = "登记平台外答复" }).ClickAsync();

        const string refusal = "办理结果「（三）不予公开1.属于国家秘密」须说明理由（依据：《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项）。";
        (await page.Locator("#action-result").InnerTextAsync()).ShouldBe("登记平台外答复未完成：" + refusal);
        reply = page.Locator("#action-offline-reply");
        (await reply.Locator("#offline-reply-Reason-error").InnerTextAsync()).ShouldBe(refusal);

        await reply.GetByLabel("答复理由").FillAsync("所申请信息经保密审查确定属于国家秘密。");
        await reply.GetByRole(AriaRole.Button, new() { Name = "登记平台外答复" }).ClickAsync();

        (await page.Locator("p.notice").InnerTextAsync()).ShouldStartWith("已记录：平台外答复：（三）不予公开1.属于国家秘密（电子邮件或网上平台送达）；理由：所申请信息经保密审查确定属于国家秘密。；扫描件：答复书扫描件.txt；未在平台签发的原因：涉密事项，答复书按保密规定线下制作。");
        (await page.Locator("h1 .badge").InnerTextAsync()).ShouldBe("按期答复");
        (await page.Locator("#history tbody tr").Last.InnerTextAsync()).ShouldContain("平台外答复");
        (await page.Locator("#action-deliver").GetAttributeAsync("class"))!.ShouldContain("available");
    }

    [Fact]
    public async Task The_queue_filters_by_status_and_keeps_the_filter_in_the_address()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);
        await SignInAsync(page, "handler");

        await page.GotoAsync("/applications");
        await page.GetByLabel("状态").SelectOptionAsync(new SelectOptionValue { Label = "已逾期" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();

        await page.WaitForURLAsync("**/applications?status=overdue*");
        var badges = await page.Locator("table.queue tbody .badge").AllInnerTextsAsync();
        badges.ShouldNotBeEmpty();
        badges.ShouldAllBe(b => b == "已逾期");
        (await page.GetByLabel("状态").InputValueAsync()).ShouldBe("overdue");
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
    }
}
