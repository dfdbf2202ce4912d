using System.Net;
using Gongkai.Applications;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.ProvinceLoad;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Web.Applications;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// The supervisor's case list (/supervision/applications) reads its region subtree as a condition on the region tree,
/// or with no agency condition when the supervisor's region is the only top of the tree (ADR 0014, "The province
/// supervisor's case list"). At each of the three levels the list, its total and its counts are exactly the subtree's
/// cases, and a case outside stays outside when a second tree appears.
/// </summary>
public class SupervisedCaseListTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_supervisor_reads_exactly_the_cases_of_its_subtree_at_province_city_and_county_level(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await new ProvinceGenerator(database.Options, ProvinceShape.Tiny(new DateOnly(2026, 12, 3)), TextWriter.Null).GenerateAsync();
        await using var app = new GongkaiApp(database, demo: false, clock: new TestClock(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero)));

        var province = await SubtreeAsync(app, "supervisor");
        var city = await SubtreeAsync(app, "city-supervisor");
        var county = await SubtreeAsync(app, "county-supervisor");
        (province.Cases.Count, province.Open.Count, province.Agencies.Count, city.Cases.Count, city.Open.Count, city.Agencies.Count, county.Cases.Count, county.Open.Count, county.Agencies.Count)
            .ShouldBe((600, 9, 20, 248, 4, 9, 82, 1, 3));
        city.Cases.ShouldBeSubsetOf(province.Cases);
        county.Cases.ShouldBeSubsetOf(city.Cases);

        foreach (var expected in new[] { province, city, county })
        {
            using var client = app.CreateBrowserClient();
            await client.LoginAsync(expected.UserName, ProvinceGenerator.Password);
            var first = await client.GetPageAsync("/supervision/applications");
            var pages = (expected.Cases.Count + QueueQuery.PageSize - 1) / QueueQuery.PageSize;
            first.QuerySelector("main p[role=status]")!.TextContent.ShouldBe($"共 {expected.Cases.Count} 件，第 1/{pages} 页。", customMessage: expected.UserName);
            first.Body!.TextContent.ShouldContain($"所辖区域 {expected.Agencies.Count} 个机关的申请");
            first.QuerySelector("ul.queue-counts li strong")!.TextContent.ShouldBe(expected.Open.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), customMessage: "未办结");

            (await CaseIdsAsync(client, "?status=open")).ShouldBe(expected.Open, ignoreOrder: true, customMessage: expected.UserName);
            var last = await client.GetPageAsync($"/supervision/applications?page={pages}");
            last.QuerySelectorAll("table.queue tbody tr").Length.ShouldBe(expected.Cases.Count - ((pages - 1) * QueueQuery.PageSize));

            // One agency of the subtree through the agency filter: its cases; one outside it: none.
            var inside = expected.Agencies[^1];
            (await CaseIdsAsync(client, $"?agency={inside}")).ShouldBe(expected.CasesOf(inside), ignoreOrder: true);
            if (province.Agencies.FirstOrDefault(a => !expected.Agencies.Contains(a)) is var outside && outside != Guid.Empty)
            {
                (await CaseIdsAsync(client, $"?agency={outside}")).ShouldBeEmpty(expected.UserName);
                var foreign = province.Cases.First(c => !expected.Cases.Contains(c));
                (await client.GetAsync(new Uri($"/applications/{foreign}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            }

            var own = expected.Open[0];
            (await client.GetAsync(new Uri($"/applications/{own}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // A second tree beside the province: its case is nobody's here, though the province is no longer the only top.
        var stranger = await AddCaseInAnotherTreeAsync(app);
        using (var client = app.CreateBrowserClient())
        {
            await client.LoginAsync("supervisor", ProvinceGenerator.Password);
            (await client.GetPageAsync("/supervision/applications")).QuerySelector("main p[role=status]")!.TextContent.ShouldStartWith("共 600 件，");
            (await CaseIdsAsync(client, "?status=open")).ShouldBe(province.Open, ignoreOrder: true);
            (await CaseIdsAsync(client, $"?agency={stranger.AgencyId}")).ShouldBeEmpty();
            (await client.GetAsync(new Uri($"/applications/{stranger.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var api = await (await client.GetAsync(new Uri("/api/applications?status=open", UriKind.Relative))).JsonAsync();
            api.GetProperty("total").GetInt32().ShouldBe(9);
        }

        app.Errors.Count.ShouldBe(0);
    }

    /// <summary>Every case id of the list with the given filters, page by page.</summary>
    private static async Task<List<Guid>> CaseIdsAsync(HttpClient client, string query)
    {
        var ids = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var document = await client.GetPageAsync($"/supervision/applications{query}&page={page}");
            ids.AddRange(document.QuerySelectorAll("table.queue tbody tr td a").Select(a => Guid.Parse(a.GetAttribute("href")!["/applications/".Length..])));
            var status = document.QuerySelector("main p[role=status]")!.TextContent;
            if (!status.Contains('/', StringComparison.Ordinal) || status.Contains($"第 {page}/{page} 页", StringComparison.Ordinal))
            {
                return ids;
            }
        }
    }

    /// <summary>The agencies and cases under a supervisor's region, read by walking the region paths in memory.</summary>
    private static async Task<Subtree> SubtreeAsync(GongkaiApp app, string userName)
    {
        await using var db = app.Database.CreateContext();
        var agencyId = await db.Users.Where(u => u.UserName == userName).Select(u => u.AgencyId).SingleAsync();
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Path);
        var agencies = await db.Agencies.AsNoTracking().ToListAsync();
        var root = regions[agencies.Single(a => a.Id == agencyId).RegionId];
        var under = agencies.Where(a => regions[a.RegionId].StartsWith(root, StringComparison.Ordinal)).OrderBy(a => a.Id).Select(a => a.Id).ToList();
        var cases = await db.Applications.AsNoTracking().Select(a => new { a.Id, a.AgencyId, a.State }).ToListAsync();
        var mine = cases.Where(c => under.Contains(c.AgencyId)).ToList();
        return new Subtree(userName, under, [.. mine.Select(c => c.Id)], [.. mine.Where(c => c.State.IsOpen()).Select(c => c.Id)], [.. mine.Select(c => (c.Id, c.AgencyId))]);
    }

    private static async Task<ApplicationRecord> AddCaseInAnotherTreeAsync(GongkaiApp app)
    {
        await using var db = app.Database.CreateContext();
        var top = new Region { Id = Guid.NewGuid(), Name = "邻省", Level = RegionLevel.Province, Path = "" };
        top.Path = Region.ChildPath(null, top.Id);
        var agency = new Agency { Id = Guid.NewGuid(), RegionId = top.Id, Name = "邻省人民政府办公室", Kind = AgencyKind.Government };
        var record = new ApplicationRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = agency.Id,
            Number = "2026-9001",
            ReceiptCode = "ZZZZ999998",
            ApplicantName = "邻省申请人",
            Description = "邻省的政策文件",
            Channel = ReceiptChannel.InPerson,
            ArrivedOn = new DateOnly(2026, 12, 1),
        };
        record.Refresh(record.ToCase(CaseRules.Default), CaseRules.Default, DateTime.UnixEpoch);
        db.AddRange(top, agency, record);
        await db.SaveChangesAsync();
        return record;
    }

    private sealed record Subtree(string UserName, List<Guid> Agencies, List<Guid> Cases, List<Guid> Open, List<(Guid Id, Guid AgencyId)> Owners)
    {
        public List<Guid> CasesOf(Guid agency) => [.. Owners.Where(o => o.AgencyId == agency).Select(o => o.Id)];
    }
}
