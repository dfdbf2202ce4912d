using System.Text.Json;
using AngleSharp.Html.Dom;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Gongkai.Web.AnnualReports;
using Gongkai.Web.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// The overview reads each report version's findings from storage (<see cref="StoredFindings"/>): what it shows equals
/// a live check of every report, before and after a correction, a change of the year before and a new build of the rules.
/// </summary>
public class StoredFindingsTests
{
    private static readonly DateTimeOffset February2025 = new(2025, 2, 20, 2, 0, 0, TimeSpan.Zero);

    private const string Url = "/supervision?year=2024";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_overview_shows_the_stored_findings_which_equal_a_live_check_and_follow_corrections_the_year_before_and_the_rules(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        var housing = await AgencyAsync(app, "示范县住房和城乡建设局");
        var education = await AgencyAsync(app, "示范县教育局");

        // 住建局: 2023 leaves 2 cases for the next year, 2024 carries none over — XYEAR-CARRY in two columns (2 errors).
        var housing2023 = await PublishAsync(app, housing, 2023, 1, HousingReport(2023, pendingAtYearEnd: 2, carriedIn: 0));
        var housing2024 = await PublishAsync(app, housing, 2024, 1, HousingReport(2024, pendingAtYearEnd: 0, carriedIn: 0));
        // 教育局: a 2024 report with no year before and no findings.
        var education2024 = await PublishAsync(app, education, 2024, 1, HousingReport(2024, pendingAtYearEnd: 0, carriedIn: 0, organization: "示范县教育局"));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        (await ApplicantCases.QueryAsync(app, db => db.ReportFindings.CountAsync())).ShouldBe(0, "nothing stored before the first reader");
        var first = await supervisor.GetPageAsync(Url);
        Row(first, "示范县住房和城乡建设局").ShouldBe("已发布 第1版|2|0|XYEAR-CARRY");
        Row(first, "示范县教育局").ShouldBe("已发布 第1版|0|0|");
        first.QuerySelector("ul.summary-cards")!.TextContent.ShouldContain("1 个有错误");
        Problems(first).ShouldBe(["XYEAR-CARRY|1|示范县住房和城乡建设局"]);
        await ShouldEqualLiveAsync(app, 2024);
        var stored = await RowAsync(app, housing2024);
        (stored.PreviousId, stored.RulesVersion, stored.Errors, stored.Warnings).ShouldBe((housing2023, StoredFindings.RulesVersion, 2, 0));
        (await RowAsync(app, education2024)).PreviousId.ShouldBeNull();
        Text(await supervisor.GetPageAsync(Url)).ShouldBe(Text(first), "read from storage, the page is the same");

        // The page shows what is stored for the key it reads (here: a row altered by hand)…
        await ApplicantCases.QueryAsync(app, db => db.ReportFindings.Where(f => f.ReportId == housing2024)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.FindingsJson, "[]").SetProperty(f => f.Errors, 0)));
        Row(await supervisor.GetPageAsync(Url), "示范县住房和城乡建设局").ShouldBe("已发布 第1版|0|0|");

        // …and computes again a row stored by another build of the rules.
        await ApplicantCases.QueryAsync(app, db => db.ReportFindings.Where(f => f.ReportId == housing2024)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.RulesVersion, "an older build")));
        Row(await supervisor.GetPageAsync(Url), "示范县住房和城乡建设局").ShouldBe("已发布 第1版|2|0|XYEAR-CARRY");
        (await RowAsync(app, housing2024)).RulesVersion.ShouldBe(StoredFindings.RulesVersion);
        await ShouldEqualLiveAsync(app, 2024);

        // The year before corrected (2023 第2版 leaves none): 2024 第1版 is checked against it and has no finding left.
        var housing2023Corrected = await PublishAsync(app, housing, 2023, 2, HousingReport(2023, pendingAtYearEnd: 0, carriedIn: 0));
        var afterPrevious = await supervisor.GetPageAsync(Url);
        Row(afterPrevious, "示范县住房和城乡建设局").ShouldBe("已发布 第1版|0|0|");
        Problems(afterPrevious).ShouldBeEmpty();
        (await RowAsync(app, housing2024)).PreviousId.ShouldBe(housing2023Corrected);
        await ShouldEqualLiveAsync(app, 2024);

        // A correction of 2024 published after the findings were stored: 第2版 carries 2 in, against none — two errors again.
        var housing2024Corrected = await PublishAsync(app, housing, 2024, 2, HousingReport(2024, pendingAtYearEnd: 0, carriedIn: 2));
        var afterCorrection = await supervisor.GetPageAsync(Url);
        Row(afterCorrection, "示范县住房和城乡建设局").ShouldBe("已发布 第2版|2|0|XYEAR-CARRY");
        (await RowAsync(app, housing2024Corrected)).Errors.ShouldBe(2);
        await ShouldEqualLiveAsync(app, 2024);

        // A collected report (parser findings included) of an agency with no platform report, and the 2023 overview.
        await SupervisionTests.UploadAsync(supervisor, ("a.html", System.Text.Encoding.UTF8.GetBytes(Gongkai.AnnualReports.Rendering.HtmlReportRenderer.Render(SupervisionTests.NaturalResources()))));
        await supervisor.SubmitAsync("/supervision/collect", new Dictionary<string, string>(), formSelector: "#confirm-form");
        Row(await supervisor.GetPageAsync(Url), "示范县自然资源局").ShouldStartWith("已收集|");
        await ShouldEqualLiveAsync(app, 2024);
        await ShouldEqualLiveAsync(app, 2023);
        (await ApplicantCases.QueryAsync(app, db => db.ReportFindings.CountAsync())).ShouldBe(5, "住建局 2024 第1版 and 第2版, 2023 第2版 (第1版 is no longer shown), 教育局 2024, the collected report");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_warmup_job_stores_the_last_two_years_findings_before_anyone_reads_them_and_again_after_a_new_build(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        var housing = await AgencyAsync(app, "示范县住房和城乡建设局");
        var education = await AgencyAsync(app, "示范县教育局");
        var housing2023 = await PublishAsync(app, housing, 2023, 1, HousingReport(2023, pendingAtYearEnd: 2, carriedIn: 0));
        var housing2024 = await PublishAsync(app, housing, 2024, 1, HousingReport(2024, pendingAtYearEnd: 0, carriedIn: 0));
        var education2024 = await PublishAsync(app, education, 2024, 1, HousingReport(2024, pendingAtYearEnd: 0, carriedIn: 0, organization: "示范县教育局"));

        // February 2025: the years 2024 and 2023 — 住建局 2024 (against 2023), 教育局 2024, 住建局 2023 (no year before).
        (await WarmUpAsync(app)).ShouldBe(3);
        (await ApplicantCases.QueryAsync(app, db => db.ReportFindings.CountAsync())).ShouldBe(3);
        var stored = await RowAsync(app, housing2024);
        (stored.PreviousId, stored.RulesVersion, stored.Errors, stored.Warnings).ShouldBe((housing2023, StoredFindings.RulesVersion, 2, 0));
        ((await RowAsync(app, education2024)).PreviousId, (await RowAsync(app, housing2023)).PreviousId).ShouldBe((null, null));
        await ShouldEqualLiveAsync(app, 2024);
        await ShouldEqualLiveAsync(app, 2023);
        (await WarmUpAsync(app)).ShouldBe(0, "everything is stored: nothing to compute");

        // The overview reads what the job stored, computing nothing (a row altered by hand is what it shows).
        await ApplicantCases.QueryAsync(app, db => db.ReportFindings.Where(f => f.ReportId == housing2024)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.FindingsJson, "[]").SetProperty(f => f.Errors, 0)));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        Row(await supervisor.GetPageAsync(Url), "示范县住房和城乡建设局").ShouldBe("已发布 第1版|0|0|");

        // A new build of the rules (every row stale): the next round computes them all again.
        await ApplicantCases.QueryAsync(app, db => db.ReportFindings.ExecuteUpdateAsync(u => u.SetProperty(f => f.RulesVersion, "an older build")));
        (await WarmUpAsync(app)).ShouldBe(3);
        Row(await supervisor.GetPageAsync(Url), "示范县住房和城乡建设局").ShouldBe("已发布 第1版|2|0|XYEAR-CARRY");
        await ShouldEqualLiveAsync(app, 2024);
    }

    private static async Task<int> WarmUpAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoredFindingsWarmup>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_table_of_a_region_with_more_than_a_hundred_agencies_is_shown_a_hundred_at_a_time()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        var report = HousingReport(2024, pendingAtYearEnd: 0, carriedIn: 0);
        await ApplicantCases.QueryAsync(app, async db =>
        {
            var county = await db.Agencies.Where(a => a.Name == "示范县教育局").Select(a => a.RegionId).SingleAsync();
            foreach (var i in Enumerable.Range(1, 105))
            {
                var agency = new Gongkai.Data.Agencies.Agency
                {
                    Id = Guid.NewGuid(), RegionId = county, Name = $"示范县第{i:000}号机关", Kind = Gongkai.Data.Agencies.AgencyKind.Department, SortOrder = 1000 + i,
                };
                db.Agencies.Add(agency);
                db.AnnualReports.Add(new AnnualReportRecord
                {
                    Id = Guid.NewGuid(), AgencyId = agency.Id, Year = 2024, Version = 1, Status = AnnualReportStatus.Published, Json = ReportJson.Serialize(report),
                    UpdatedAtUtc = new DateTime(2025, 1, 10, 2, 0, 0, DateTimeKind.Utc), UpdatedBy = "测试",
                    PublishedAtUtc = new DateTime(2025, 1, 10, 2, 0, 0, DateTimeKind.Utc), PublishedBy = "测试",
                });
            }

            return await db.SaveChangesAsync();
        });
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        var first = await supervisor.GetPageAsync(Url);
        var rows = first.QuerySelectorAll("#agency-reports tbody tr");
        rows.Length.ShouldBe(100);
        rows.Take(6).ShouldAllBe(r => r.QuerySelector(".status-missing") != null, "the six agencies without a report come first");
        rows[6].QuerySelector("th")!.TextContent.ShouldContain("示范县第001号机关");
        first.QuerySelector("#agency-reports-range")!.TextContent.ShouldBe("第 1–100 个，共 111 个机关；上方的统计和下方的问题汇总含全部机关。");
        first.QuerySelector("ul.summary-cards")!.TextContent.ShouldContain("111 个机关");
        first.QuerySelectorAll("#missing li").Length.ShouldBe(6);
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        next.ShouldBe("/supervision?year=2024&page=2#agency-reports");
        var second = await supervisor.GetPageAsync(next.Split('#')[0]);
        second.QuerySelectorAll("#agency-reports tbody tr").Select(r => r.QuerySelector("th")!.TextContent.Trim()[..10])
            .ShouldBe([.. Enumerable.Range(95, 11).Select(i => $"示范县第{i:000}号机关")]);
        second.QuerySelector("#agency-reports-range")!.TextContent.ShouldStartWith("第 101–111 个");
        (await supervisor.GetPageAsync(Url + "&page=99")).QuerySelectorAll("#agency-reports tbody tr").Length.ShouldBe(11, "a page past the end shows the last");
        var missing = await supervisor.GetPageAsync(Url + "&show=missing");
        missing.QuerySelectorAll("#agency-reports tbody tr").Length.ShouldBe(6);
        missing.QuerySelector("nav.pager").ShouldBeNull("six agencies fit on one page");
    }

    /// <summary>For every agency of the county, the findings of the stored reading equal those of a live check (<see cref="SupervisedReports.ForAgencyAsync"/>), finding by finding.</summary>
    private static async Task ShouldEqualLiveAsync(GongkaiApp app, int year)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        scope.ServiceProvider.GetRequiredService<RegionScope>().ActFor(await db.Regions.SingleAsync(r => r.Name == "示范县"));
        var reports = scope.ServiceProvider.GetRequiredService<SupervisedReports>();
        var stored = await reports.ForYearAsync(year);
        stored.Count.ShouldBe(6);
        foreach (var report in stored)
        {
            var live = await reports.ForAgencyAsync(report.Agency.Id, year);
            (report.Source, report.Version, report.PublishedOn).ShouldBe((live!.Source, live.Version, live.PublishedOn), report.Agency.Name);
            JsonSerializer.Serialize(report.Findings).ShouldBe(JsonSerializer.Serialize(live.Findings), report.Agency.Name);
        }
    }

    /// <summary>A report of 3 granted applications of natural persons, with cases carried in from and left for the year before and after.</summary>
    private static AnnualReport HousingReport(int year, int pendingAtYearEnd, int carriedIn, string organization = "示范县住房和城乡建设局")
    {
        var content = new ReportContent();
        foreach (var field in ReportContent.Table2Fields)
        {
            content.Table2[field] = Cell.Of(0);
        }

        content.Sections[SectionKey.Problems] = "信息公开工作还存在公开内容不够全面等问题，将逐步改进。";
        content.Sections[SectionKey.Other] = "本年度未收取信息处理费。";
        CaseSummary[] cases =
        [
            .. Enumerable.Repeat(new CaseSummary(ApplicantType.NaturalPerson, new(year, 5, 1), new(year, 5, 10), Outcome.Granted), 3),
            .. Enumerable.Repeat(new CaseSummary(ApplicantType.NaturalPerson, new(year, 12, 20)), pendingAtYearEnd),
            .. Enumerable.Repeat(new CaseSummary(ApplicantType.NaturalPerson, new(year - 1, 12, 20), new(year, 1, 10), Outcome.Granted), carriedIn),
        ];
        return content.Compose(NationalFormat.Title(organization, year), organization, year, CaseTables.BuildTable3(cases, year), CaseTables.BuildTable4([], year));
    }

    private static Task<Guid> AgencyAsync(GongkaiApp app, string name) =>
        ApplicantCases.QueryAsync(app, db => db.Agencies.Where(a => a.Name == name).Select(a => a.Id).SingleAsync());

    private static Task<Gongkai.Data.Supervision.ReportFindingsRecord> RowAsync(GongkaiApp app, Guid reportId) =>
        ApplicantCases.QueryAsync(app, db => db.ReportFindings.AsNoTracking().SingleAsync(f => f.ReportId == reportId));

    private static async Task<Guid> PublishAsync(GongkaiApp app, Guid agencyId, int year, int version, AnnualReport report)
    {
        var id = Guid.NewGuid();
        var at = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(version);
        await ApplicantCases.QueryAsync(app, db =>
        {
            db.AnnualReports.Add(new AnnualReportRecord
            {
                Id = id, AgencyId = agencyId, Year = year, Version = version, Status = AnnualReportStatus.Published, Json = ReportJson.Serialize(report),
                UpdatedAtUtc = at, UpdatedBy = "测试", PublishedAtUtc = at, PublishedBy = "测试",
            });
            return db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>An agency's row: status, errors, warnings and the rules of its top findings.</summary>
    private static string Row(IHtmlDocument page, string agency)
    {
        var row = page.QuerySelectorAll("#agency-reports tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains(agency, StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        var rules = string.Join(",", row.QuerySelectorAll(".top-findings [data-rule]").Select(b => b.GetAttribute("data-rule")).Distinct());
        return $"{cells[0]}|{cells[3]}|{cells[4]}|{rules}";
    }

    private static List<string> Problems(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#problems + table tbody tr").Select(r =>
            $"{r.QuerySelector("[data-rule]")!.GetAttribute("data-rule")}|{r.Children[2].TextContent.Trim()}|{r.Children[3].TextContent.Trim()}")];

    private static string Text(IHtmlDocument page) => page.QuerySelector("main")?.TextContent ?? page.Body!.TextContent;
}
