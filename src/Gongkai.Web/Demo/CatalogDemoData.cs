using System.Globalization;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Data.Numbering;
using Gongkai.Web.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Demo;

/// <summary>
/// A fictitious but realistic catalogue for the demo agencies: notices and announcements, 行政规范性文件 (some
/// repealed, some with an expired validity period), policy interpretations linked to their documents, items listed
/// 依申请公开, items published after their Art. 26 deadline, and at the 教育局 items at every review step. Generated
/// from fixed word lists with a fixed seed, relative to the clock's today, so every new demo database is the same.
/// </summary>
internal static class CatalogDemoData
{
    private sealed record AgencyTheme(string Name, string Abbreviation, string Topic, string[] Subjects, string[] Notices, string[] Places);

    private static readonly AgencyTheme[] Themes =
    [
        new("示范县人民政府办公室", "示政", "民政、扶贫、救灾\\社会救助",
            ["城乡居民最低生活保障（低保）", "特困人员救助供养", "临时救助", "防汛抗旱应急", "政务公开", "营商环境优化", "12345政务服务便民热线", "农村人居环境整治"],
            ["关于调整城乡低保标准的通知", "关于{0}年城乡低保对象名单的公示", "关于做好{0}年防汛工作的通知", "示范县{0}年政务公开工作要点", "关于印发示范县优化营商环境若干措施的通知", "示范县{0}年国民经济和社会发展统计公报"],
            ["城关镇", "东关街道", "李庄乡", "王屯镇", "柳园乡", "北街社区"]),
        new("示范县教育局", "示教", "科技、教育\\教育",
            ["学生资助", "义务教育招生入学", "校园安全", "课后服务", "农村义务教育学生营养改善计划", "学前教育", "教师招聘", "控辍保学"],
            ["关于做好{0}年秋季学期学生资助工作的通知", "示范县{0}年义务教育学校招生入学工作方案", "关于{0}年公开招聘教师的公告", "示范县{0}年学前教育资助名单公示", "关于开展校园安全隐患排查整治的通知", "示范县{0}年中小学课后服务实施方案"],
            ["城关一中", "实验小学", "第二初级中学", "李庄乡中心小学", "王屯镇中学", "县职业中专"]),
        new("示范县自然资源局", "示自然资", "国土资源、能源\\土地",
            ["土地征收", "国有建设用地使用权出让", "农村宅基地审批", "国土空间规划", "不动产登记", "耕地保护", "矿产资源管理", "地质灾害防治"],
            ["关于{1}集体土地征收补偿安置方案的公告", "示范县国有建设用地使用权挂牌出让公告（{0}-{2}号）", "关于{1}房屋拆迁补偿标准的公示", "示范县{0}年度地质灾害防治方案", "关于{1}土地征收启动公告", "示范县{0}年耕地保护目标责任考核结果"],
            ["城关镇东关村", "李庄乡前营村", "王屯镇后屯村", "柳园乡柳园村", "产业集聚区", "县城南片区"]),
        new("示范县住房和城乡建设局", "示建", "城乡建设、环境保护\\城乡建设（含住房）",
            ["城镇老旧小区改造", "国有土地上房屋征收与补偿", "公共租赁住房保障", "建筑施工安全", "物业管理", "城市供水供气", "农村危房改造", "住房公积金"],
            ["示范县{0}年城镇老旧小区改造实施方案", "关于{1}国有土地上房屋征收（拆迁）补偿方案的公示", "示范县{0}年公共租赁住房保障对象名单公示", "关于开展建筑施工安全生产专项整治的通知", "示范县{0}年农村危房改造对象公示", "关于{1}棚户区改造项目房屋征收决定的公告"],
            ["人民路片区", "北关棚户区", "东方小区", "纺织厂家属院", "县城西片区", "火车站片区"]),
        new("示范县人力资源和社会保障局", "示人社", "劳动、人事、监察\\社会保障",
            ["城乡居民基本养老保险", "最低工资标准", "失业保险稳岗返还", "就业创业补贴", "事业单位公开招聘", "职业技能培训", "工伤保险", "劳动保障监察"],
            ["关于调整示范县最低工资标准的通知", "示范县{0}年事业单位公开招聘工作人员公告", "关于{0}年失业保险稳岗返还名单的公示", "示范县{0}年城乡居民基本养老保险待遇调整方案", "关于发放{0}年一次性创业补贴的公示", "示范县{0}年职业技能培训补贴名单公示"],
            ["县人社服务大厅", "城关镇", "产业集聚区", "李庄乡", "王屯镇", "柳园乡"]),
        new("示范县市场监督管理局", "示市监", "市场监管、安全生产监管\\市场监管",
            ["食品安全监督抽检", "双随机一公开", "特种设备安全", "价格监督检查", "知识产权保护", "药品零售监管", "计量监督", "消费者权益保护"],
            ["示范县{0}年第{2}期食品安全监督抽检信息公告", "关于{0}年双随机一公开抽查结果的公告", "示范县市场监督管理局行政处罚决定书（示市监处罚〔{0}〕{2}号）", "关于开展{0}年特种设备安全专项检查的通知", "示范县{0}年消费者权益保护典型案例", "关于{1}农贸市场计量器具检定结果的公示"],
            ["城关农贸市场", "东关商业街", "县人民医院周边", "产业集聚区", "李庄集贸市场", "王屯商贸城"]),
    ];

    private static readonly string[] Openings =
    [
        "为深入贯彻落实党中央、国务院和省委、省政府关于{0}工作的决策部署，进一步规范{0}工作，切实保障群众合法权益，结合我县实际，现就有关事项通知如下。",
        "根据《中华人民共和国政府信息公开条例》和上级有关文件精神，为做好{0}工作，经研究，制定本文件。",
        "为进一步提升{0}工作水平，推动各项政策落地见效，按照县委、县政府工作安排，现将有关事项公告如下。",
    ];

    private static readonly string[] Sections =
    [
        "一、总体要求。坚持以人民为中心的发展思想，坚持公平公正公开，确保{0}各项政策措施落实到位，让群众有更多获得感。",
        "二、实施范围和对象。本县行政区域内符合条件的单位和个人均可按规定申请，{1}等地优先安排，具体条件以附件为准。",
        "三、办理程序。申请人向所在乡镇（街道）或县直有关部门提出申请，经审核、公示无异议后报县级主管部门审批，公示期不少于7日。",
        "四、工作要求。各乡镇（街道）、各有关部门要加强组织领导，明确责任分工，严格审核把关，对弄虚作假的依法依规严肃处理。",
        "五、监督管理。县纪委监委、县财政局、县审计局按职责对{0}资金使用和政策执行情况进行监督检查，接受社会监督，举报电话0373-5000000。",
        "六、其他事项。本文件由县级主管部门负责解释，未尽事宜按照国家和省、市有关规定执行。",
    ];

    public static async Task SeedAsync(GongkaiDbContext db, TimeProvider clock)
    {
        await CatalogCategories.SeedAsync(db, clock);
        var agencies = await db.Agencies.AsNoTracking().ToListAsync();
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.DisplayName, u.AgencyId }).ToListAsync();
        var categories = await db.CatalogCategories.AsNoTracking().ToListAsync();
        var genres = categories.Where(c => c.Scheme == CategoryScheme.Genre).ToDictionary(c => c.Name);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var random = new Random(20240617);
        var keys = new Dictionary<DateOnly, long>();
        var items = new List<CatalogItem>();

        foreach (var theme in Themes)
        {
            if (agencies.FirstOrDefault(a => a.Name == theme.Name) is not { } agency)
            {
                continue;
            }

            var topic = categories.Single(c => c.FullName == theme.Topic);
            var prefix = IndexNumberScheme.Prefix(agency.CreditCode, IndexPrefixSource.AsRegistered);
            var serials = new Dictionary<int, int>();
            var staffOf = users.Where(u => u.AgencyId == agency.Id).ToList();
            var drafter = staffOf.FirstOrDefault(u => u.UserName!.StartsWith("handler", StringComparison.Ordinal));
            var reviewer = staffOf.FirstOrDefault(u => u.UserName == "reviewer");
            var publisher = staffOf.FirstOrDefault(u => u.UserName == "publisher");
            var documentNumber = 0;

            CatalogItem Add(CatalogItemKind kind, string title, string genre, DateOnly written, int delayDays, string? number, Guid? interprets = null, DisclosureMode mode = DisclosureMode.Proactive)
            {
                var published = written.AddDays(delayDays);
                if (published > today)
                {
                    published = today;
                }

                serials[published.Year] = serials.GetValueOrDefault(published.Year) + 1;
                var key = keys.TryGetValue(published, out var k) ? k : CatalogSearchIndex.FirstKeyOf(published);
                keys[published] = key + 1;
                var subject = theme.Subjects.FirstOrDefault(s => title.Contains(s, StringComparison.Ordinal)) ?? theme.Subjects[random.Next(theme.Subjects.Length)];
                var place = theme.Places.FirstOrDefault(p => title.Contains(p, StringComparison.Ordinal)) ?? theme.Places[random.Next(theme.Places.Length)];
                var id = Guid.CreateVersion7(now);
                var item = new CatalogItem
                {
                    Id = id,
                    SeriesId = id,
                    AgencyId = agency.Id,
                    Status = CatalogStatus.Published,
                    Kind = kind,
                    IndexNumber = IndexNumberScheme.Default.Format(prefix, published, serials[published.Year]),
                    Title = title,
                    Publisher = agency.Name,
                    DocumentNumber = number,
                    WrittenOn = written,
                    FormedOn = written,
                    PublishedOn = published,
                    TopicCategoryId = topic.Id,
                    GenreCategoryId = genres[genre].Id,
                    Mode = mode,
                    InterpretsSeriesId = interprets,
                    Summary = Summary(title, subject),
                    Keywords = subject,
                    Body = mode == DisclosureMode.OnRequest ? "" : Body(random, subject, place),
                    DraftedById = drafter?.Id ?? Guid.Empty,
                    DraftedByName = drafter?.DisplayName ?? "（演示数据）",
                    CreatedAtUtc = now.UtcDateTime,
                    UpdatedAtUtc = now.UtcDateTime,
                    PublishedAtUtc = new DateTimeOffset(published.ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset).UtcDateTime,
                    SearchKey = key,
                };
                items.Add(item);
                return item;
            }

            // Normative documents: one or two a year, some repealed later, one with a five-year validity period.
            var normatives = new List<CatalogItem>();
            for (var year = 2021; year <= today.Year; year++)
            {
                var count = year == today.Year ? 1 : 2;
                for (var n = 0; n < count; n++)
                {
                    var written = RandomDate(random, year, today);
                    var subject = theme.Subjects[random.Next(theme.Subjects.Length)];
                    var (title, genre) = (random.Next(3)) switch
                    {
                        0 => ($"示范县{subject}管理办法", "办法"),
                        1 => ($"关于进一步加强{subject}工作的意见", "意见"),
                        _ => ($"示范县{subject}实施细则", "细则"),
                    };
                    documentNumber++;
                    var document = Add(CatalogItemKind.NormativeDocument, title, genre, written, random.Next(2, 12),
                        string.Create(CultureInfo.InvariantCulture, $"{theme.Abbreviation}〔{year}〕{documentNumber}号"));
                    document.EffectiveOn = document.PublishedOn!.Value.AddDays(30);
                    if (normatives.Count % 3 == 1)
                    {
                        document.ExpiresOn = document.EffectiveOn.Value.AddYears(5).AddDays(-1);
                    }

                    normatives.Add(document);
                }
            }

            // Repeal the oldest documents on dates spread over the later years (two of them).
            foreach (var (document, index) in normatives.Take(2).Select((d, i) => (d, i)))
            {
                var repealed = document.WrittenOn!.Value.AddYears(1 + index).AddDays(40 * (index + 1));
                if (repealed < today)
                {
                    document.RepealedOn = repealed;
                    document.RepealNote = string.Create(CultureInfo.InvariantCulture, $"{theme.Abbreviation}〔{repealed.Year}〕{90 + index}号决定废止");
                }
            }

            // A policy interpretation for most normative documents, published with them.
            foreach (var document in normatives.Where((_, i) => i % 3 != 2))
            {
                Add(CatalogItemKind.Interpretation, $"《{document.Title}》政策解读", "解读", document.WrittenOn!.Value, (document.PublishedOn!.Value.DayNumber - document.WrittenOn.Value.DayNumber) + 1, null, document.SeriesId);
            }

            // Notices and announcements; about one in eight published after its 20-working-day deadline.
            for (var n = 0; n < 22; n++)
            {
                var written = RandomDate(random, 2021 + random.Next(Math.Max(1, today.Year - 2020)), today);
                var template = theme.Notices[n % theme.Notices.Length];
                var title = string.Format(CultureInfo.InvariantCulture, template, written.Year, theme.Places[random.Next(theme.Places.Length)], random.Next(1, 13));
                var genre = title.Contains("公示", StringComparison.Ordinal) ? "公示"
                    : title.Contains("公告", StringComparison.Ordinal) ? "公告"
                    : title.Contains("方案", StringComparison.Ordinal) ? "方案"
                    : title.Contains("统计公报", StringComparison.Ordinal) ? "统计数据"
                    : "通知";
                var late = n % 8 == 5;
                var delay = late ? 35 + random.Next(40) : random.Next(1, 15);
                var number = genre == "通知" ? string.Create(CultureInfo.InvariantCulture, $"{theme.Abbreviation}〔{written.Year}〕{++documentNumber}号") : null;
                Add(CatalogItemKind.General, title, genre, written, delay, number, mode: n % 11 == 10 ? DisclosureMode.OnRequest : DisclosureMode.Proactive);
            }

            foreach (var (year, last) in serials)
            {
                db.NumberCounters.Add(new NumberCounter { AgencyId = agency.Id, Series = NumberSeries.IndexNumbers(year), Last = last });
            }

            // The 教育局's work in progress: one item at each step before publication.
            if (drafter is not null && reviewer is not null && publisher is not null && agency.Name == "示范县教育局")
            {
                var steps = new[] { CatalogStatus.Draft, CatalogStatus.Draft, CatalogStatus.InConfidentialityReview, CatalogStatus.AwaitingApproval, CatalogStatus.Approved };
                var titles = new[]
                {
                    "关于做好寒假期间学生安全工作的通知", "示范县家庭经济困难学生认定办法（征求意见稿）", "关于公布示范县义务教育学校划片范围的通告",
                    "示范县学前教育资助资金分配结果公示", "关于开展中小学校园食品安全专项检查的通知",
                };
                for (var n = 0; n < steps.Length; n++)
                {
                    var id = Guid.CreateVersion7(now);
                    var formed = today.AddDays(-3 - (n * 6));
                    items.Add(new CatalogItem
                    {
                        Id = id,
                        SeriesId = id,
                        AgencyId = agency.Id,
                        Status = steps[n],
                        Kind = n == 1 ? CatalogItemKind.NormativeDocument : CatalogItemKind.General,
                        Title = titles[n],
                        Publisher = agency.Name,
                        DocumentNumber = n == 1 ? string.Create(CultureInfo.InvariantCulture, $"{theme.Abbreviation}〔{today.Year}〕{++documentNumber}号") : null,
                        WrittenOn = formed,
                        FormedOn = formed,
                        TopicCategoryId = topic.Id,
                        GenreCategoryId = genres[n == 1 ? "办法" : n == 3 ? "公示" : "通知"].Id,
                        Summary = Summary(titles[n], theme.Subjects[n]),
                        Keywords = theme.Subjects[n],
                        Body = Body(random, theme.Subjects[n], theme.Places[n]),
                        DraftedById = drafter.Id,
                        DraftedByName = drafter.DisplayName,
                        CreatedAtUtc = now.UtcDateTime,
                        UpdatedAtUtc = now.UtcDateTime,
                    });
                }
            }

            foreach (var item in items.Where(i => i.AgencyId == agency.Id))
            {
                AddHistory(db, item, drafter?.Id, drafter?.DisplayName, reviewer?.Id, reviewer?.DisplayName, publisher?.Id, publisher?.DisplayName, now);
            }
        }

        db.CatalogItems.AddRange(items);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        foreach (var item in items.Where(i => i.SearchKey is not null))
        {
            await CatalogSearchIndex.AddAsync(db, CatalogSearchDocument.From(item));
        }

        await transaction.CommitAsync();
    }

    private static void AddHistory(GongkaiDbContext db, CatalogItem item, Guid? drafterId, string? drafterName, Guid? reviewerId, string? reviewerName, Guid? publisherId, string? publisherName, DateTimeOffset now)
    {
        var formed = new DateTimeOffset(item.FormedOn.ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset);
        var steps = new List<(CatalogAction Action, Guid? Who, string Name, string? Comment)> { (CatalogAction.Created, drafterId, drafterName ?? "经办人", null) };
        var reached = item.Status;
        if (reached != CatalogStatus.Draft)
        {
            steps.Add((CatalogAction.Submitted, drafterId, drafterName ?? "经办人", null));
        }

        if (reached is CatalogStatus.AwaitingApproval or CatalogStatus.Approved or CatalogStatus.Published)
        {
            steps.Add((CatalogAction.ConfidentialityPassed, reviewerId, reviewerName ?? "审核人", "不涉及国家秘密、工作秘密和个人隐私，同意公开。"));
        }

        if (reached is CatalogStatus.Approved or CatalogStatus.Published)
        {
            steps.Add((CatalogAction.Approved, reviewerId, reviewerName ?? "审核人", "同意发布。"));
        }

        if (reached == CatalogStatus.Published)
        {
            steps.Add((CatalogAction.Published, publisherId, publisherName ?? "发布人", "索引号 " + item.IndexNumber));
        }

        var last = item.PublishedOn is { } published ? new DateTimeOffset(published.ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset) : formed.AddDays(1);
        for (var i = 0; i < steps.Count; i++)
        {
            var at = steps.Count == 1 ? formed : formed + ((last - formed) * i / (steps.Count - 1));
            db.CatalogReviewSteps.Add(new CatalogReviewStep
            {
                Id = Guid.CreateVersion7(now),
                ItemId = item.Id,
                SeriesId = item.SeriesId,
                Sequence = i + 1,
                Version = item.Version,
                Action = steps[i].Action,
                ActorUserId = steps[i].Who,
                ActorName = steps[i].Name,
                AtUtc = at.UtcDateTime,
                Comment = steps[i].Comment,
            });
        }
    }

    private static DateOnly RandomDate(Random random, int year, DateOnly today)
    {
        var first = new DateOnly(year, 1, 4);
        var last = year == today.Year ? today.AddDays(-2) : new DateOnly(year, 12, 20);
        if (last < first)
        {
            return today.AddDays(-2);
        }

        var date = first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));
        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => date.AddDays(-1),
            DayOfWeek.Sunday => date.AddDays(-2),
            _ => date,
        };
    }

    private static string Summary(string title, string subject) =>
        $"公开{title.TrimEnd('。')}的主要内容，涉及{subject}的政策依据、适用对象、办理程序和监督方式。";

    private static string Body(Random random, string subject, string place)
    {
        var paragraphs = new List<string> { string.Format(CultureInfo.InvariantCulture, Openings[random.Next(Openings.Length)], subject) };
        foreach (var section in Sections.Where(_ => random.Next(5) > 0))
        {
            paragraphs.Add(string.Format(CultureInfo.InvariantCulture, section, subject, place));
        }

        paragraphs.Add("联系电话：0373-5000000（工作日 8:30—12:00，14:30—17:30）。");
        return string.Join('\n', paragraphs);
    }
}
