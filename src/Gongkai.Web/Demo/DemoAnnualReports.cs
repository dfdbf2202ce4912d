using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Validation;
using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Gongkai.Web.AnnualReports;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Demo;

/// <summary>
/// Last year's annual reports of three demo departments, published in January as the law asks, built the way the
/// workspace builds them (tables 三 and 四 from the demo cases, table 二 from the catalogue, the standard sentences),
/// so the public pages and the supervisors' dashboard have something to show — and three agencies to chase.
/// </summary>
internal sealed class DemoAnnualReports(GongkaiDbContext db, CaseTableQuery tables, ITable2Source table2, TimeProvider clock)
{
    private static readonly string[] Publishers = ["示范县教育局", "示范县自然资源局", "示范县住房和城乡建设局"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.Today(clock);
        var year = today.Year - 1;
        var publishedOn = new DateOnly(today.Year, 1, 20) <= today ? new DateOnly(today.Year, 1, 20) : today;
        var publishedAt = new DateTimeOffset(publishedOn.ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset).UtcDateTime;
        var agencies = await db.Agencies.Where(a => Publishers.Contains(a.Name)).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        foreach (var agency in agencies.OrderBy(a => Array.IndexOf(Publishers, a.Name)))
        {
            var content = new ReportContent();
            foreach (var field in ReportContent.Table2Fields)
            {
                content.Table2[field] = Cell.Of(0);
                content.Sources[field] = "本机关业务台账";
            }

            foreach (var suggestion in await table2.SuggestAsync(agency.Id, year, cancellationToken))
            {
                content.Table2[suggestion.Field] = Cell.Of(suggestion.Value);
                content.Sources[suggestion.Field] = suggestion.Source;
            }

            content.Sections[SectionKey.Overview] = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，依法做好主动公开和依申请公开工作。";
            content.Sections[SectionKey.Problems] = "一是政策解读形式较为单一；二是部分信息发布不够及时。下一步将丰富解读形式，严格执行信息发布审核流程。";
            content.Sections[SectionKey.Other] = "本年度未收取信息处理费。";
            var live = await tables.ComputeAsync(agency.Id, year, cancellationToken);
            var report = content.Compose(NationalFormat.Title(agency.Name, year), agency.Name, year, live.Table3, live.Table4);
            foreach (var section in ReportNarrative.Sections)
            {
                content.Sections[section] = ReportNarrative.Insert(section, content.SectionText(section), report);
            }

            report = content.Compose(NationalFormat.Title(agency.Name, year), agency.Name, year, live.Table3, live.Table4);
            var errors = ReportValidator.Validate(report).Where(f => f.Severity == Severity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Demo report of {agency.Name} has errors: {string.Join("; ", errors.Select(e => e.Message))}");
            }

            db.AnnualReports.Add(new AnnualReportRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                AgencyId = agency.Id,
                Year = year,
                Version = 1,
                Status = AnnualReportStatus.Published,
                Json = ReportJson.Serialize(report),
                Table2Sources = content.SourcesJson(),
                UpdatedAtUtc = publishedAt,
                UpdatedBy = "（演示数据）",
                PublishedAtUtc = publishedAt,
                PublishedBy = "（演示数据）",
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
