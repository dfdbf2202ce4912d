using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Validation;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.AnnualReports;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.ProvinceLoad;

/// <summary>
/// Publishes annual reports (2021 national format) on a generated platform, for every agency and every complete year
/// of its cases, stored as the workspace stores them (<c>AnnualReportRecord</c>, <c>gongkai-annual-report/v1</c> JSON,
/// table 二 source notes): tables 三 and 四 from the agency's cases by the domain's <see cref="CaseTables"/> (the
/// database counts the cases per agency, applicant type, carried-over flag and outcome, as the workspace's
/// CaseTableQuery does for one agency), table 二 with plausible figures (stocks carried from year to year), short
/// section texts that quote the tables. The mix is a function of the agency id and year (the same on both
/// providers): about 5 % unpublished (half of them a saved draft), about 12 % published after the deadline
/// (ReportDeadlines: departments 31 January, governments 31 March), about 10 % with a corrected second version and
/// about 2.5 % with a defect a real report carries (表三 一、本年新收 one more than the cases, so 勾稽关系 fails).
/// Agency/year pairs that already have any stored version (a published report, or a draft someone saved) are left
/// alone, so the step can run again.
/// </summary>
public sealed class ReportPublisher(DatabaseOptions options, TextWriter log)
{
    /// <summary>The first year the platform edits reports for (ReportDeadlines.FirstYear: the 2021 format).</summary>
    public const int FirstYear = 2021;

    /// <summary>Who the generated versions are saved and published by.</summary>
    public const string Author = "批量生成";

    private const int Batch = 500;

    private static readonly JsonSerializerOptions SourcesJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What happened to one agency's report for one year.</summary>
    public enum Fate
    {
        Published,
        Draft,
        Nothing,
    }

    /// <summary>The generated plan for an agency and year: a function of the agency id and year only.</summary>
    public sealed record Plan(Fate Fate, bool Late, bool Corrected, bool Defect);

    public static Plan PlanFor(Guid agency, int year)
    {
        var u = Hash(agency, year, 1) % 1000;
        if (u < 50)
        {
            return new Plan(u < 25 ? Fate.Draft : Fate.Nothing, false, false, false);
        }

        return new Plan(Fate.Published, Hash(agency, year, 2) % 100 < 12, Hash(agency, year, 3) % 100 < 10, Hash(agency, year, 4) % 1000 < 25);
    }

    /// <summary>Publishes the reports of years <c>first case year</c>..<paramref name="until"/>.Year − 1.</summary>
    public async Task<int> PublishAsync(DateOnly until, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var builder = new DbContextOptionsBuilder<GongkaiDbContext>();
        builder.UseGongkaiDatabase(options);
        await using var db = new GongkaiDbContext(builder.Options);
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var firstReceived = await db.Applications.AsNoTracking().MinAsync(a => (DateOnly?)a.ReceivedOn, cancellationToken);
        if (firstReceived is null)
        {
            await log.WriteLineAsync("reports: no cases, nothing to publish");
            return 0;
        }

        var firstYear = Math.Max(FirstYear, firstReceived.Value.Year);
        var lastYear = until.Year - 1;
        var agencies = await db.Agencies.AsNoTracking()
            .Select(a => new { a.Id, a.Name, a.Kind, Level = a.Region!.Level })
            .ToListAsync(cancellationToken);
        var existing = (await db.AnnualReports.AsNoTracking().Select(r => new { r.AgencyId, r.Year }).Distinct().ToListAsync(cancellationToken))
            .Select(r => (r.AgencyId, r.Year)).ToHashSet();
        var reviews = (await db.Reviews.AsNoTracking()
                .Select(r => new { r.Id, r.AgencyId, r.Kind, r.ApplicationId, r.FiledOn, r.Result, r.ConcludedOn })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.AgencyId, r => new ReviewRecord(r.Id.ToString(), r.Kind, r.ApplicationId.ToString(), r.FiledOn,
                r.ConcludedOn is null ? ReviewResult.Pending : r.Result, r.Result == ReviewResult.Pending ? null : r.ConcludedOn));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"reports: {agencies.Count:N0} agencies, years {firstYear}..{lastYear}, {existing.Count:N0} agency/year pairs already have reports ({clock.Elapsed.TotalSeconds:0.0} s)"));

        // The latest published report of each agency for the year before (what the cross-year rules compare with).
        var previous = new Dictionary<Guid, AnnualReport>();
        var written = 0;
        for (var year = firstYear; year <= lastYear; year++)
        {
            var counts = await Table3ClassesAsync(db, year, cancellationToken);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"reports {year}: cases counted ({clock.Elapsed.TotalSeconds:0.0} s)"));
            var findings = new Dictionary<string, int>(StringComparer.Ordinal);
            int published = 0, late = 0, corrected = 0, drafts = 0, nothing = 0, defects = 0, skipped = 0, pending = 0;
            var current = new Dictionary<Guid, AnnualReport>();
            foreach (var agency in agencies)
            {
                var plan = PlanFor(agency.Id, year);
                if (existing.Contains((agency.Id, year)))
                {
                    skipped++;
                    continue;
                }

                if (plan.Fate == Fate.Nothing)
                {
                    nothing++;
                    continue;
                }

                var summaries = counts.TryGetValue(agency.Id, out var classes) ? Summaries(classes, year) : [];
                var table3 = CaseTables.BuildTable3(summaries, year);
                var table4 = CaseTables.BuildTable4(reviews[agency.Id], year);
                var stocks = Stocks(agency.Id, agency.Kind, agency.Level, year, firstYear);
                var report = Compose(agency.Name, agency.Kind, year, table3, table4, stocks, plan.Defect, variant: 0);
                var sources = Sources(agency.Id, year);
                var deadline = agency.Kind == AgencyKind.Department ? new DateOnly(year + 1, 1, 31) : new DateOnly(year + 1, 3, 31);
                var day = PublishDay(agency.Id, year, plan.Late, deadline, until);
                var at = day.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc).AddMinutes(Hash(agency.Id, year, 5) % 420);
                if (plan.Fate == Fate.Draft)
                {
                    drafts++;
                    db.AnnualReports.Add(Record(agency.Id, year, 1, AnnualReportStatus.Draft, report, sources, at, published: null));
                }
                else
                {
                    published++;
                    late += plan.Late ? 1 : 0;
                    defects += plan.Defect ? 1 : 0;
                    if (plan.Corrected)
                    {
                        // The first version carried a table 二 slip (a figure typed with a digit too many), put right
                        // in the second some weeks later.
                        corrected++;
                        var first = Compose(agency.Name, agency.Kind, year, table3, table4, stocks, plan.Defect, variant: 1);
                        db.AnnualReports.Add(Record(agency.Id, year, 1, AnnualReportStatus.Published, first, sources, at, at));
                        var fixedAt = at.AddDays(7 + (Hash(agency.Id, year, 6) % 50));
                        db.AnnualReports.Add(Record(agency.Id, year, 2, AnnualReportStatus.Published, report, sources, fixedAt, fixedAt));
                    }
                    else
                    {
                        db.AnnualReports.Add(Record(agency.Id, year, 1, AnnualReportStatus.Published, report, sources, at, at));
                    }

                    current[agency.Id] = report;
                    foreach (var finding in ReportValidator.Validate(report, previous.GetValueOrDefault(agency.Id)))
                    {
                        findings[finding.RuleId] = findings.GetValueOrDefault(finding.RuleId) + 1;
                    }
                }

                if (++pending >= Batch)
                {
                    written += await SaveAsync(db, cancellationToken);
                    pending = 0;
                }
            }

            written += await SaveAsync(db, cancellationToken);
            previous = current;
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"reports {year}: {published:N0} published ({late:N0} late, {corrected:N0} corrected, {defects:N0} with a table 三 defect), {drafts:N0} draft only, {nothing:N0} none, {skipped:N0} skipped (already there) ({clock.Elapsed.TotalSeconds:0.0} s)"));
            await log.WriteLineAsync("reports " + year.ToString(CultureInfo.InvariantCulture) + ": findings of the published reports by rule: "
                + (findings.Count == 0 ? "none" : string.Join(", ", findings.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + " " + f.Value.ToString(CultureInfo.InvariantCulture)))));
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"reports: {written:N0} versions written in {clock.Elapsed.TotalSeconds:0.0} s"));
        return written;
    }

    private static async Task<int> SaveAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var rows = await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return rows;
    }

    /// <summary>One class of cases as table 三 needs them (CaseTableQuery's grouping, for all agencies at once).</summary>
    private sealed record CaseClass(ApplicantType ApplicantType, bool Before, Outcome? Outcome, int Count);

    private static async Task<Dictionary<Guid, List<CaseClass>>> Table3ClassesAsync(GongkaiDbContext db, int year, CancellationToken cancellationToken)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.ReceivedOn <= end && (a.ConcludedOn == null || a.ConcludedOn >= start))
            .GroupBy(a => new
            {
                a.AgencyId,
                a.ApplicantType,
                Before = a.ReceivedOn < start,
                Outcome = a.Outcome != null && a.ConcludedOn != null && a.ConcludedOn <= end ? a.Outcome : null,
            })
            .Select(g => new { g.Key.AgencyId, g.Key.ApplicantType, g.Key.Before, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.AgencyId)
            .ToDictionary(g => g.Key, g => g.Select(r => new CaseClass(r.ApplicantType, r.Before, r.Outcome, r.Count)).ToList());
    }

    /// <summary>Each class as that many summaries dated on the class's edge, which CaseTables counts as the cases themselves.</summary>
    private static CaseSummary[] Summaries(List<CaseClass> classes, int year)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var summaries = new CaseSummary[classes.Sum(c => c.Count)];
        var next = 0;
        foreach (var c in classes)
        {
            summaries.AsSpan(next, c.Count).Fill(new CaseSummary(c.ApplicantType, c.Before ? start.AddDays(-1) : start, c.Outcome is null ? null : end, c.Outcome));
            next += c.Count;
        }

        return summaries;
    }

    /// <summary>Table 二 figures: 规章 only for province and city governments; stocks carried from the first year on.</summary>
    private sealed record Table2Figures(
        int RegulationsIssued, int RegulationsRepealed, int RegulationsInForce,
        int DocumentsIssued, int DocumentsRepealed, int DocumentsInForce,
        int Licensing, int Penalty, int Enforcement, decimal FeesWanYuan);

    private static Table2Figures Stocks(Guid agency, AgencyKind kind, RegionLevel level, int year, int firstYear)
    {
        var government = kind != AgencyKind.Department;
        var makesRules = government && level != RegionLevel.County;
        var regulations = makesRules ? (int)(Hash(agency, 0, 10) % (level == RegionLevel.Province ? 60 : 20)) + (level == RegionLevel.Province ? 60 : 10) : 0;
        var documents = (int)(Hash(agency, 0, 11) % (government ? 120 : 60)) + (government ? 30 : 5);
        int regIssued = 0, regRepealed = 0, docIssued = 0, docRepealed = 0;
        for (var y = firstYear; y <= year; y++)
        {
            regIssued = makesRules ? (int)(Hash(agency, y, 12) % 4) : 0;
            regRepealed = makesRules ? (int)(Hash(agency, y, 13) % 2) : 0;
            docIssued = (int)(Hash(agency, y, 14) % (government ? 25 : 10));
            docRepealed = (int)(Hash(agency, y, 15) % (government ? 8 : 4));
            regulations = Math.Max(0, regulations + regIssued - regRepealed);
            documents = Math.Max(0, documents + docIssued - docRepealed);
        }

        var licensing = government || Hash(agency, year, 16) % 10 < 4 ? (int)(Hash(agency, year, 17) % 200) : 50 + (int)(Hash(agency, year, 17) % 20000);
        var penalty = Hash(agency, year, 18) % 10 < 5 ? 0 : 10 + (int)(Hash(agency, year, 19) % 3000);
        var enforcement = Hash(agency, year, 20) % 10 < 7 ? 0 : 1 + (int)(Hash(agency, year, 21) % 200);
        var fees = Hash(agency, year, 22) % 10 < 8 ? 0m : (50 + (Hash(agency, year, 23) % 50000)) / 100m;
        return new Table2Figures(regIssued, regRepealed, regulations, docIssued, docRepealed, documents, licensing, penalty, enforcement, fees);
    }

    private static string Sources(Guid agency, int year)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NationalFormat.PathOf(Table2Field.Licensing)] = "行政审批科台账",
            [NationalFormat.PathOf(Table2Field.Penalty)] = "执法监督平台统计",
        };
        if (Hash(agency, year, 24) % 2 == 0)
        {
            sources[NationalFormat.PathOf(Table2Field.FeesWanYuan)] = "财务科收费台账";
        }

        return JsonSerializer.Serialize(sources, SourcesJson);
    }

    /// <summary>
    /// The report as ReportContent.Compose makes it: title, the six sections, all 2021 table 二 cells as typed, tables
    /// 三 and 四. <paramref name="defect"/> adds one to 一、本年新收 (自然人 and 总计), so the column no longer balances;
    /// <paramref name="variant"/> 1 is a corrected report's first version (许可 typed with a digit too many).
    /// </summary>
    private static AnnualReport Compose(string organization, AgencyKind kind, int year, Table3 table3, Table4 table4, Table2Figures t2, bool defect, int variant)
    {
        var report = new AnnualReport
        {
            Title = NationalFormat.Title(organization, year),
            Organization = organization,
            Year = year,
            Format = ReportFormat.Format2021,
        };
        var received = (int)table3.ValueOrZero(Table3Row.NewReceived, Table3Column.Total);
        var carried = (int)table3.ValueOrZero(Table3Row.CarriedOver, Table3Column.Total);
        var concluded = (int)table3.ValueOrZero(Table3Row.TotalProcessed, Table3Column.Total);
        var forward = (int)table3.ValueOrZero(Table3Row.CarriedForward, Table3Column.Total);
        var reconsiderations = (int)(table4[Table4Block.Reconsideration, Table4Column.Total].Value ?? 0);
        var lawsuits = (int)((table4[Table4Block.LitigationDirect, Table4Column.Total].Value ?? 0) + (table4[Table4Block.LitigationAfterReconsideration, Table4Column.Total].Value ?? 0));
        string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        var texts = new Dictionary<SectionKey, string>
        {
            [SectionKey.Overview] = Text($"{year}年，{organization}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，健全政府信息公开工作机制，依法做好主动公开和依申请公开工作。\n本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"),
            [SectionKey.ProactiveDisclosure] = Text($"{organization}通过政府信息公开平台主动公开政策文件、规划计划、行政执法等信息，及时更新政府信息公开指南和目录。\n{(kind == AgencyKind.Department ? "本年度重点公开了本部门职责范围内的行政许可、行政处罚信息。" : "本年度重点公开了财政预决算、重大建设项目和公共资源配置信息。")}"),
            [SectionKey.Applications] = Text($"本年度新收政府信息公开申请{received}件，上年结转{carried}件；办结{concluded}件，结转下年度继续办理{forward}件。\n所有申请均在法定期限内答复，答复书载明了法律依据和救济途径。"),
            [SectionKey.ReviewAndLitigation] = reconsiderations + lawsuits == 0
                ? "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
                : Text($"本年度因政府信息公开被申请行政复议{reconsiderations}件，被提起行政诉讼{lawsuits}件，详见下表。"),
            [SectionKey.Problems] = "一是主动公开的深度和广度仍需拓展；二是依申请公开答复的规范化水平有待提高。\n下一步将加强业务培训，完善答复文书模板，提升政府信息公开工作质量。",
            [SectionKey.Other] = "本年度未收取信息处理费。\n无其他需要报告的事项。",
        };
        foreach (var definition in NationalFormat.Sections)
        {
            report.Sections.Add(new ReportSection(definition.Key, definition.Heading, texts[definition.Key]));
        }

        string Figure(decimal value) => value.ToString(CultureInfo.InvariantCulture);
        var licensing = variant == 1 ? (t2.Licensing * 10) + 1 : t2.Licensing;
        var table2 = new Dictionary<Table2Field, decimal>
        {
            [Table2Field.RegulationsIssued] = t2.RegulationsIssued,
            [Table2Field.RegulationsRepealed] = t2.RegulationsRepealed,
            [Table2Field.RegulationsInForce] = t2.RegulationsInForce,
            [Table2Field.NormativeDocumentsIssued] = t2.DocumentsIssued,
            [Table2Field.NormativeDocumentsRepealed] = t2.DocumentsRepealed,
            [Table2Field.NormativeDocumentsInForce] = t2.DocumentsInForce,
            [Table2Field.Licensing] = licensing,
            [Table2Field.Penalty] = t2.Penalty,
            [Table2Field.Enforcement] = t2.Enforcement,
            [Table2Field.FeesWanYuan] = t2.FeesWanYuan,
        };
        foreach (var field in NationalFormat.Table2Fields(ReportFormat.Format2021))
        {
            report.Table2[field] = Cell.Parse(Figure(table2[field]));
        }

        foreach (var row in Enum.GetValues<Table3Row>())
        {
            foreach (var column in Enum.GetValues<Table3Column>())
            {
                report.Table3[row, column] = table3[row, column];
            }
        }

        if (defect)
        {
            report.Table3[Table3Row.NewReceived, Table3Column.NaturalPerson] = Cell.Of(table3.ValueOrZero(Table3Row.NewReceived, Table3Column.NaturalPerson) + 1);
            report.Table3[Table3Row.NewReceived, Table3Column.Total] = Cell.Of(table3.ValueOrZero(Table3Row.NewReceived, Table3Column.Total) + 1);
        }

        foreach (var block in Enum.GetValues<Table4Block>())
        {
            foreach (var column in Enum.GetValues<Table4Column>())
            {
                report.Table4[block, column] = table4[block, column];
            }
        }

        return report;
    }

    private static AnnualReportRecord Record(Guid agency, int year, int version, AnnualReportStatus status, AnnualReport report, string sources, DateTime at, DateTime? published) => new()
    {
        Id = ProvinceGenerator.Id(40, (Hash(agency, year, 0) & 0xFFFFFFFFFF) * 4 + version),
        AgencyId = agency,
        Year = year,
        Version = version,
        Status = status,
        Json = ReportJson.Serialize(report),
        Table2Sources = sources,
        UpdatedAtUtc = at,
        UpdatedBy = Author,
        PublishedAtUtc = published,
        PublishedBy = published is null ? null : Author,
    };

    /// <summary>
    /// The day a report is published (or its draft saved): on time, mostly in January (governments sometimes up to
    /// their March deadline); late, within 60 days after the deadline; never after the generation's last day.
    /// </summary>
    private static DateOnly PublishDay(Guid agency, int year, bool late, DateOnly deadline, DateOnly until)
    {
        var h = Hash(agency, year, 7);
        DateOnly day;
        if (late)
        {
            day = deadline.AddDays(1 + (int)(h % 60));
        }
        else
        {
            var january = new DateOnly(year + 1, 1, 5);
            day = deadline.Month == 3 && h % 10 < 3 ? january.AddDays(27 + (int)(h / 10 % 58)) : january.AddDays((int)(h / 10 % 27));
        }

        return day > until ? until : day;
    }

    /// <summary>A well-mixed number from the agency id, year and field (FNV-1a of the id text, then SplitMix64, 63 bits): the same on every provider.</summary>
    public static long Hash(Guid agency, int year, int field)
    {
        var x = 14695981039346656037UL;
        foreach (var c in agency.ToString("D"))
        {
            x = (x ^ c) * 1099511628211UL;
        }

        x += ((ulong)(uint)year << 16) + (ulong)(uint)field + 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (long)((x ^ (x >> 31)) >> 1);
    }
}
