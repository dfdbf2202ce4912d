using System.Net;
using System.Text;
using Gongkai.Catalog;
using Gongkai.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

public class SpotCheckTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_spot_check_draws_a_reproducible_sample_records_problems_with_notes_and_files_and_feeds_the_indicator(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var published = await ApplicantCases.QueryAsync(app, db => db.CatalogItems
            .Where(i => i.AgencyId == education && i.Status == CatalogStatus.Published && i.Mode == DisclosureMode.Proactive && i.PublishedOn <= new DateOnly(2024, 6, 17))
            .Select(i => new { i.Id, i.IndexNumber, i.Title }).ToListAsync());
        var population = published.OrderBy(i => i.IndexNumber, StringComparer.Ordinal).ThenBy(i => i.Id).ToList();
        var expected = SpotCheckSample.Draw(population, 3, 20240617).Select(i => i.Title).ToList();
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        // A bad form comes back with what was typed and every reason.
        var refused = await supervisor.SubmitAsync("/supervision/spot-checks", new Dictionary<string, string> { ["Agency"] = "", ["Size"] = "0", ["Seed"] = "abc" }, formSelector: "#draw-form");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = await refused.PageAsync();
        refusedPage.QuerySelectorAll("#draw-problems li").Select(li => li.TextContent).ShouldBe(["请选择要抽查的机关。", "抽查数量应为 1 到 50 的整数。", "随机种子应为正整数；留空则由系统生成。"]);
        (refusedPage.QuerySelector("#size")!.GetAttribute("value"), refusedPage.QuerySelector("#seed")!.GetAttribute("value")).ShouldBe(("0", "abc"));

        // The sample is the seed's; drawing again with the seed gives the same items.
        var url = await DrawAsync(supervisor, education, "20240617");
        var page = await supervisor.GetPageAsync(url);
        page.QuerySelector("#seed")!.TextContent.ShouldBe("20240617");
        page.QuerySelector("#spot-check-summary")!.TextContent.ShouldContain($"2024-06-17 由 陈静（监督人） 从 {population.Count} 条已发布信息中抽取 3 条");
        var titles = page.QuerySelectorAll(".spot-check-item h2 a").Select(a => a.TextContent).ToList();
        titles.ShouldBe(expected);
        var again = await supervisor.GetPageAsync(await DrawAsync(supervisor, education, "20240617"));
        again.QuerySelectorAll(".spot-check-item h2 a").Select(a => a.TextContent).ShouldBe(expected);
        page.QuerySelectorAll("#checklist li").Select(li => li.TextContent).ShouldBe(SpotChecklist.Default.Select(q => q.Text));

        // A problem needs a note; what was ticked and typed comes back.
        var noNote = await supervisor.SubmitAsync(page, url, new Dictionary<string, string> { ["Answers[title].Failed"] = "true", ["Answers[validity].Note"] = "看过" }, formSelector: "#check-1");
        noNote.StatusCode.ShouldBe(HttpStatusCode.OK);
        var noNotePage = await noNote.PageAsync();
        noNotePage.QuerySelector("#check-error")!.TextContent.ShouldBe("“标题、文号与原文一致”不符合时，请写明问题（不超过 1000 字）。");
        noNotePage.QuerySelector("#failed-1-title")!.HasAttribute("checked").ShouldBeTrue();
        noNotePage.QuerySelector("#note-1-validity")!.GetAttribute("value").ShouldBe("看过");

        // Item 1: two problems, one with a screenshot note file; item 2: none.
        var evidence = Encoding.UTF8.GetBytes("截图：标题少了“年度”二字。");
        var itemIds = await ItemIdsAsync(app, url);
        (await CheckAsync(supervisor, url, itemIds[0], evidence,
            ("title", "标题与原文不一致，少了“年度”二字。"), ("validity", "未标注有效性。"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CheckAsync(supervisor, url, itemIds[1], null)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await supervisor.GetPageAsync(url);
        page.QuerySelector("#progress")!.TextContent.ShouldBe("已检查 2 条，发现问题 2 个");
        var problems = page.QuerySelectorAll("#item-1 .problem").ToList();
        problems.Select(p => p.TextContent.Split('\n')[0].Trim()).ShouldBe(["不符合“标题、文号与原文一致”：标题与原文不一致，少了“年度”二字。", "不符合“已标注有效性（有效、失效、废止）”：未标注有效性。"]);
        page.QuerySelector("#item-2 .checked")!.TextContent.ShouldBe("2024-06-17 陈静（监督人） 检查：未发现问题。");
        page.QuerySelector("#check-1").ShouldBeNull("a checked item has no form");
        page.QuerySelector("#check-3").ShouldNotBeNull();
        var download = problems[0].QuerySelectorAll("a").Single(a => a.TextContent == "证明材料").GetAttribute("href")!;
        (await supervisor.GetByteArrayAsync(new Uri(download, UriKind.Relative))).ShouldBe(evidence);
        problems[1].QuerySelectorAll("a").Select(a => a.TextContent).ShouldBe(["提出整改"]);
        var twice = await (await CheckAsync(supervisor, url, itemIds[0], null)).PageAsync();
        twice.QuerySelector("#check-error")!.TextContent.ShouldBe("这条信息已经记录过检查结果。");

        // The indicator: 2 problems over 2 items checked = 1 个/条; full at 0, nothing at 2 → half of 100.
        var scheme = new Dictionary<string, string> { ["EffectiveFrom"] = "2024Q2", ["Lines[9].Include"] = "true", ["Lines[9].Weight"] = "100", ["Lines[9].FullAt"] = "0", ["Lines[9].ZeroAt"] = "2" };
        for (var i = 0; i < 14; i++)
        {
            scheme.TryAdd($"Lines[{i}].Include", "false");
        }

        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", scheme, formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ranking = await supervisor.GetPageAsync("/supervision/assessment?period=2024Q2");
        var row = ranking.QuerySelectorAll("#ranking tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "示范县教育局");
        row.QuerySelector(".total")!.TextContent.Trim().ShouldBe("50");
        row.QuerySelector(".line-0 .muted")!.TextContent.ShouldBe("1 个/条");
        var detail = await supervisor.GetPageAsync($"/supervision/assessment/{education}?period=2024Q2");
        detail.QuerySelectorAll("#line-0 thead th").Select(th => th.TextContent).ShouldBe(["抽查的信息", "抽样日期", "检查日期", "问题数", "计入分子"]);
        var counted = detail.QuerySelectorAll("#line-0 tbody tr").ToList();
        counted.Select(r => (r.QuerySelector("a")!.TextContent, r.ClassList.Contains("counted-row"))).ShouldBe([(titles[0], true), (titles[1], false)], ignoreOrder: true);
        counted.Single(r => r.ClassList.Contains("counted-row")).QuerySelector("a")!.GetAttribute("href").ShouldBe(url + "#item-1");

        // A problem becomes a rectification, and the spot check links to it.
        var raise = problems[1].QuerySelector("a.raise-problem")!.GetAttribute("href")!;
        var form = await supervisor.GetPageAsync(raise);
        form.QuerySelector("#source option[selected]")!.TextContent.ShouldBe("抽查问题");
        form.QuerySelector("#title")!.GetAttribute("value").ShouldBe("抽查问题：" + titles[0]);
        form.QuerySelector("#detail")!.TextContent.ShouldContain($"不符合检查项“已标注有效性（有效、失效、废止）”：未标注有效性。");
        var raised = await supervisor.SubmitAsync(form, raise, new Dictionary<string, string>(), formSelector: "#raise-form");
        raised.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rectification = raised.Headers.Location!.ToString();
        (await supervisor.GetPageAsync(rectification)).QuerySelector("#rectification-summary")!.TextContent.ShouldContain("抽查问题");
        page = await supervisor.GetPageAsync(url);
        page.QuerySelectorAll("#item-1 .problem")[1].QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe([rectification]);
        page.QuerySelectorAll("#item-1 .problem")[0].QuerySelector("a.raise-problem").ShouldNotBeNull();

        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action.StartsWith("spot-check.")).Select(a => a.Action + " " + a.Summary).ToListAsync());
        audit.ShouldBe(
        [
            "spot-check.checked 抽查“" + titles[0] + "”：标题、文号与原文一致（标题与原文不一致，少了“年度”二字。）；已标注有效性（有效、失效、废止）（未标注有效性。）",
            "spot-check.checked 抽查“" + titles[1] + "”：未发现问题",
            $"spot-check.drawn 抽查示范县教育局：从 {population.Count} 条已发布信息中抽取 3 条（随机种子 20240617）",
            $"spot-check.drawn 抽查示范县教育局：从 {population.Count} 条已发布信息中抽取 3 条（随机种子 20240617）",
        ], ignoreOrder: true);
        Gongkai.Web.Audit.AuditLabels.Action("spot-check.drawn").ShouldBe("抽取抽查样本");
        Gongkai.Web.Audit.AuditLabels.Action("spot-check.checked").ShouldBe("记录抽查结果");

        // Agency staff do not see spot checks.
        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        (await handler.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    private static async Task<string> DrawAsync(HttpClient supervisor, Guid agency, string seed)
    {
        var drawn = await supervisor.SubmitAsync("/supervision/spot-checks",
            new Dictionary<string, string> { ["Agency"] = agency.ToString(), ["Size"] = "3", ["Seed"] = seed }, formSelector: "#draw-form");
        drawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return drawn.Headers.Location!.ToString();
    }

    private static Task<List<Guid>> ItemIdsAsync(GongkaiApp app, string url)
    {
        var id = Guid.Parse(url.Split('/')[^1]);
        return ApplicantCases.QueryAsync(app, db => db.SpotCheckItems.Where(i => i.SpotCheckId == id).OrderBy(i => i.Position).Select(i => i.Id).ToListAsync());
    }

    /// <summary>Posts an item's checking form as the browser does (multipart, with the first problem's file).</summary>
    private static async Task<HttpResponseMessage> CheckAsync(HttpClient client, string url, Guid item, byte[]? file, params (string Key, string Note)[] problems)
    {
        var page = await client.GetPageAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent(item.ToString()), "ItemId" },
        };
        foreach (var (key, note) in problems)
        {
            form.Add(new StringContent("true"), $"Answers[{key}].Failed");
            form.Add(new StringContent(note), $"Answers[{key}].Note");
        }

        if (file is not null)
        {
            form.Add(new ByteArrayContent(file), "File-" + problems[0].Key, "截图说明.txt");
        }

        return await client.PostAsync(new Uri(url + "?handler=check", UriKind.Relative), form);
    }
}
