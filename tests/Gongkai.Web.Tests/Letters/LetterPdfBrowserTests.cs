using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Portal;
using Gongkai.Tests.Web;
using Microsoft.Playwright;

namespace Gongkai.Tests.Letters;

/// <summary>The one test that runs LibreOffice itself: a handler on a phone asks for a letter's PDF and waits on the page.</summary>
[Collection(BrowserTests.Name)]
public class LetterPdfBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task A_handler_requests_a_pdf_sees_it_queued_then_done_without_reloading_and_downloads_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["Letters:PdfPollEvery"] = "00:00:00.300";
        var page = await browser.OpenAsync(app);

        // An issued reply, written as issuing leaves it (the sign-off's own browser test is SignOffBrowserTests).
        var application = await LetterApprovalTests.RegisteredAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var issued = new LetterRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = application.AgencyId,
            ApplicationId = application.Id,
            Kind = "Reply.Granted",
            Number = "示教公复〔2024〕1号",
            Recipient = "张三",
            Title = "示范县教育局政府信息公开申请答复书",
            Body = "张三：\n本机关决定予以公开，现以电子文档形式向您提供。\n特此答复。",
            Status = LetterStatus.Issued,
            IssuedOn = new DateOnly(2024, 6, 17),
            IssuedAtUtc = now,
            IssuedByName = "张明（经办人）",
            ApprovedByName = "李华（审核人）",
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            VisibleToApplicant = true,
        };
        await using (var db = database.CreateContext())
        {
            db.Letters.Add(issued);
            await db.SaveChangesAsync();
        }

        var letter = $"/applications/{application.Id}/letters/{issued.Id}";
        var letterId = issued.Id.ToString();

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync("handler");
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
        await page.GotoAsync(letter);
        var box = page.Locator($"#pdf-{letterId}");
        (await box.Locator("[data-part=label]").InnerTextAsync()).ShouldBe("尚未生成");

        await box.GetByRole(AriaRole.Button, new() { Name = "生成 PDF" }).ClickAsync();
        await page.WaitForURLAsync($"**{letter}#pdf-{letterId}");
        (await box.Locator("[data-part=label]").InnerTextAsync()).ShouldBeOneOf("排队中", "生成中");
        (await box.Locator("[data-part=detail]").InnerTextAsync()).ShouldStartWith("已等待 ");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        // The script polls until the job ends; the job itself ends within the conversion's own limit (Letters:PdfTimeoutSeconds, 120 s).
        await page.WaitForFunctionAsync(
            $"() => ['done', 'failed'].includes(document.getElementById('pdf-{letterId}').dataset.state)", null, new() { Timeout = 180_000 });
        (await box.Locator("[data-part=label]").InnerTextAsync()).ShouldBe("已完成", await box.Locator("[data-part=detail]").InnerTextAsync());
        (await page.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue("the state came without reloading the page");
        (await box.Locator("[data-part=refresh]").IsVisibleAsync()).ShouldBeFalse();
        (await PhoneWidthBrowserTests.FitProblemsAsync(page)).ShouldBeEmpty();

        var download = await page.RunAndWaitForDownloadAsync(() => box.GetByRole(AriaRole.Link, new() { Name = "下载 PDF" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("示范县教育局政府信息公开申请答复书（示教公复〔2024〕1号）.pdf");
        var saved = Path.Combine(Path.GetTempPath(), "gongkai-letter-" + Guid.NewGuid().ToString("N") + ".pdf");
        await download.SaveAsAsync(saved);
        try
        {
            var pdf = await File.ReadAllBytesAsync(saved);
            System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");

            // pdftotext puts spaces between Chinese and Latin text; the letter's own text has none.
            var text = string.Concat((await LetterApprovalTests.PdfTextAsync(pdf)).Where(c => !char.IsWhiteSpace(c)));
            text.ShouldContain("示范县教育局政府信息公开申请答复书");
            text.ShouldContain("示教公复〔2024〕1号");
        }
        finally
        {
            File.Delete(saved);
        }
    }
}
