using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Supervision;

public class AssessmentTests
{
    private static readonly DateTimeOffset April2025 = new(2025, 4, 10, 2, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_quarterly_scheme_scores_every_agency_from_live_data_each_number_opens_what_it_counts_and_a_closed_period_stays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        // 教育局: four cases due on 10 February; one answered on the 12th. 自然资源局: two answered early.
        var e1 = await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 10));
        var late = await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 12));
        await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        await CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        (await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1")).QuerySelector("#no-scheme").ShouldNotBeNull();
        var saved = await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", SchemeForm("2025Q1"), formSelector: "#scheme-form");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1");

        page.QuerySelector("#scheme-in-force")!.TextContent.ShouldContain("第 1 版（自2025年第一季度起施行）");
        var rows = page.QuerySelectorAll("#ranking tbody tr").ToList();
        rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()).ShouldBe(
            ["示范县自然资源局", "示范县教育局", "示范县住房和城乡建设局", "示范县人力资源和社会保障局", "示范县市场监督管理局"],
            "ranked first, the office itself is not assessed, agencies with nothing to count come last");
        rows.Select(r => r.QuerySelector(".rank")!.TextContent.Trim()).ShouldBe(["1", "2", "—", "—", "—"]);
        rows.Select(r => r.QuerySelector(".total")!.TextContent.Trim()).ShouldBe(["100", "60", "不适用", "不适用", "不适用"]);
        rows[1].QuerySelector(".line-0")!.TextContent.ShouldContain("30", customMessage: "75% on time: half way from 50% to 100% of 60 points");
        rows[1].QuerySelector(".line-0")!.TextContent.ShouldContain("75%");
        rows[1].QuerySelector(".line-1")!.TextContent.ShouldContain("30", customMessage: "one overdue case of the four that cost all 40 points");
        var link = rows[1].QuerySelector(".line-0 a")!.GetAttribute("href")!;
        link.ShouldStartWith($"/supervision/assessment/{education}?period=2025Q1&region=");
        link.ShouldEndWith("#line-0");

        var detail = await supervisor.GetPageAsync(link.Split('#')[0]);
        var onTime = detail.QuerySelector("#line-0")!;
        onTime.TextContent.ShouldContain("口径（第 1 版）");
        onTime.TextContent.ShouldContain("办结日不晚于答复期限的件数 ÷ 办结件数");
        onTime.QuerySelectorAll("tbody tr").Length.ShouldBe(4);
        onTime.QuerySelectorAll("tbody tr.counted-row").Length.ShouldBe(3);
        var overdue = detail.QuerySelector("#line-1")!;
        var overdueRow = overdue.QuerySelectorAll("tbody tr.counted-row").ShouldHaveSingleItem();
        overdueRow.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/applications/{late}");
        overdueRow.TextContent.ShouldContain("2025-02-12");
        var raiseFromCase = await supervisor.GetPageAsync(overdueRow.QuerySelector("a.raise-overdue")!.GetAttribute("href")!);
        raiseFromCase.QuerySelector("#source option[selected]")!.TextContent.ShouldBe("逾期未答复");
        raiseFromCase.QuerySelector("#title")!.GetAttribute("value")!.ShouldStartWith("逾期未答复：");
        raiseFromCase.QuerySelector("#agency option[selected]")!.TextContent.ShouldBe("示范县教育局（示范县）");
        detail.QuerySelectorAll("a.raise-indicator").Length.ShouldBe(2, "both lines lost points");

        // The quarter is over: the supervisor closes it, and later corrections do not change the published ranking.
        var closed = await supervisor.SubmitAsync(page, "/supervision/assessment?period=2025Q1", new Dictionary<string, string>(), formSelector: "#close-form");
        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await ConcludeAsync(app, late, D(2025, 2, 10));
        var after = await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1");
        after.QuerySelector("#scheme-in-force")!.TextContent.ShouldContain("由 陈静（监督人） 定稿");
        after.QuerySelectorAll("#ranking tbody tr")[1].QuerySelector(".total")!.TextContent.Trim().ShouldBe("60");
        after.QuerySelector("#close-form").ShouldBeNull("a closed period is not closed twice");
        var bulletin = await supervisor.GetPageAsync("/supervision/assessment/bulletin?period=2025Q1");
        bulletin.QuerySelectorAll("#bulletin-ranking tbody tr").Length.ShouldBe(5);
        bulletin.QuerySelectorAll("#bulletin-problems li").Select(li => li.TextContent).ShouldBe(
            ["“按时答复率”有 1 个单位失分：示范县教育局。", "“逾期件数”有 1 个单位失分：示范县教育局。"]);
        bulletin.QuerySelector("#bulletin")!.TextContent.ShouldContain("考核结果已定稿。");

        // The same 通报 as a Word document: title, opening, the ranking table, the problems, no rectifications.
        var docx = await supervisor.GetAsync(new Uri(bulletin.QuerySelector("#bulletin-docx")!.GetAttribute("href")!, UriKind.Relative));
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        docx.Content.Headers.ContentType!.MediaType.ShouldBe(Gongkai.Web.Letters.LetterFiles.DocxType);
        docx.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("示范县2025年第一季度政府信息公开工作考核通报.docx");
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            body.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ShouldBe(
            [
                "示范县2025年第一季度政府信息公开工作考核通报",
                "按照示范县政府信息公开工作考核方案（第 1 版），对 5 个单位2025年第一季度的政府信息公开工作进行了考核。考核结果已定稿。现将有关情况通报如下。",
                "一、考核结果",
                "二、存在的主要问题",
                "1. “按时答复率”有 1 个单位失分：示范县教育局。",
                "2. “逾期件数”有 1 个单位失分：示范县教育局。",
                "三、整改事项",
                "本考核期没有提出或到期的整改事项。",
                "请各单位对照通报的问题认真整改，按期报送整改情况。",
            ]);
            body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().ShouldHaveSingleItem()
                .Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Select(r => string.Join("|", r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText)))
                .ShouldBe(
                [
                    "排名|单位|得分|较上期", "1|示范县自然资源局|100|—", "2|示范县教育局|60|—",
                    "—|示范县住房和城乡建设局|不适用|—", "—|示范县人力资源和社会保障局|不适用|—", "—|示范县市场监督管理局|不适用|—",
                ]);
            word.PackageProperties.Title.ShouldBe("示范县2025年第一季度政府信息公开工作考核通报");
        }

        // The ranking and the indicator lines in Excel, read back: Chinese headers, points as numbers, 不适用 as text.
        var xlsx = await supervisor.GetAsync(new Uri(after.QuerySelector("#ranking-exports a")!.GetAttribute("href")!, UriKind.Relative));
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("示范县2025年第一季度考核结果.xlsx");
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            workbook.Worksheets.Select(w => w.Name).ShouldBe(["排名", "指标明细"]);
            var ranking = workbook.Worksheet("排名");
            static List<string> Texts(ClosedXML.Excel.IXLRow row, int count) => [.. Enumerable.Range(1, count).Select(c => row.Cell(c).GetString())];
            Texts(ranking.Row(1), 8).ShouldBe(["排名", "较上期", "机关", "总分", "按时答复率得分（满分 60）", "按时答复率数值", "逾期件数得分（满分 40）", "逾期件数数值"]);
            Texts(ranking.Row(2), 8).ShouldBe(["1", "—", "示范县自然资源局", "100", "60", "100%", "40", "0 件"]);
            Texts(ranking.Row(3), 8).ShouldBe(["2", "—", "示范县教育局", "60", "30", "75%", "30", "1 件"]);
            Texts(ranking.Row(4), 8).ShouldBe(["", "—", "示范县住房和城乡建设局", "不适用", "不适用", "不适用", "不适用", "不适用"]);
            ranking.Cell(3, 4).DataType.ShouldBe(ClosedXML.Excel.XLDataType.Number);
            ranking.Cell(3, 4).GetValue<decimal>().ShouldBe(60m);
            ranking.Row(7).IsEmpty().ShouldBeTrue("five agencies");
            var lines = workbook.Worksheet("指标明细");
            Texts(lines.Row(1), 9).ShouldBe(["机关", "指标", "口径版本", "数值", "得分", "满分", "计入分母", "计入分子", "评分规则"]);
            Texts(lines.Row(4), 8).ShouldBe(["示范县教育局", "按时答复率", "1", "75%", "30", "60", "4", "3"]);
            Texts(lines.Row(5), 8).ShouldBe(["示范县教育局", "逾期件数", "1", "1 件", "30", "40", "4", "1"]);
            Texts(lines.Row(6), 8).ShouldBe(["示范县住房和城乡建设局", "按时答复率", "1", "不适用", "不适用", "60", "", ""]);
        }

        var rankingCsv = (await supervisor.GetStringAsync(new Uri("/supervision/assessment?handler=csv&period=2025Q1", UriKind.Relative))).TrimStart('\uFEFF');
        rankingCsv.Split("\r\n")[2].ShouldBe("2,—,示范县教育局,60,30,75%,30,1 件");

        // A new version cannot reach back into the closed quarter; from the next one it can.
        var refused = await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", SchemeForm("2025Q1"), formSelector: "#scheme-form");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = await refused.PageAsync();
        refusedPage.QuerySelector("#scheme-problems")!.TextContent.ShouldContain("2025年第一季度的考核结果已经确定，新版本只能从之后的考核期起施行。");
        refusedPage.QuerySelector("input[name='Lines[0].Weight']")!.GetAttribute("value").ShouldBe("60", "what was typed comes back");
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", SchemeForm("2025Q2"), formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var schemes = await supervisor.GetPageAsync("/supervision/schemes?kind=Quarter");
        schemes.QuerySelectorAll(".scheme-version h3").Select(h => h.TextContent).ShouldBe(["第 2 版：自2025年第二季度起施行", "第 1 版：自2025年第一季度起施行"]);

        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action.StartsWith("assessment.")).Select(a => a.Action).ToListAsync());
        audit.Order(StringComparer.Ordinal).ShouldBe(["assessment.closed", "assessment.scheme-created", "assessment.scheme-created"]);
        Gongkai.Web.Audit.AuditLabels.Action("assessment.closed").ShouldBe("考核结果定稿");
        _ = e1;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_manual_line_is_not_applicable_until_the_supervisor_scores_it_with_a_note_and_the_score_counts_in_the_total(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 10));
        await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 12));
        await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        var form = SchemeForm("2025Q1");
        form["Lines[1].Include"] = "false";
        form["Lines[12].Include"] = "true";
        form["Lines[12].Title"] = "政务公开专栏建设";
        form["Lines[12].Guidance"] = "栏目齐全、更新及时得满分，缺一个栏目扣 10%。";
        form["Lines[12].Weight"] = "40";
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", form, formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = $"/supervision/assessment/{education}?period=2025Q1";

        // Not scored yet: the line is 不适用 and the total is the on-time line scaled to 100 (30 of 60 → 50).
        var before = await supervisor.GetPageAsync(url);
        before.QuerySelector("#line-1 h2")!.TextContent.ShouldBe("政务公开专栏建设：不适用，不计分（满分 40）");
        before.QuerySelector("#line-1")!.TextContent.ShouldContain("尚未评分（不适用）。");
        before.QuerySelector("#line-1 .definition")!.TextContent.ShouldBe("口径（第 1 版）：栏目齐全、更新及时得满分，缺一个栏目扣 10%。");
        before.QuerySelector("#agency-total dd")!.TextContent.ShouldBe("50");

        // A score needs a whole rate from 0 to 100 and a note; what was typed comes back.
        var noNote = await supervisor.SubmitAsync(before, url, new Dictionary<string, string> { ["Rate"] = "85", ["Note"] = " " }, formSelector: "form.inline-form");
        noNote.StatusCode.ShouldBe(HttpStatusCode.OK);
        var noNotePage = await noNote.PageAsync();
        noNotePage.QuerySelector("[role=alert]")!.TextContent.ShouldBe("请写明评分理由（不超过 1000 字）。");
        noNotePage.QuerySelector("#rate-1")!.GetAttribute("value").ShouldBe("85");
        var tooHigh = await (await supervisor.SubmitAsync(before, url, new Dictionary<string, string> { ["Rate"] = "101", ["Note"] = "好" }, formSelector: "form.inline-form")).PageAsync();
        tooHigh.QuerySelector("[role=alert]")!.TextContent.ShouldBe("得分率应为 0 到 100 的整数。");
        tooHigh.QuerySelector("#note-1")!.TextContent.ShouldBe("好");
        var wrongLine = await (await supervisor.SubmitAsync(before, url, new Dictionary<string, string> { ["Line"] = "0", ["Rate"] = "90", ["Note"] = "好" }, formSelector: "form.inline-form")).PageAsync();
        wrongLine.QuerySelector("[role=alert]")!.TextContent.ShouldBe("只能为考核方案中的人工评分项评分。");

        var scored = await supervisor.SubmitAsync(before, url, new Dictionary<string, string> { ["Rate"] = "70", ["Note"] = "缺少政策解读栏目。" }, formSelector: "form.inline-form");
        scored.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        scored.Headers.Location!.ToString().ShouldEndWith("#line-1");

        // Scored again with an evidence file, as the browser posts the form (multipart).
        var evidence = System.Text.Encoding.UTF8.GetBytes("专栏截图说明：政策解读栏目已开通，最近更新为 2025 年 1 月。");
        var token = (await supervisor.GetPageAsync(url)).AntiforgeryToken();
        using (var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("1"), "Line" },
            { new StringContent("85"), "Rate" },
            { new StringContent("栏目齐全，但更新不及时。"), "Note" },
            { new ByteArrayContent(evidence), "Evidence", "专栏截图说明.txt" },
        })
        {
            var rescored = await supervisor.PostAsync(new Uri(url + "&handler=score", UriKind.Relative), multipart);
            rescored.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var after = await supervisor.GetPageAsync(url);
        after.QuerySelector("#line-1 h2")!.TextContent.ShouldBe("政务公开专栏建设：85% → 34 分（满分 40）");
        after.QuerySelector("#line-1 .manual-score")!.TextContent.ShouldBe("得分率 85%，陈静（监督人） 于 2025-04-10 10:00 评分。理由：栏目齐全，但更新不及时。");
        after.QuerySelector("#agency-total dd")!.TextContent.ShouldBe("64", "30 + 34 of 100");
        var evidenceLink = after.QuerySelector("#line-1 a.evidence")!.GetAttribute("href")!;
        (await supervisor.GetByteArrayAsync(new Uri(evidenceLink, UriKind.Relative))).ShouldBe(evidence);
        after.QuerySelector("#line-0 a.evidence").ShouldBeNull();
        var ranking = await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1");
        var rows = ranking.QuerySelectorAll("#ranking tbody tr").ToList();
        rows.Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector(".total")!.TextContent.Trim())).Take(2)
            .ShouldBe([("示范县自然资源局", "100"), ("示范县教育局", "64")], "自然资源局's manual line is not scored: 不适用, its total is its one line");
        rows[0].QuerySelector(".line-1")!.TextContent.Trim().ShouldBe("不适用");

        var scores = await ApplicantCases.QueryAsync(app, db => db.ManualScores.Select(m => new { m.AgencyId, m.Line, m.Rate }).ToListAsync());
        scores.ShouldHaveSingleItem().ShouldBe(new { AgencyId = education, Line = 1, Rate = 85 }, "scoring again replaces the score");
        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action == "assessment.manual-scored").Select(a => a.Summary).ToListAsync());
        audit.Order(StringComparer.Ordinal).ShouldBe(["2025年第一季度“政务公开专栏建设”评分 70%：缺少政策解读栏目。", "2025年第一季度“政务公开专栏建设”评分 85%：栏目齐全，但更新不及时。"]);
        Gongkai.Web.Audit.AuditLabels.Action("assessment.manual-scored").ShouldBe("考核人工评分");

        // Once the quarter's results are closed, the score is stored with them and cannot change.
        (await supervisor.SubmitAsync(ranking, "/supervision/assessment?period=2025Q1", new Dictionary<string, string>(), formSelector: "#close-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var closed = await supervisor.GetPageAsync(url);
        closed.QuerySelector("form.inline-form").ShouldBeNull();
        var refused = await (await supervisor.SubmitAsync(after, url, new Dictionary<string, string> { ["Rate"] = "100", ["Note"] = "已补齐。" }, formSelector: "form.inline-form")).PageAsync();
        refused.QuerySelector("[role=alert]")!.TextContent.ShouldBe("本考核期的结果已经定稿，不能再评分。");
        (await supervisor.GetPageAsync(url)).QuerySelector("#agency-total dd")!.TextContent.ShouldBe("64");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_level_of_province_city_and_county_reads_its_own_subtree_only(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var (otherCountyAgency, _) = await LevelsAsync(app);
        using var county = app.CreateBrowserClient();
        await county.LoginAsync("supervisor");
        using var city = app.CreateBrowserClient();
        await city.LoginAsync("city-supervisor");
        using var province = app.CreateBrowserClient();
        await province.LoginAsync("province-supervisor");

        static async Task<List<string>> Regions(HttpClient client) =>
            [.. (await client.GetPageAsync("/supervision/assessment")).QuerySelectorAll("#region option").Select(o => o.TextContent)];
        static async Task<List<string>> Agencies(HttpClient client) =>
            [.. (await client.GetPageAsync("/supervision/rectifications/new")).QuerySelectorAll("#agency option").Skip(1).Select(o => o.TextContent)];

        (await county.GetPageAsync("/supervision/assessment")).QuerySelector("#region").ShouldBeNull("a county has no region below it to choose");
        (await Regions(city)).ShouldBe(["新乡市", "示范县", "另一县"]);
        (await Regions(province)).ShouldBe(["河南省", "新乡市", "示范县", "另一县"]);
        (await Agencies(county)).Count.ShouldBe(5);
        (await Agencies(county)).ShouldNotContain(a => a.StartsWith("另一县", StringComparison.Ordinal));
        (await Agencies(city)).ShouldBe(
        [
            "示范县人民政府办公室（示范县）", "示范县教育局（示范县）", "示范县自然资源局（示范县）", "示范县住房和城乡建设局（示范县）",
            "示范县人力资源和社会保障局（示范县）", "示范县市场监督管理局（示范县）", "另一县教育局（另一县）",
        ], "the city's own office is not in the list; both counties' agencies are");
        (await Agencies(province)).Count.ShouldBe(8, "the city's office, both counties' agencies");

        // A rectification the city raised to the other county is the city's and the province's, not the county's.
        var raised = await city.SubmitAsync("/supervision/rectifications/new", new Dictionary<string, string>
        {
            ["Input.AgencyId"] = otherCountyAgency.ToString(),
            ["Input.Title"] = "主动公开目录更新不及时",
            ["Input.Detail"] = "请在期限内补充公开。",
        }, formSelector: "#raise-form");
        raised.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = raised.Headers.Location!.ToString();
        (await city.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await province.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await county.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await county.GetPageAsync("/supervision/rectifications")).QuerySelector("#rectifications").ShouldBeNull();
        (await city.GetAsync(new Uri($"/supervision/assessment/{otherCountyAgency}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await county.GetAsync(new Uri($"/supervision/assessment/{otherCountyAgency}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The scheme form with on-time replies (60 points, full at 100%, nothing at 50%) and overdue cases (40, full at 0, nothing at 4) only.</summary>
    internal static Dictionary<string, string> SchemeForm(string effectiveFrom)
    {
        var form = new Dictionary<string, string>
        {
            ["Lines[0].Weight"] = "60", ["Lines[0].FullAt"] = "100", ["Lines[0].ZeroAt"] = "50",
            ["Lines[1].Weight"] = "40", ["Lines[1].FullAt"] = "0", ["Lines[1].ZeroAt"] = "4",
            ["Lines[0].Include"] = "true", ["Lines[1].Include"] = "true",
            ["EffectiveFrom"] = effectiveFrom,
        };
        for (var i = 2; i < 14; i++)
        {
            form[$"Lines[{i}].Include"] = "false";
        }

        return form;
    }

    /// <summary>A case received, registered and answered through the engine, with the due date the test states.</summary>
    internal static async Task<Guid> CaseAsync(GongkaiApp app, Guid agency, DateOnly received, DateOnly due, DateOnly? concluded)
    {
        var id = await ReportCases.ApplicationAsync(app, agency, ApplicantType.NaturalPerson, received, concluded is null ? null : Outcome.Granted, concluded);
        await ApplicantCases.QueryAsync(app, db => db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, due)));
        return id;
    }

    private static Task<int> ConcludeAsync(GongkaiApp app, Guid id, DateOnly concluded) =>
        ApplicantCases.QueryAsync(app, db => db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ConcludedOn, concluded)));

    /// <summary>
    /// A province office and a city office with a supervisor each, and a second county with one agency: the three levels
    /// above the demo county's departments. Returns the other county's agency and region.
    /// </summary>
    internal static async Task<(Guid Agency, Guid Region)> LevelsAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var provinceRegion = await db.Regions.SingleAsync(r => r.Name == "河南省");
        var cityRegion = await db.Regions.SingleAsync(r => r.Name == "新乡市");
        // Version 7 ids from the real clock sort after the demo's (made at the test clock's time): the other county comes second.
        var other = new Region { Id = Guid.CreateVersion7(), ParentId = cityRegion.Id, Name = "另一县", Level = RegionLevel.County, Code = "410800", Path = "" };
        other.Path = Region.ChildPath(cityRegion.Path, other.Id);
        var otherAgency = new Agency { Id = Guid.NewGuid(), RegionId = other.Id, Name = "另一县教育局", Kind = AgencyKind.Department };
        var cityOffice = new Agency { Id = Guid.NewGuid(), RegionId = cityRegion.Id, Name = "新乡市人民政府办公室", Kind = AgencyKind.Government };
        var provinceOffice = new Agency { Id = Guid.NewGuid(), RegionId = provinceRegion.Id, Name = "河南省人民政府办公厅", Kind = AgencyKind.Government };
        db.AddRange(other, otherAgency, cityOffice, provinceOffice);
        await db.SaveChangesAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        foreach (var (name, agency) in new[] { ("city-supervisor", cityOffice.Id), ("province-supervisor", provinceOffice.Id) })
        {
            var user = new User { UserName = name, DisplayName = name, AgencyId = agency };
            (await users.CreateAsync(user, Gongkai.Web.Demo.DemoData.Password)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, Roles.Supervisor)).Succeeded.ShouldBeTrue();
        }

        return (otherAgency.Id, other.Id);
    }
}
