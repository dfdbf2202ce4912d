using System.Net;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using static Gongkai.Tests.Catalog.CatalogSteps;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Catalog;

public class IndexNumberPageTests
{
    [Fact]
    public async Task An_agency_numbers_by_its_own_scheme_from_the_next_serial_of_the_year()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var handler = await SignedInAsync(app, "handler");
        using var reviewer = await SignedInAsync(app, "reviewer");
        using var publisher = await SignedInAsync(app, "publisher");

        var wrong = await publisher.PostFormAsync("/catalog-admin/settings", [new("Pattern", "{prefix}/{year}"), new("PrefixSource", "OrganizationCode")]);
        (await AlertAsync(wrong)).ShouldBe("索引号规则必须包含 {prefix}（机关代码）和 {serial}（流水号）。");
        var refused = await handler.PostFormAsync("/catalog-admin/settings", [new("Pattern", "{prefix}-{serial}"), new("PrefixSource", "AsRegistered")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied", "a handler may not change the scheme");
        var saved = await publisher.PostFormAsync("/catalog-admin/settings", [new("Pattern", "{prefix}/{year}{month:00}-{serial:0000}"), new("PrefixSource", "OrganizationCode")]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var agency = await AgencyIdAsync(app, "示范县教育局");
        var last = await WithDbAsync(app, db => db.NumberCounters.Where(s => s.AgencyId == agency && s.Series == Gongkai.Data.Numbering.NumberSeries.IndexNumbers(2024)).Select(s => s.Last).SingleAsync());
        (await publisher.GetStringAsync(new Uri("/catalog-admin/settings", UriKind.Relative))).ShouldContain($"MB0000002/202406-{last + 1:0000}");
        var id = await DraftAsync(handler, "关于2024年中考成绩查询的通知", "考生可登录平台查询。");
        await ReviewAndPublishAsync(handler, reviewer, publisher, id);

        (await WithDbAsync(app, db => db.CatalogItems.Where(i => i.Id == id).Select(i => i.IndexNumber).SingleAsync()))
            .ShouldBe($"MB0000002/202406-{last + 1:0000}");
        (await WithDbAsync(app, db => db.AuditLog.CountAsync(a => a.Action == "catalog.settings"))).ShouldBe(1);
    }
}
