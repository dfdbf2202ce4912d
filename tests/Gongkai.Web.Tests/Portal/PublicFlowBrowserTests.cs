using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gongkai.Tests.Portal;

[Collection(BrowserTests.Name)]
public class PublicFlowBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task A_member_of_the_public_applies_follows_the_case_answers_a_correction_and_downloads_the_reply()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);

        // Apply: one mistake first; the form comes back with the error and everything typed.
        var applicant = await browser.OpenAsync(app);
        await applicant.GotoAsync("/apply");
        await applicant.GetByLabel("向哪个机关申请").SelectOptionAsync(new SelectOptionValue { Label = "示范县教育局" });
        await applicant.GetByLabel("自然人（公民个人）").CheckAsync();
        await applicant.GetByLabel("姓名或名称").FillAsync("王小明");
        await applicant.GetByLabel("证件类型").SelectOptionAsync(new SelectOptionValue { Label = "居民身份证" });
        await applicant.GetByLabel("证件号码").FillAsync("11010519491231002X");
        await applicant.GetByLabel("联系电话").FillAsync("1391234567");
        await applicant.GetByLabel("所需信息的描述").FillAsync("示范县2023年度中小学校舍维修项目清单");
        await applicant.GetByLabel("电子文档").CheckAsync();
        await applicant.GetByLabel("在线下载（本平台）").CheckAsync();
        await applicant.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        (await applicant.Locator("#Phone-error").InnerTextAsync()).ShouldBe("请填写正确的手机号码（11位）或固定电话（如 0373-5000001）。");
        (await applicant.GetByLabel("姓名或名称").InputValueAsync()).ShouldBe("王小明");
        (await applicant.GetByLabel("所需信息的描述").InputValueAsync()).ShouldBe("示范县2023年度中小学校舍维修项目清单");
        (await applicant.GetByLabel("电子文档").IsCheckedAsync()).ShouldBeTrue();
        await applicant.GetByLabel("联系电话").FillAsync("13912345678");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await applicant.WaitForURLAsync("**/apply/receipt");
        (await applicant.Locator("h1").InnerTextAsync()).ShouldBe("申请已提交");
        var code = await applicant.Locator("[data-receipt-code]").InnerTextAsync();
        code.Length.ShouldBe(10);
        (await applicant.Locator(".letter-title").InnerTextAsync()).ShouldBe("示范县教育局政府信息公开申请接收回执");

        // Later, on another device: the status page with code and phone.
        var follower = await browser.OpenAsync(app);
        await follower.GotoAsync("/status");
        await follower.GetByLabel("查询码").FillAsync(code);
        await follower.GetByLabel("联系电话").FillAsync("13912345678");
        await follower.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await follower.WaitForURLAsync("**/status/case");
        (await follower.Locator("ol.timeline").InnerTextAsync()).ShouldContain("2024年6月17日 收到申请（互联网渠道）");
        (await follower.Locator("[data-stage]").InnerTextAsync()).ShouldBe("已收到、尚未登记");

        // Staff register the application and ask for a correction (the staff desk records these events).
        var id = await ApplicantCases.QueryAsync(app, db => db.Applications.Where(a => a.ApplicantName == "王小明").Select(a => a.Id).SingleAsync());
        await ApplicantCases.AppendAsync(
            app,
            id,
            at => new Registered(at, ApplicantCases.Handler),
            at => new CorrectionRequested(at, ApplicantCases.Handler, new DateOnly(2024, 6, 28), "请写明所需清单涉及的学校范围（全县或某一学校）。"));

        await follower.ReloadAsync();
        (await follower.Locator("[data-correction-items]").InnerTextAsync()).ShouldBe("请写明所需清单涉及的学校范围（全县或某一学校）。");
        await follower.GetByLabel("补正内容").FillAsync("全县所有中小学校。");
        await follower.GetByRole(AriaRole.Button, new() { Name = "提交补正" }).ClickAsync();
        (await follower.Locator("p.notice[role=status]").InnerTextAsync()).ShouldBe("补正材料已提交。答复期限自今日起重新计算。");
        (await follower.Locator("ol.timeline").InnerTextAsync()).ShouldContain("收到补正材料，答复期限自当日重新计算");
        (await ApplicantCases.QueryAsync(app, db => db.ApplicationEvents.Where(e => e.ApplicationId == id).OrderBy(e => e.Sequence).Select(e => e.ActorRole).ToListAsync()))
            .ShouldBe([ActorRole.Staff, ActorRole.Staff, ActorRole.Applicant]);

        // The reviewer drafts the reply letter from the template, submits, approves and issues it: issuing is the reply.
        var reviewer = await browser.OpenAsync(app);
        await reviewer.GotoAsync("/accounts/login");
        await reviewer.GetByLabel("用户名").FillAsync("reviewer");
        await reviewer.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await reviewer.WaitForURLAsync("**/work");
        await reviewer.GotoAsync($"/applications/{id}/letters");
        await reviewer.GetByLabel("文书类型").SelectOptionAsync("Reply.Granted");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "起草" }).ClickAsync();
        (await reviewer.GetByLabel("正文").InputValueAsync()).ShouldStartWith("王小明：\n本机关于2024年6月17日收到您（单位）提交的政府信息公开申请");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        (await reviewer.Locator("p.notice[role=status]").InnerTextAsync()).ShouldBe("已提交审批，等待审核人审批。");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "审批同意" }).ClickAsync();
        (await reviewer.Locator("p.notice[role=status]").InnerTextAsync()).ShouldBe("已审批同意，经办人可以签发。");
        await reviewer.GetByLabel("送达方式").SelectOptionAsync("Electronic");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "签发" }).ClickAsync();
        (await reviewer.Locator("p.notice[role=status]").InnerTextAsync()).ShouldBe("已签发，文号 示教公复〔2024〕1号。本申请已按此答复书答复。");

        // The applicant downloads the reply letter.
        await follower.ReloadAsync();
        var download = await follower.RunAndWaitForDownloadAsync(() =>
            follower.GetByRole(AriaRole.Link, new() { Name = "下载 DOCX：示范县教育局政府信息公开申请答复书" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("示范县教育局政府信息公开申请答复书（示教公复〔2024〕1号）.docx");
        var saved = Path.Combine(Path.GetTempPath(), "gongkai-reply-" + Guid.NewGuid().ToString("N") + ".docx");
        await download.SaveAsAsync(saved);
        try
        {
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(saved, false);
            document.MainDocumentPart!.Document.Body!.InnerText.ShouldContain("本机关决定予以公开");
        }
        finally
        {
            File.Delete(saved);
        }

        await follower.GetByRole(AriaRole.Link, new() { Name = "查看、打印" }).ClickAsync();
        (await follower.Locator(".letter-number").InnerTextAsync()).ShouldBe("示教公复〔2024〕1号");

        // Leaving ends the access: the case page sends the visitor back to the look-up form.
        await follower.GoBackAsync();
        await follower.GetByRole(AriaRole.Button, new() { Name = "退出查询" }).ClickAsync();
        await follower.WaitForURLAsync("**/status");
        (await follower.Locator("p.notice[role=status]").InnerTextAsync()).ShouldBe("已退出查询。");
        await follower.GotoAsync("/status/case");
        follower.Url.ShouldEndWith("/status");
    }
}
