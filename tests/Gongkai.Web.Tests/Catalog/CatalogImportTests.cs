using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Parser;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongkai.Tests.Catalog.CatalogSteps;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Catalog;

public class CatalogImportTests
{
    [Fact]
    public async Task Every_wrong_cell_is_reported_with_its_row_and_column_and_nothing_is_imported()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var publisher = await SignedInAsync(app, "publisher");
        var before = await WithDbAsync(app, db => db.CatalogItems.CountAsync());
        const string csv = """
            名称,发布日期,主题分类,类别,文号,成文日期,正文
            关于开展读书月活动的通知,2024-04-01,科技、教育\教育,,,,"各学校：
            请组织读书月活动。"
            ,2024-04-02,科技、教育\教育,,,,正文
            关于调整学生资助标准的通知,2024-04-31,无此分类,,,,正文
            示范县学生资助管理办法,2024-05-06,教育,行政规范性文件,,2024-05-01,正文
            """;

        var errors = await ImportErrorsAsync(await ImportAsync(publisher, Encoding.UTF8.GetBytes(csv)));

        errors.ShouldBe(
        [
            ("第 3 行", "名称", "请填写名称。"),
            ("第 4 行", "主题分类", "主题分类“无此分类”不在本机关的分类中；请填写分类列表中的名称，例如“综合政务\\政务公开”。"),
            ("第 4 行", "发布日期", "发布日期“2024-04-31”不是有效日期；请写成 2024-03-05 这样的格式。"),
            ("第 5 行", "文号", "行政规范性文件必须填写文号，例如“示教〔2024〕12号”。"),
        ]);
        (await WithDbAsync(app, db => db.CatalogItems.CountAsync())).ShouldBe(before, "one wrong row keeps the whole file out");
    }

    [Fact]
    public async Task Wrong_headers_and_repeated_index_numbers_are_reported_before_anything_is_written()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var publisher = await SignedInAsync(app, "publisher");
        var taken = await WithDbAsync(app, db => db.CatalogItems.Where(i => i.IndexNumber != null).Select(i => i.IndexNumber!).FirstAsync());

        var headers = await ImportErrorsAsync(await ImportAsync(publisher, Encoding.UTF8.GetBytes("标题,发布日期\n关于x的通知,2024-01-02\n")));
        headers.ShouldBe(
        [
            ("第 1 行", "标题", "无法识别列名“标题”；列名须为：" + string.Join("、", Gongkai.Web.Catalog.CatalogImport.Columns) + "。"),
            ("第 1 行", "名称", "缺少必填列“名称”；请在第 1 行加上这一列。"),
            ("第 1 行", "主题分类", "缺少必填列“主题分类”；请在第 1 行加上这一列。"),
        ]);

        var duplicates = await ImportErrorsAsync(await ImportAsync(publisher, Encoding.UTF8.GetBytes(
            $"索引号,名称,发布日期,主题分类\nA/2024-1,一,2024-01-02,其他\nA/2024-1,二,2024-01-03,其他\n{taken},三,2024-01-04,其他\n")));
        duplicates.ShouldBe(
        [
            ("第 3 行", "索引号", "索引号“A/2024-1”与第 2 行重复；索引号必须唯一。"),
        ]);
        var existing = await ImportErrorsAsync(await ImportAsync(publisher, Encoding.UTF8.GetBytes(
            $"索引号,名称,发布日期,主题分类\n{taken},三,2024-01-04,其他\n")));
        existing.ShouldBe([("第 2 行", "索引号", $"索引号“{taken}”已被平台上的另一条信息使用；如是重复导入，请删除此行。")]);
    }

    [Fact]
    public async Task A_gbk_file_from_excel_is_published_whole_with_its_index_numbers_links_and_table2_figures()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var app = new GongkaiApp(database);
        using var publisher = await SignedInAsync(app, "publisher");
        var agency = await AgencyIdAsync(app, "示范县教育局");
        var serial2023 = await WithDbAsync(app, db => db.NumberCounters.Where(s => s.AgencyId == agency && s.Series == Gongkai.Data.Numbering.NumberSeries.IndexNumbers(2023)).Select(s => s.Last).SingleAsync());
        var table2023 = await Table2Async(publisher, 2023);
        var table2022 = await Table2Async(publisher, 2022);
        const string csv = """
            索引号,名称,类别,文号,成文日期,发布日期,废止日期,有效性,主题分类,体裁分类,被解读文件索引号,内容概述,正文
            11410799MB0000002X/2019-00907,示范县中小学学籍管理办法,行政规范性文件,示教〔2019〕3号,2019-03-01,2019-03-05,2023-12-31,废止,科技、教育\教育,办法,,规范学籍管理。,第一条 为规范中小学学籍管理，制定本办法。
            11410799MB0000002X/2023-09001,示范县校外培训机构管理细则,行政规范性文件,示教〔2023〕9号,2023-06-01,2023-06-05,,有效,科技、教育\教育,细则,,,第一条 为规范校外培训机构，制定本细则。
            ,《示范县校外培训机构管理细则》解读,政策解读,,2023-06-05,2023-06-06,,,科技、教育\教育,解读,11410799MB0000002X/2023-09001,,一、起草背景……
            """;
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!.GetBytes(csv.Replace("\n", "\r\n", StringComparison.Ordinal));

        var response = await ImportAsync(publisher, gbk);

        (await response.BodyAsync()).ShouldContain("已导入并发布 3 条信息。");
        var imported = await WithDbAsync(app, db => db.CatalogItems.Where(i => i.Title.Contains("学籍管理") || i.Title.Contains("校外培训")).OrderBy(i => i.PublishedOn).ToListAsync());
        imported.Select(i => (i.IndexNumber, i.Status, i.PublishedOn)).ShouldBe(
        [
            ("11410799MB0000002X/2019-00907", CatalogStatus.Published, (DateOnly?)new DateOnly(2019, 3, 5)),
            ("11410799MB0000002X/2023-09001", CatalogStatus.Published, new DateOnly(2023, 6, 5)),
            ($"11410799MB0000002X/2023-{serial2023 + 1:00000}", CatalogStatus.Published, new DateOnly(2023, 6, 6)),
        ]);
        imported[2].InterpretsSeriesId.ShouldBe(imported[1].SeriesId);
        imported[0].RepealedOn.ShouldBe(new DateOnly(2023, 12, 31));
        imported[1].Body.ShouldBe("第一条 为规范校外培训机构，制定本细则。");

        // PostgreSQL searches the node's local index only (ADR 0014): wait until it serves.
        await app.Services.GetRequiredService<LocalSearchIndex>().WhenServingAsync();
        using var anonymous = app.CreateClient();
        var found = await anonymous.GetFromJsonAsync<SearchResponse>(new Uri("/api/catalog/search?q=校外培训", UriKind.Relative));
        found!.Items.Select(i => i.Id).ShouldBe([imported[2].Id, imported[1].Id]);
        (await anonymous.GetStringAsync(new Uri($"/catalog/{imported[1].Id}", UriKind.Relative))).ShouldContain("《示范县校外培训机构管理细则》解读");

        // Issued 2023-06-01 (in force at the end of 2023); the 2019 document repealed on 2023-12-31 is out of force that day.
        (await Table2Async(publisher, 2023)).ShouldBe(table2023 with
        {
            NormativeDocumentsIssued = table2023.NormativeDocumentsIssued + 1,
            NormativeDocumentsRepealed = table2023.NormativeDocumentsRepealed + 1,
            NormativeDocumentsInForce = table2023.NormativeDocumentsInForce + 1,
        });
        (await Table2Async(publisher, 2022)).ShouldBe(table2022 with { NormativeDocumentsInForce = table2022.NormativeDocumentsInForce + 1 });
    }

    [Fact]
    public async Task Only_publishers_import()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");

        var response = await handler.GetAsync(new Uri("/catalog-admin/import", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied");
    }

    [Fact]
    public async Task The_template_opens_in_excel_and_imports_as_it_is()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var publisher = await SignedInAsync(app, "publisher");

        var template = await publisher.GetByteArrayAsync(new Uri("/catalog-admin/import?handler=Template", UriKind.Relative));

        template.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        (await (await ImportAsync(publisher, template)).BodyAsync()).ShouldContain("已导入并发布 1 条信息。");
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] bytes)
    {
        var page = await client.GetPageAsync("/catalog-admin/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", "目录.csv" },
        };
        return await client.PostAsync(new Uri("/catalog-admin/import", UriKind.Relative), form);
    }

    private static async Task<List<(string Line, string Column, string Message)>> ImportErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await response.BodyAsync());
        page.QuerySelector("main .alert")!.TextContent.ShouldContain("没有导入任何一条信息");
        return [.. page.QuerySelectorAll("table.import-errors tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2]))];
    }

    private static async Task<Table2> Table2Async(HttpClient client, int year) =>
        (await client.GetFromJsonAsync<Table2>(new Uri($"/api/catalog/table2?year={year}", UriKind.Relative)))!;

    private sealed record Table2(int Year, int RulesIssued, int RulesRepealed, int RulesInForce, int NormativeDocumentsIssued, int NormativeDocumentsRepealed, int NormativeDocumentsInForce);
}
