using System.Text.Json;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Portal;

/// <summary>
/// Most citizens arrive on a phone: every public page at 390 px wide, in standard and large text, scrolls only
/// downwards (a wide table may scroll sideways inside its own box), cuts nothing off and keeps the menu in one row.
/// </summary>
[Collection(BrowserTests.Name)]
public class PhoneWidthBrowserTests(Browser browser) : BrowserTest
{
    /// <summary>Public pages the walk does not open, each for its reason.</summary>
    private static readonly string[] NotWalked =
    [
        "/error/{code:int?}", // opened as /error/404 below
        "/Accounts/Denied", "/Accounts/Logout", // staff only ever reach them signed in
        "/status/letters/{letterId:guid}/{format:regex(^(print|docx|pdf)$)}", // an A4 letter sheet or a file
        "/status/files/{attachmentId:guid}", // a file
        "/agencies/{id:guid}/reports/{year:int}/{format:regex(^(docx|pdf)$)}", // a file
    ];

    /// <summary>Finds what breaks a phone layout; returns one line per problem (none: the page fits).</summary>
    private const string FitScript = """
        () => {
          const width = document.documentElement.clientWidth;
          const problems = [];
          if (document.documentElement.scrollWidth > width) problems.push(`the page is ${document.documentElement.scrollWidth}px wide`);
          const scrollsItself = el => {
            for (let p = el.parentElement; p; p = p.parentElement) {
              const o = getComputedStyle(p).overflowX;
              if (o === 'auto' || o === 'scroll') return true;
            }
            return false;
          };
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || el.closest('.visually-hidden, .skip-link')) continue;
            if ((r.right > width + 1 || r.left < -1) && !scrollsItself(el)) {
              problems.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} "${el.textContent.trim().slice(0, 20)}" spans ${Math.round(r.left)}–${Math.round(r.right)}px`);
            }
          }
          const rows = new Set([...document.querySelectorAll('.main-nav li')].map(li => li.offsetTop));
          if (rows.size > 1) problems.push(`the menu wraps into ${rows.size} rows`);
          return problems.slice(0, 10);
        }
        """;

    [Fact]
    public async Task Every_public_page_fits_a_390_px_phone_in_standard_and_large_text()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var pages = new[] { await browser.OpenAsync(app), await browser.OpenAsync(app) };
        var education = await AgencyIdAsync(app, "示范县教育局");
        var item = await WithDbAsync(app, db => db.CatalogItems
            .Where(i => i.Status == CatalogStatus.Published && i.Kind == CatalogItemKind.NormativeDocument && i.RepealedOn != null && i.Keywords != null)
            .OrderByDescending(i => i.Title.Length).Select(i => i.Id).FirstAsync());
        var consultations = await WithDbAsync(app, db => db.Consultations.OrderBy(c => c.OpensOn).Select(c => c.Id).ToListAsync());
        var message = await WithDbAsync(app, db => db.Messages.Where(m => m.PublishedAtUtc != null).Select(m => m.Id).FirstAsync());
        string[] urls =
        [
            "/", "/catalog", $"/catalog?agency={education}", $"/catalog/{item}", "/search?q=低保", "/search?q=", "/agencies",
            $"/agencies/{education}", $"/agencies/{education}/guide", $"/agencies/{education}/reports", "/apply", "/status",
            "/accounts/login", "/error/404", "/interaction", "/consultations", .. consultations.Select(c => $"/consultations/{c}"),
            "/messages", "/messages/new", "/messages/status", $"/messages/{message}", "/status/rating", "/interaction/ask", "/bulletins",
        ];

        var problems = new List<string>();
        foreach (var large in new[] { false, true })
        {
            var page = pages[large ? 1 : 0];
            await page.SetViewportSizeAsync(390, 844);
            if (large)
            {
                await page.Context.AddCookiesAsync([new Cookie { Name = "gk-text", Value = "large", Url = app.ServerAddress.ToString() }]);
            }

            foreach (var url in urls)
            {
                await page.GotoAsync(url);
                problems.AddRange((await FitProblemsAsync(page)).Select(p => $"{(large ? "大字版 " : "")}{url}: {p}"));
            }

            // A form sent back with errors keeps its messages inside the width too.
            await page.GotoAsync("/apply");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
            await page.Locator(".field-error, .alert").First.WaitForAsync();
            problems.AddRange((await FitProblemsAsync(page)).Select(p => $"{(large ? "大字版 " : "")}/apply (errors): {p}"));

            // The reply with its rating form, as the citizen sees it after the look-up (the demo's published message).
            await page.GotoAsync("/messages/status");
            await page.GetByLabel("查询码").FillAsync("DEMOLY0007");
            await page.GetByLabel("联系电话").FillAsync("13900000007");
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await page.Locator("[data-reply]").WaitForAsync();
            problems.AddRange((await FitProblemsAsync(page)).Select(p => $"{(large ? "大字版 " : "")}/messages/status (reply): {p}"));

            // Titles in the catalogue read as lines, not one or two characters per line.
            await page.GotoAsync("/catalog");
            var titleWidth = await page.Locator("table.catalog-list td.title").First.EvaluateAsync<double>("e => e.getBoundingClientRect().width");
            titleWidth.ShouldBeGreaterThan(300, "the title cell of the catalogue list at 390 px");
        }

        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    [Fact]
    public async Task Every_public_page_is_in_the_phone_walk()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demo: false);
        var walked = new[]
        {
            "/", "/catalog", "/catalog/{id:guid}", "/search", "/agencies", "/agencies/{id:guid}", "/agencies/{id:guid}/guide",
            "/agencies/{id:guid}/reports/{year:int?}", "/apply", "/apply/receipt", "/status", "/status/case", "/Accounts/Login",
            "/interaction", "/consultations", "/consultations/{id:guid}", "/messages", "/messages/new", "/messages/status", "/messages/{id:guid}", "/status/rating", "/interaction/ask", "/bulletins",
        };

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var publicPages = endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null
                && (e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is null))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => !route.EndsWith("/Index", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        publicPages.Except(walked, StringComparer.OrdinalIgnoreCase).Except(NotWalked, StringComparer.OrdinalIgnoreCase).ShouldBeEmpty("public pages the 390 px walk does not open");
        walked.Except(publicPages, StringComparer.OrdinalIgnoreCase).ShouldBeEmpty("walked routes that are not public pages");
    }

    [Fact]
    public async Task A_citizen_applies_and_reads_the_status_on_a_phone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        var page = await browser.OpenAsync(app);
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync("/apply");
        await page.GetByLabel("向哪个机关申请").SelectOptionAsync(new SelectOptionValue { Label = "示范县教育局" });
        await page.GetByLabel("自然人（公民个人）").CheckAsync();
        await page.GetByLabel("姓名或名称").FillAsync("李红");
        await page.GetByLabel("证件类型").SelectOptionAsync(new SelectOptionValue { Label = "居民身份证" });
        await page.GetByLabel("证件号码").FillAsync("11010519491231002X");
        await page.GetByLabel("联系电话").FillAsync("13800138000");
        await page.GetByLabel("所需信息的描述").FillAsync("示范县2023年义务教育学校招生入学工作方案的附件");
        await page.GetByLabel("电子文档").CheckAsync();
        await page.GetByLabel("在线下载（本平台）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await page.WaitForURLAsync("**/apply/receipt");
        (await FitProblemsAsync(page)).ShouldBeEmpty("/apply/receipt");
        var code = await page.Locator("[data-receipt-code]").InnerTextAsync();

        await page.GotoAsync("/status");
        await page.GetByLabel("查询码").FillAsync(code);
        await page.GetByLabel("联系电话").FillAsync("13800138000");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.WaitForURLAsync("**/status/case");
        (await page.Locator("[data-stage]").InnerTextAsync()).ShouldBe("已收到、尚未登记");
        (await FitProblemsAsync(page)).ShouldBeEmpty("/status/case");
    }

    internal static async Task<IReadOnlyList<string>> FitProblemsAsync(IPage page)
    {
        var found = await page.EvaluateAsync<JsonElement>(FitScript);
        return [.. found.EnumerateArray().Select(p => p.GetString()!)];
    }
}
