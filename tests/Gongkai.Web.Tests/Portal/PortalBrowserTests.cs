using System.Text.Json;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Portal;

[Collection(BrowserTests.Name)]
public class PortalBrowserTests(Browser browser) : BrowserTest
{
    [Fact]
    public async Task A_member_of_the_public_searches_with_two_characters_and_opens_an_item_using_only_the_keyboard()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);
        await page.GotoAsync("/");

        await TabUntilAsync(page, "document.activeElement.id === 'home-q'");
        await page.Keyboard.InsertTextAsync("低保");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=*");

        (await page.Locator("main [role=status]").InnerTextAsync()).ShouldMatch(@"^找到 \d+ 条信息，第 1 / \d+ 页。$");
        var first = page.Locator("ol.results h3 a").First;
        (await first.Locator("mark").First.InnerTextAsync()).ShouldBe("低保");
        var title = await first.InnerTextAsync();
        await TabUntilAsync(page, "document.activeElement.closest('ol.results h3') !== null");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/catalog/*");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe(title);
        var id = Guid.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
        var item = await WithDbAsync(app, db => db.CatalogItems.SingleAsync(i => i.Id == id));
        var metadata = page.Locator("table.item-meta");
        (await metadata.Locator("th:text-is('索引号') + td").InnerTextAsync()).ShouldBe(item.IndexNumber);
        (await metadata.Locator("th:text-is('发布机构') + td").InnerTextAsync()).ShouldBe(item.Publisher);
        (await metadata.Locator("th:text-is('发布日期') + td").InnerTextAsync()).ShouldBe(item.PublishedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        (await page.Locator("#body-heading").InnerTextAsync()).ShouldBe("正文");
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_and_moves_the_focus_to_the_content()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);
        await page.GotoAsync("/search");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).ShouldBe("跳到正文");
        (await page.EvaluateAsync<bool>("getComputedStyle(document.activeElement).left === '16px'")).ShouldBeTrue("the skip link is visible when focused");
        await page.Keyboard.PressAsync("Enter");

        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("main");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.closest('main') ? 'main' : 'outside'")).ShouldBe("main");
    }

    [Fact]
    public async Task Large_text_mode_enlarges_every_page_and_can_be_turned_off()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);
        await page.GotoAsync("/catalog");

        await page.GetByRole(AriaRole.Button, new() { Name = "大字版" }).ClickAsync();
        await page.WaitForURLAsync("**/catalog");

        (await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize")).ShouldBe("20px");
        await page.GotoAsync("/search?q=拆迁");
        (await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize")).ShouldBe("20px");
        await page.GetByRole(AriaRole.Button, new() { Name = "标准字号" }).ClickAsync();
        await page.WaitForURLAsync("**/search?q=*");
        (await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize")).ShouldBe("16px");
    }

    [Fact]
    public async Task The_portal_pages_have_no_serious_or_critical_accessibility_violations()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var page = await browser.OpenAsync(app);
        var item = await WithDbAsync(app, db => db.CatalogItems.Where(i => i.Status == CatalogStatus.Published && i.Kind == CatalogItemKind.NormativeDocument && i.RepealedOn != null)
            .Select(i => i.Id).FirstAsync());
        var agency = await AgencyIdAsync(app, "示范县教育局");
        var consultation = await WithDbAsync(app, db => db.Consultations.Where(c => c.FeedbackPublishedAtUtc != null).Select(c => c.Id).FirstAsync());

        var found = new List<string>();
        foreach (var url in new[] { "/", "/search?q=低保", "/search?q=", $"/catalog/{item}", $"/agencies/{agency}/guide", "/catalog", "/agencies", $"/agencies/{agency}/reports", $"/agencies/{agency}", "/interaction", "/consultations", $"/consultations/{consultation}" })
        {
            await page.GotoAsync(url);
            found.AddRange((await SeriousViolationsAsync(page)).Select(v => url + " " + v));
        }

        found.ShouldBeEmpty();

        // The check itself finds what it should: a field without a label and an image without a text alternative.
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>反例</title></head><body><main><h1>反例</h1><input type=\"text\"><img src=\"x.png\"></main></body></html>");
        (await SeriousViolationsAsync(page)).Select(v => v.Split(':')[0]).ShouldBe(["critical image-alt", "critical label"], ignoreOrder: true);
    }

    private static async Task TabUntilAsync(IPage page, string condition)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(condition))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached: {condition}");
    }

    /// <summary>Runs the vendored axe-core on the page and describes each serious or critical violation.</summary>
    private static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol rather than added as a <script> tag: the pages' content-security
        // policy refuses inline scripts, and this test is no reason to relax it.
        var axe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Portal", "Vendor", "axe.min.js"));
        await page.EvaluateAsync("() => {\n" + axe + "\n}");
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }
}
