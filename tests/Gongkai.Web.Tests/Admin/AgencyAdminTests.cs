using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Admin;

public class AgencyAdminTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_adds_a_township_and_its_agency_with_guide_settings(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");
        var county = await RegionIdAsync(app, "示范县");

        var badRegion = await admin.SubmitAsync("/admin/agencies", new Dictionary<string, string>
        {
            ["ParentId"] = county.ToString(),
            ["Name"] = "城关镇",
            ["Code"] = "41079",
            ["Level"] = nameof(RegionLevel.City),
        }, formSelector: "#region-form");
        var errors = (await badRegion.PageAsync()).QuerySelector("#error-summary")!.TextContent;
        errors.ShouldContain("行政区划代码应为 6 位数字（乡级为 9 或 12 位）。");
        errors.ShouldContain("下级区域的层级应低于“示范县”（县级）。");

        (await admin.SubmitAsync("/admin/agencies", new Dictionary<string, string>
        {
            ["ParentId"] = county.ToString(),
            ["Name"] = "城关镇",
            ["Code"] = "410799001",
            ["Level"] = nameof(RegionLevel.Township),
        }, formSelector: "#region-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var township = await RegionIdAsync(app, "城关镇");

        var form = new Dictionary<string, string>
        {
            ["Name"] = "城关镇人民政府",
            ["Kind"] = nameof(AgencyKind.Township),
            ["RegionId"] = township.ToString(),
            ["CreditCode"] = "11410799mb0001234x",
            ["OfficeName"] = "城关镇党政综合办公室",
            ["Address"] = "示范县城关镇解放路 8 号",
            ["PostalCode"] = "453000",
            ["OfficeHours"] = "工作日 8:30—17:30",
            ["Phone"] = "0373-5001234",
            ["Email"] = "not-an-email",
            ["Website"] = "www.example.gov.cn",
            ["Channels"] = nameof(ReceiptChannel.InPerson),
        };
        var refused = await admin.SubmitAsync("/admin/agencies/new", form, formSelector: "#agency-form");
        var refusal = await refused.PageAsync();
        refusal.QuerySelector("#error-summary")!.TextContent.ShouldContain("电子邮箱格式不正确。");
        refusal.QuerySelector("#error-summary")!.TextContent.ShouldContain("网站地址应以 http:// 或 https:// 开头");
        refusal.QuerySelector("#Address")!.GetAttribute("value").ShouldBe("示范县城关镇解放路 8 号", "typed values are kept");

        form["Email"] = "czz@example.gov.cn";
        form["Website"] = "https://czz.example.gov.cn";
        var created = await admin.SubmitAsync(refusal, "/admin/agencies/new", form, formSelector: "#agency-form");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var agency = await scope.ServiceProvider.GetRequiredService<GongkaiDbContext>().Agencies.AsNoTracking().SingleAsync(a => a.Name == "城关镇人民政府");
            agency.RegionId.ShouldBe(township);
            agency.Kind.ShouldBe(AgencyKind.Township);
            agency.CreditCode.ShouldBe("11410799MB0001234X");
            agency.Phone.ShouldBe("0373-5001234");
            agency.AcceptedChannels.ShouldBe(1 << (int)ReceiptChannel.InPerson);
            created.Headers.Location!.ToString().ShouldBe($"/admin/agencies/{agency.Id}");
        }

        var tree = await admin.GetPageAsync("/admin/agencies");
        tree.QuerySelector("#region-tree")!.TextContent.ShouldContain("城关镇人民政府");

        var edit = created.Headers.Location!.ToString();
        var editPage = await admin.GetPageAsync(edit);
        editPage.QuerySelectorAll("#Channels input[checked]").Select(i => i.GetAttribute("value")).ShouldBe(["InPerson"]);
        await admin.SubmitAsync(editPage, edit, new Dictionary<string, string> { ["Phone"] = "13912345678", ["Channels"] = nameof(ReceiptChannel.InPerson) },
            "Channels=Online", formSelector: "#agency-form");
        var edited = await admin.GetPageAsync(edit);
        edited.QuerySelector("#Phone")!.GetAttribute("value").ShouldBe("13912345678");
        edited.QuerySelectorAll("#Channels input[checked]").Select(i => i.GetAttribute("value")).ShouldBe(["InPerson", "Online"]);
        (await NamesChangedAsync(app, provider)).ShouldBe(0, "search results show the name only: other fields leave the search change log alone");

        // A rename: search results show the agency's name, so every node's search index must read the names again (ADR 0014).
        await admin.SubmitAsync(edited, edit, new Dictionary<string, string> { ["Name"] = "城关镇人民政府办公室" }, formSelector: "#agency-form");
        (await admin.GetPageAsync(edit)).QuerySelector("#Name")!.GetAttribute("value").ShouldBe("城关镇人民政府办公室");
        (await NamesChangedAsync(app, provider)).ShouldBe(provider == DatabaseProviders.Sqlite ? 0 : 1, "PostgreSQL's search change log records the rename; SQLite reads names with the rows");
    }

    private static async Task<int> NamesChangedAsync(GongkaiApp app, string provider)
    {
        if (provider == DatabaseProviders.Sqlite)
        {
            return 0;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        return await db.Database.SqlQuery<int>($"""SELECT count(*)::int AS "Value" FROM "CatalogSearchChanges" WHERE "Key" = {Gongkai.Data.Catalog.CatalogSearchIndex.NamesChanged}""").SingleAsync();
    }

    [Fact]
    public async Task Agencies_outside_the_administrators_region_are_not_found()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        Guid outside;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            var city = await db.Regions.SingleAsync(r => r.Name == "新乡市");
            var agency = new Agency { Id = Guid.NewGuid(), RegionId = city.Id, Name = "新乡市人民政府办公室", Kind = AgencyKind.Government };
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
            outside = agency.Id;
        }

        using var admin = ReportCases.Client(app);
        await admin.LoginAsync("admin");

        (await admin.GetAsync(new Uri($"/admin/agencies/{outside}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await admin.GetPageAsync("/admin/agencies");
        page.QuerySelector("#region-tree")!.TextContent.ShouldNotContain("新乡市人民政府办公室");
        page.QuerySelectorAll("#ParentId option").Select(o => o.TextContent.Trim()).ShouldBe(["（请选择）", "示范县"], "a region can be added only inside the administrator's subtree");
    }

    private static async Task<Guid> RegionIdAsync(GongkaiApp app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GongkaiDbContext>().Regions.Where(r => r.Name == name).Select(r => r.Id).SingleAsync();
    }
}
