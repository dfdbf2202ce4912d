using System.Globalization;
using System.Runtime.InteropServices;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Gongkai.Web.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Demo;

/// <summary>
/// About eighteen months of fictitious applications for the demo region, up to the clock's today: every channel,
/// every applicant type and every outcome of table 三, corrections, consultations, extensions and fees, some cases
/// open and overdue or due soon, some open across the previous 31 December, and reconsiderations and lawsuits with
/// every result for table 四. Deterministic for a given today (a seeded <see cref="Random"/>); every event goes
/// through the case engine (<see cref="CaseStore.Append"/>), so the data obeys the same rules as real cases.
/// </summary>
/// <param name="db">The platform's database.</param>
/// <param name="clock">Today is the end of the simulated period.</param>
/// <param name="scale">Multiplies every agency's volume (Demo:ApplicationScale): 500 gives about 100,000 cases for bench/desk-load.sh.</param>
internal sealed class DemoApplications(GongkaiDbContext db, TimeProvider clock, int scale = 1)
{
    /// <summary>Cases written per SaveChanges when the demo is scaled up, so the change tracker stays small.</summary>
    private const int SaveBatch = 5_000;

    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>How many applications each agency received in the period (most at education and natural resources).</summary>
    private static readonly Dictionary<string, int> Volume = new(StringComparer.Ordinal)
    {
        ["示范县人民政府办公室"] = 10,
        ["示范县教育局"] = 80,
        ["示范县自然资源局"] = 70,
        ["示范县住房和城乡建设局"] = 20,
        ["示范县人力资源和社会保障局"] = 12,
        ["示范县市场监督管理局"] = 10,
    };

    /// <summary>The staff who handle each agency's cases in the demo: the handler and the office head who approves extensions.</summary>
    private static readonly Dictionary<string, (string Handler, string Head)> Staff = new(StringComparer.Ordinal)
    {
        ["示范县人民政府办公室"] = ("孙丽", "钱进"),
        ["示范县教育局"] = ("张明（经办人）", "李华（审核人）"),
        ["示范县自然资源局"] = ("赵强（经办人）", "周伟"),
        ["示范县住房和城乡建设局"] = ("吴刚", "郑敏"),
        ["示范县人力资源和社会保障局"] = ("冯雪", "陈立"),
        ["示范县市场监督管理局"] = ("褚云", "卫东"),
    };

    private static readonly Dictionary<string, string[]> Subjects = new(StringComparer.Ordinal)
    {
        ["示范县人民政府办公室"] =
        [
            "县政府{0}年第5次常务会议纪要中涉及我村土地调整的内容",
            "示范县{0}年政府工作报告重点任务分解方案",
            "县政府关于城东片区棚户区改造项目的批复文件",
            "示范县突发事件总体应急预案（{0}年修订）",
            "县政府与某企业签订的招商引资协议",
        ],
        ["示范县教育局"] =
        [
            "{0}年城区义务教育学区划分方案及划片依据",
            "示范县{0}年秋季小学、初中招生计划及招生范围",
            "县第二实验小学新校区建设项目的立项批复和建设规模",
            "{0}年度中小学教师招聘考试成绩及拟录用人员名单的确定依据",
            "县第三中学食堂承包经营招标文件及中标结果",
            "{0}年学前教育专项资金分配方案及各园所分配明细",
            "民办学校{0}年度年检结果",
            "校车运营补贴发放标准及{0}年发放明细",
            "县实验中学教学楼维修工程竣工验收报告",
            "农村义务教育学生营养改善计划{0}年资金使用情况",
            "{0}年中小学教师职称评审结果及评审细则",
            "城区中小学布局调整规划（2021—2025年）",
            "本人子女入学资格审核不通过的依据及审核记录",
        ],
        ["示范县自然资源局"] =
        [
            "李庄村集体土地征收补偿安置方案",
            "示范县{0}年第3批次城镇建设用地征收土地公告及批准文件",
            "人民路东段拆迁范围内的土地利用总体规划图",
            "锦绣花园小区建设工程规划许可证及附图",
            "城南某地块国有建设用地使用权出让合同",
            "示范县国土空间总体规划（2021—2035年）公示稿",
            "本人所在村宅基地审批档案",
            "某石料矿山地质环境保护与土地复垦方案",
            "产业集聚区控制性详细规划调整的批复",
            "{0}年度耕地占补平衡项目验收资料",
            "城东片区征地社会稳定风险评估报告",
            "王屯村征地补偿款发放明细",
        ],
        ["示范县住房和城乡建设局"] =
        [
            "建设路段棚户区改造房屋征收公告及补偿标准",
            "御景苑小区商品房预售许可证",
            "{0}年公共租赁住房分配名单及轮候规则",
            "幸福里小区住宅专项维修资金使用明细",
            "老旧小区改造{0}年实施计划及项目清单",
        ],
        ["示范县人力资源和社会保障局"] =
        [
            "{0}年度事业单位公开招聘面试成绩及体检人员名单",
            "某建筑企业拖欠农民工工资案件的处理结果",
            "城乡居民基本养老保险待遇调整标准",
            "{0}年职业技能培训补贴发放名单",
        ],
        ["示范县市场监督管理局"] =
        [
            "某餐饮企业{0}年食品安全抽检结果",
            "对某商贸公司作出的行政处罚决定书",
            "{0}年度产品质量监督抽查计划及结果",
            "电梯等特种设备{0}年安全检查记录",
        ],
    };

    private static readonly (Outcome Outcome, int Weight)[] OutcomeWeights =
    [
        (Outcome.Granted, 40), (Outcome.PartiallyGranted, 10), (Outcome.WithheldStateSecret, 1), (Outcome.WithheldProhibitedByLaw, 1),
        (Outcome.WithheldThreeSecurityOneStability, 1), (Outcome.WithheldThirdPartyRights, 2), (Outcome.WithheldInternalAffairs, 2),
        (Outcome.WithheldProcessInformation, 3), (Outcome.WithheldEnforcementCaseFiles, 1), (Outcome.WithheldAdministrativeQuery, 2),
        (Outcome.UnableNotHeld, 14), (Outcome.UnableNeedsCreation, 3), (Outcome.UnableUnclearAfterCorrection, 2),
        (Outcome.NotProcessedPetitionComplaint, 4), (Outcome.NotProcessedDuplicate, 2), (Outcome.NotProcessedPublication, 2),
        (Outcome.NotProcessedExcessive, 1), (Outcome.NotProcessedConfirmation, 1), (Outcome.OtherNoCorrection, 3),
        (Outcome.OtherUnpaidFee, 1), (Outcome.OtherOther, 4),
    ];

    private static readonly (ReceiptChannel Channel, int Weight)[] ChannelWeights =
    [
        (ReceiptChannel.InPerson, 30), (ReceiptChannel.PostWithSignature, 15), (ReceiptChannel.OrdinaryLetter, 5),
        (ReceiptChannel.Online, 35), (ReceiptChannel.Email, 10), (ReceiptChannel.Fax, 5),
    ];

    private static readonly (ApplicantType Type, int Weight)[] ApplicantWeights =
    [
        (ApplicantType.NaturalPerson, 70), (ApplicantType.Commercial, 12), (ApplicantType.Research, 4),
        (ApplicantType.PublicInterest, 4), (ApplicantType.LegalService, 7), (ApplicantType.Other, 3),
    ];

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴孔汤";

    private static readonly string[] GivenNames =
    [
        "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
        "平", "刚", "桂英", "建华", "玉兰", "国强", "志刚", "红梅", "海燕", "小龙", "文博", "思远", "雨涵", "子轩",
    ];

    private static readonly string[] ThirdParties = ["示范县宏达建筑工程有限公司", "示范县恒信商贸有限公司", "王某某（相关权利人）"];

    private static readonly string[] OtherAgencies = ["示范县财政局", "示范县发展和改革委员会", "新乡市自然资源和规划局"];

    private static readonly string[] Towns = ["城关镇", "东关街道", "西河乡", "南湖镇", "北岗乡", "柳园镇"];

    private static readonly string[] Villages = ["李庄村", "王屯村", "柳园村", "新华社区", "前进村", "张湾村", "东关社区"];

    private readonly Random _random = new(20240617);
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid Agency, int Year), int> _numbers = [];
    private CaseRules _rules = CaseRules.Default;
    private DateOnly _today;
    private DateTimeOffset _now;
    private DateTime _nowUtc;

    /// <summary>What one demo case is meant to become; the simulation stops at today, leaving later steps undone.</summary>
    private sealed record Plan(Outcome Outcome)
    {
        public bool Correction { get; init; }

        public bool Consultation { get; init; }

        public bool Extension { get; init; }

        public bool Fee { get; init; }

        /// <summary>Reply well after the due date (an overdue case while it is open).</summary>
        public bool Late { get; init; }

        /// <summary>Reply on the due date (a due-soon case while it is open).</summary>
        public bool AtDue { get; init; }

        /// <summary>Leave unregistered.</summary>
        public bool Unregistered { get; init; }

        /// <summary>Stop after the correction request (a case waiting for the applicant).</summary>
        public bool AwaitCorrection { get; init; }

        /// <summary>The handler has asked for an extension that waits for the office head.</summary>
        public bool ExtensionRequested { get; init; }
    }

    private sealed record Spec(Agency Agency, DateOnly Arrived, ReceiptChannel Channel, ApplicantType Applicant, Plan Plan);

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _rules = await new CaseRulesProvider(db).GetAsync(cancellationToken);
        _now = ChinaTime.Now(clock);
        _today = DateOnly.FromDateTime(_now.DateTime);
        _nowUtc = clock.GetUtcNow().UtcDateTime;
        var agencies = await db.Agencies.OrderBy(a => a.SortOrder).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var userIds = users.ToDictionary(u => u.DisplayName, u => u.Id, StringComparer.Ordinal);

        var records = new List<ApplicationRecord>();
        foreach (var spec in Specs(agencies).GroupBy(s => s.Agency.Id).SelectMany(g => g.OrderBy(s => s.Arrived)))
        {
            records.Add(Simulate(spec, userIds));
        }

        var reviews = Reviews(records).ToList();
        foreach (var chunk in records.Chunk(SaveBatch))
        {
            db.Applications.AddRange(chunk);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        db.Reviews.AddRange(reviews);
        await db.SaveChangesAsync(cancellationToken);
    }

    private List<Spec> Specs(IReadOnlyList<Agency> agencies)
    {
        // Eighteen months back, but not into a year whose holiday notice is not loaded (its deadlines would be provisional).
        var start = _today.AddMonths(-18);
        if (!_rules.Calendar.IsLoaded(start.Year) && _rules.Calendar.LoadedYears.FirstOrDefault(y => y > start.Year) is var first and > 0)
        {
            start = new DateOnly(first, 1, 4);
        }

        var span = _today.DayNumber - 1 - start.DayNumber;
        var specs = new List<Spec>();
        foreach (var agency in agencies)
        {
            for (var i = 0; i < Volume.GetValueOrDefault(agency.Name, 5) * scale; i++)
            {
                var arrived = WorkdayOnOrAfter(start.AddDays(_random.Next(Math.Max(span, 1))));
                specs.Add(new Spec(agency, arrived <= _today ? arrived : _today, Pick(ChannelWeights), Pick(ApplicantWeights), RandomPlan(Pick(OutcomeWeights))));
            }
        }

        var main = specs.Where(s => s.Agency.Name is "示范县教育局" or "示范县自然资源局").ToList();

        // Every channel and applicant type at least once.
        for (var i = 0; i < 6; i++)
        {
            main[i] = main[i] with { Channel = (ReceiptChannel)i, Applicant = (ApplicantType)i };
        }

        // Slots for the open cases and the year-end cases below, alternating between the two agencies.
        var reserved = Enumerable.Range(6, 9).SelectMany(i => new[] { i, main.Count - 1 - i }).ToList();

        // Every outcome of table 三 at least once, on cases old enough to have concluded.
        var old = main.Select((s, i) => (s, i)).Where(x => x.s.Arrived <= _today.AddDays(-150) && !reserved.Contains(x.i)).Select(x => x.i).ToList();
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            var index = old[_random.Next(old.Count)];
            old.Remove(index);
            main[index] = main[index] with { Plan = RandomPlan(outcome) };
        }

        // Open cases: overdue, due soon, not yet registered; and cases received before last 31 December, concluded after it.
        var recent = new (int WorkingDaysAgo, Plan Plan)[]
        {
            (26, new Plan(Outcome.Granted) { Late = true }),
            (28, new Plan(Outcome.UnableNotHeld) { Late = true }),
            (31, new Plan(Outcome.PartiallyGranted) { Late = true }),
            (24, new Plan(Outcome.Granted) { Late = true }),
            (18, new Plan(Outcome.Granted) { AtDue = true }),
            (19, new Plan(Outcome.UnableNotHeld) { AtDue = true }),
            (17, new Plan(Outcome.Granted) { AtDue = true }),
            (1, new Plan(Outcome.Granted) { Unregistered = true }),
            (2, new Plan(Outcome.Granted) { Unregistered = true }),
            (3, new Plan(Outcome.Granted) { Correction = true, AwaitCorrection = true }),
            (12, new Plan(Outcome.Granted) { ExtensionRequested = true, AtDue = true }),
            (4, new Plan(Outcome.UnableNotHeld) { Correction = true, AwaitCorrection = true }),
        };
        var slot = 0;
        foreach (var (ago, plan) in recent)
        {
            var index = reserved[slot++];
            main[index] = main[index] with { Arrived = WorkingDaysBefore(_today, ago), Channel = ReceiptChannel.InPerson, Plan = plan };
        }

        var yearEnd = new DateOnly(_today.Year - 1, 12, 31);
        for (var i = 0; i < 6 && yearEnd.AddDays(-20) > start; i++)
        {
            var index = reserved[slot++];
            main[index] = main[index] with { Arrived = WorkdayOnOrAfter(yearEnd.AddDays(-19 + (3 * i))), Channel = ReceiptChannel.InPerson, Plan = new Plan(Outcome.Granted) };
        }

        return [.. main, .. specs.Where(s => s.Agency.Name is not ("示范县教育局" or "示范县自然资源局"))];
    }

    private Plan RandomPlan(Outcome outcome) => new(outcome)
    {
        Correction = outcome is Outcome.UnableUnclearAfterCorrection or Outcome.OtherNoCorrection || (outcome is not Outcome.OtherUnpaidFee && Chance(6)),
        Consultation = outcome == Outcome.WithheldThirdPartyRights || (outcome is Outcome.Granted or Outcome.PartiallyGranted or Outcome.WithheldProcessInformation && Chance(12)),
        Extension = outcome is not (Outcome.OtherNoCorrection or Outcome.OtherUnpaidFee or Outcome.OtherOther) && Chance(7),
        Fee = outcome == Outcome.OtherUnpaidFee || (outcome is Outcome.Granted or Outcome.PartiallyGranted && Chance(5)),
        Late = outcome is not (Outcome.OtherNoCorrection or Outcome.OtherUnpaidFee or Outcome.OtherOther) && Chance(3),
    };

    private ApplicationRecord Simulate(Spec spec, Dictionary<string, Guid> userIds)
    {
        var agency = spec.Agency;
        (string Handler, string Head) staff = Staff.TryGetValue(agency.Name, out var known) ? known : ("经办人", "负责人");
        Guid? handlerId = userIds.TryGetValue(staff.Handler, out var handler) ? handler : null;
        Guid? headId = userIds.TryGetValue(staff.Head, out var head) ? head : null;
        var confirmed = Receipt.NeedsConfirmation(spec.Channel) ? Min(WorkdayOnOrAfter(spec.Arrived.AddDays(_random.Next(0, 2))), _today) : (DateOnly?)null;
        var record = new ApplicationRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = agency.Id,
            Number = NextNumber(agency.Id, spec.Arrived.Year),
            ReceiptCode = NewCode(),
            ApplicantType = spec.Applicant,
            ApplicantName = "",
            Description = Describe(agency.Name, spec.Arrived),
            Channel = spec.Channel,
            ArrivedOn = spec.Arrived,
            ConfirmedOn = confirmed,
            SubmittedOnline = spec.Channel == ReceiptChannel.Online,
            RequestedForm = _random.Next(3) == 0 ? RequestedForm.Paper : RequestedForm.Electronic,
            DeliveryPreference = spec.Channel switch
            {
                ReceiptChannel.InPerson => DeliveryPreference.Collect,
                ReceiptChannel.Online or ReceiptChannel.Email => DeliveryPreference.Email,
                _ => DeliveryPreference.Post,
            },
            CreatedAtUtc = new DateTimeOffset(spec.Arrived.ToDateTime(new TimeOnly(9, 30)), ChinaTime.Offset).UtcDateTime,
            HandlerId = spec.Plan.Unregistered ? null : handlerId,
        };
        Applicant(record);
        record.Refresh(record.ToCase(_rules), _rules, _nowUtc);
        new Story(this, record, (handlerId, headId), staff).Run(spec.Plan);
        return record;
    }

    /// <summary>Plays one case forward event by event until its plan is done or the next event would be after today.</summary>
    private sealed class Story(DemoApplications demo, ApplicationRecord record, (Guid? Handler, Guid? Head) userIds, (string Handler, string Head) staff)
    {
        private readonly Actor _handler = new(staff.Handler);
        private readonly Actor _head = new(staff.Head, ActorRole.OfficeHead);
        private DisclosureApplication _case = record.ToCase(demo._rules);
        private int _sequence;

        public void Run(Plan plan)
        {
            var rules = demo._rules;
            var random = demo._random;
            var received = record.ReceivedOn;
            if (plan.Unregistered)
            {
                return;
            }

            var cursor = record.Channel == ReceiptChannel.InPerson ? received : demo.W(received, random.Next(0, 2));
            if (!Add(new Registered(At(cursor), _handler), "登记申请，开始办理"))
            {
                return;
            }

            if (plan.ExtensionRequested)
            {
                record.ExtensionRequestedDays = 15;
                record.ExtensionRequestReason = "所申请信息分散在多个学校，需要逐校调取、汇总";
                record.ExtensionRequestedById = userIds.Handler;
                record.ExtensionRequestedByName = staff.Handler;
                record.ExtensionRequestedOn = demo._today;
            }

            if (plan.Correction)
            {
                var asked = Max(cursor, demo.W(received, plan.AwaitCorrection ? 1 : random.Next(1, 6)));
                var correctBy = demo.W(asked, 10);
                if (!Add(new CorrectionRequested(At(asked), _handler, correctBy, "请写明所需信息的名称、文号或形成时间等特征性描述，并补充身份证明复印件"),
                        $"发出补正告知，补正期限至 {DateText.Iso(correctBy)}"))
                {
                    return;
                }

                if (plan.AwaitCorrection)
                {
                    return;
                }

                if (plan.Outcome == Outcome.OtherNoCorrection)
                {
                    var missed = demo.W(correctBy, random.Next(1, 4));
                    Add(new CorrectionDeadlineMissed(At(missed), _handler), "补正期限届满，申请人未补正，视为放弃申请，终止办理");
                    Archive(missed);
                    return;
                }

                cursor = demo.W(asked, random.Next(2, 9));
                if (!Add(new CorrectionReceived(At(cursor), _handler), "收到补正后的申请，答复期限自该日重新计算"))
                {
                    return;
                }
            }

            if (plan.Outcome == Outcome.OtherOther)
            {
                var withdrawn = demo.W(cursor, random.Next(2, 9));
                Add(new Withdrawn(At(withdrawn), _handler, "申请人来电表示已通过其他途径获取，书面撤回申请"), "申请人撤回申请");
                Archive(withdrawn);
                return;
            }

            if (plan.Consultation)
            {
                var thirdParty = plan.Outcome == Outcome.WithheldThirdPartyRights || random.Next(2) == 0;
                var party = thirdParty
                    ? ThirdParties[random.Next(ThirdParties.Length)]
                    : OtherAgencies[random.Next(OtherAgencies.Length)];
                var kind = thirdParty ? ConsultationKind.ThirdParty : ConsultationKind.OtherAgency;
                var started = demo.W(cursor, random.Next(1, 5));
                if (!Add(new ConsultationStarted(At(started), _handler, kind, party), $"{CaseText.Label(kind)}：{party}"))
                {
                    return;
                }

                cursor = demo.W(started, random.Next(3, 15));
                if (!Add(new ConsultationAnswered(At(cursor), _handler, party), plan.Outcome == Outcome.WithheldThirdPartyRights ? $"收到{party}的意见：不同意公开" : $"收到{party}的意见"))
                {
                    return;
                }
            }

            if (plan.Fee)
            {
                var sent = demo.W(cursor, random.Next(1, 5));
                var receivedNotice = sent.AddDays(random.Next(1, 4));
                var quote = InformationProcessingFee.ByPages(random.Next(45, 261));
                if (!Add(new FeeNoticeSent(At(sent), _handler, quote, receivedNotice),
                        $"发出收费通知（按量计收，{quote.LastUnit}页），应缴信息处理费 {quote.Amount.ToString("#,0.##", CultureInfo.InvariantCulture)} 元"))
                {
                    return;
                }

                if (plan.Outcome == Outcome.OtherUnpaidFee)
                {
                    var unpaid = demo.W(_case.FeePaymentDue(rules)!.Value, random.Next(1, 4));
                    Add(new FeeUnpaid(At(unpaid), _handler), "缴费期限届满，申请人未缴费，视为放弃申请，终止办理");
                    Archive(unpaid);
                    return;
                }

                cursor = demo.W(Max(cursor, receivedNotice), random.Next(2, 11));
                if (!Add(new FeePaid(At(cursor), _handler), "申请人已缴纳信息处理费"))
                {
                    return;
                }
            }

            if (plan.Extension)
            {
                var approved = demo.W(cursor, random.Next(1, 4));
                if (_case.Deadline(rules).Due is { } originalDue && approved <= originalDue)
                {
                    var days = random.Next(10, 21);
                    if (!Add(new ExtensionApproved(At(approved), _head, days, "所申请信息涉及多个年度的档案，需要调档核查"),
                            CaseLabels.Invariant($"{staff.Head}（政府信息公开工作机构负责人）批准延长答复期限{days}个工作日")))
                    {
                        return;
                    }

                    cursor = approved;
                }
            }

            var due = _case.Deadline(rules).Due!.Value;
            var replied = plan.Late ? demo.W(due, random.Next(8, 16))
                : plan.AtDue ? due
                : Max(cursor, Min(demo.W(cursor, random.Next(3, 16)), due));
            Reply(plan.Outcome, replied);
        }

        private void Reply(Outcome outcome, DateOnly replied)
        {
            var random = demo._random;
            var delivery = record.Channel switch
            {
                ReceiptChannel.InPerson => random.Next(8) == 0 ? DeliveryMethod.Entrusted : DeliveryMethod.Direct,
                ReceiptChannel.Online or ReceiptChannel.Email => DeliveryMethod.Electronic,
                ReceiptChannel.Fax => random.Next(2) == 0 ? DeliveryMethod.Electronic : DeliveryMethod.Post,
                _ => DeliveryMethod.Post,
            };
            DateOnly? posted = delivery == DeliveryMethod.Post ? Min(replied.AddDays(random.Next(0, 2)), demo._today) : null;
            var definition = Outcomes.Get(outcome);
            var reason = definition.RequiresReason || random.Next(4) == 0 ? ReasonFor(outcome) : null;
            if (!Add(new Replied(At(replied), _handler, outcome, reason, delivery, posted), $"答复：{definition.Label}（{CaseText.Label(delivery)}）"))
            {
                return;
            }

            var delivered = delivery switch
            {
                DeliveryMethod.Post => posted!.Value.AddDays(random.Next(2, 5)),
                DeliveryMethod.Electronic => replied,
                _ => replied.AddDays(random.Next(0, 2)),
            };
            if (Add(new Delivered(At(delivered), _handler), "答复已送达申请人"))
            {
                Archive(delivered);
            }
        }

        private void Archive(DateOnly after)
        {
            if (_case.IsOpen)
            {
                return;
            }

            var archived = after.AddDays(demo._random.Next(10, 31));
            if (demo._random.Next(5) != 0)
            {
                Add(new Archived(At(archived), _handler), "归档");
            }
        }

        private bool Add(CaseEvent caseEvent, string summary)
        {
            if (caseEvent.Date > demo._today)
            {
                return false;
            }

            if (caseEvent.At > demo._now)
            {
                caseEvent = caseEvent with { At = demo._now };
            }

            var userId = caseEvent.By.Role == ActorRole.OfficeHead ? userIds.Head : userIds.Handler;
            _case = record.Append(caseEvent, demo._rules, userId, summary, demo._nowUtc);
            return true;
        }

        /// <summary>A moment on the date, later in the day for each event (moved back to now by <see cref="Add"/> if that is later).</summary>
        private DateTimeOffset At(DateOnly date)
        {
            var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(9 + (_sequence % 8), (_sequence * 17) % 60)), ChinaTime.Offset);
            _sequence++;
            return at;
        }

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    }

    private static string ReasonFor(Outcome outcome) => outcome switch
    {
        Outcome.Granted => "所申请信息已制作电子版，通过申请人指定的方式提供。",
        Outcome.PartiallyGranted => "所申请信息中含有第三方个人信息，已作区分处理，其余部分予以公开。",
        Outcome.WithheldStateSecret => "所申请信息经保密审查确定属于国家秘密。",
        Outcome.WithheldProhibitedByLaw => "所申请信息属于法律、行政法规禁止公开的信息。",
        Outcome.WithheldThreeSecurityOneStability => "所申请信息公开后可能危及社会稳定。",
        Outcome.WithheldThirdPartyRights => "所申请信息涉及第三方商业秘密，经征求意见第三方不同意公开，不公开不会对公共利益造成重大影响。",
        Outcome.WithheldInternalAffairs => "所申请信息属于本机关人事管理、内部工作流程等内部事务信息。",
        Outcome.WithheldProcessInformation => "所申请信息属于讨论记录、过程稿、请示报告等过程性信息。",
        Outcome.WithheldEnforcementCaseFiles => "所申请信息属于行政执法案卷信息。",
        Outcome.WithheldAdministrativeQuery => "所申请信息属于不动产登记资料，请按照《不动产登记资料查询暂行办法》办理查询。",
        Outcome.UnableNotHeld => "经检索，本机关未制作或者获取该政府信息。",
        Outcome.UnableNeedsCreation => "提供所申请信息需要本机关对现有信息进行加工、分析，本机关不予提供。",
        Outcome.UnableUnclearAfterCorrection => "经补正后，申请内容仍不明确，无法确定所需政府信息。",
        Outcome.NotProcessedPetitionComplaint => "所提申请实为投诉举报，已告知申请人通过相应渠道提出。",
        Outcome.NotProcessedDuplicate => "申请人重复申请相同政府信息，本机关已于此前作出答复。",
        Outcome.NotProcessedPublication => "所申请信息为本机关已公开出版的资料，已告知获取途径。",
        Outcome.NotProcessedExcessive => "申请人申请的数量、频次明显超过合理范围，经告知后未说明理由。",
        Outcome.NotProcessedConfirmation => "申请人要求对已获取的政府信息进行确认或者重新出具。",
        Outcome.OtherNoCorrection or Outcome.OtherUnpaidFee or Outcome.OtherOther => "其他情形，已书面告知申请人。",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private void Applicant(ApplicationRecord record)
    {
        var name = Surnames[_random.Next(Surnames.Length)] + GivenNames[_random.Next(GivenNames.Length)];
        var address = $"示范县{Towns[_random.Next(Towns.Length)]}{Villages[_random.Next(Villages.Length)]}{_random.Next(1, 12)}组{_random.Next(1, 80)}号";
        record.Phone = "1" + "358"[_random.Next(3)] + _random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        record.Address = address;
        record.PostalCode = "453000";
        if (record.Channel is ReceiptChannel.Online or ReceiptChannel.Email)
        {
            record.Email = "applicant" + _random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + "@example.com";
        }

        if (record.ApplicantType == ApplicantType.NaturalPerson)
        {
            record.ApplicantName = name;
            record.IdDocumentType = IdentityDocument.ResidentIdCard;
            record.IdNumber = ResidentId();
            return;
        }

        record.ApplicantName = record.ApplicantType switch
        {
            ApplicantType.Commercial => "示范县" + new[] { "宏达", "恒信", "华宇", "鑫源", "中原", "豫兴" }[_random.Next(6)] + new[] { "建筑工程", "房地产开发", "商贸", "农业科技", "物流" }[_random.Next(5)] + "有限公司",
            ApplicantType.Research => new[] { "新乡学院法学院课题组", "河南某大学公共管理学院", "某政务公开研究中心" }[_random.Next(3)],
            ApplicantType.PublicInterest => new[] { "某环境保护公益服务中心", "示范县消费者权益保护志愿者协会" }[_random.Next(2)],
            ApplicantType.LegalService => "河南" + new[] { "正义", "明德", "中豫", "诚信" }[_random.Next(4)] + "律师事务所",
            _ => new[] { "示范县城关镇李庄村村民委员会", "锦绣花园小区业主委员会" }[_random.Next(2)],
        };
        record.ContactPerson = name;
        record.IdDocumentType = IdentityDocument.UnifiedSocialCreditCode;
        record.IdNumber = "91410799" + new string([.. Enumerable.Range(0, 10).Select(_ => CodeAlphabet[_random.Next(CodeAlphabet.Length)])]);
    }

    private string ResidentId()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(_random.Next(365 * 50));
        var body = "410799" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + _random.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * weights[i];
        }

        return body + "10X98765432"[sum % 11];
    }

    private IEnumerable<ReviewCaseRecord> Reviews(List<ApplicationRecord> records)
    {
        var challenged = records
            .Where(r => r.Outcome is { } o && o != Outcome.Granted && r.State is CaseState.Delivered or CaseState.Archived && r.ConcludedOn <= _today.AddDays(-150))
            .OrderBy(r => r.ConcludedOn).ThenBy(r => r.Number, StringComparer.Ordinal)
            .ToList();
        var number = 0;
        foreach (var kind in Enum.GetValues<ReviewKind>())
        {
            foreach (var result in Enum.GetValues<ReviewResult>())
            {
                if (challenged.Count == 0)
                {
                    yield break;
                }

                var application = challenged[_random.Next(challenged.Count)];
                challenged.Remove(application);
                number++;
                var filed = application.ConcludedOn!.Value.AddDays(_random.Next(15, 56));
                DateOnly? concluded = result == ReviewResult.Pending ? null : filed.AddDays(_random.Next(40, 91));
                var year = filed.Year.ToString(CultureInfo.InvariantCulture);
                var sequence = number.ToString(CultureInfo.InvariantCulture);
                yield return new ReviewCaseRecord
                {
                    Id = Guid.CreateVersion7(clock.GetUtcNow()),
                    AgencyId = application.AgencyId,
                    ApplicationId = application.Id,
                    Kind = kind,
                    FiledOn = filed,
                    Result = result,
                    ConcludedOn = concluded,
                    Body = kind switch
                    {
                        ReviewKind.Reconsideration => "示范县人民政府",
                        ReviewKind.LitigationDirect => "示范县人民法院",
                        _ => "新乡市中级人民法院",
                    },
                    CaseNumber = kind == ReviewKind.Reconsideration ? $"示政复〔{year}〕{sequence}号" : $"（{year}）豫0799行初{sequence}号",
                    Notes = result switch
                    {
                        ReviewResult.Upheld => "维持原答复。",
                        ReviewResult.Corrected => "责令重新作出答复。",
                        ReviewResult.Other => "申请人撤回申请，终止审理。",
                        _ => "尚在审理中。",
                    },
                    UpdatedAtUtc = _nowUtc,
                };
            }
        }
    }

    private string Describe(string agency, DateOnly arrived)
    {
        var subjects = Subjects.GetValueOrDefault(agency) ?? ["本机关{0}年度工作安排"];
        var year = arrived.Month <= 3 ? arrived.Year - 1 : arrived.Year;
        return "申请公开" + string.Format(CultureInfo.InvariantCulture, subjects[_random.Next(subjects.Length)], year) + "。";
    }

    private string NextNumber(Guid agencyId, int year)
    {
        var count = CollectionsMarshal.GetValueRefOrAddDefault(_numbers, (agencyId, year), out _) += 1;
        return year.ToString(CultureInfo.InvariantCulture) + "-" + count.ToString("D4", CultureInfo.InvariantCulture);
    }

    private string NewCode()
    {
        while (true)
        {
            var code = new string([.. Enumerable.Range(0, 10).Select(_ => CodeAlphabet[_random.Next(CodeAlphabet.Length)])]);
            if (_codes.Add(code))
            {
                return code;
            }
        }
    }

    private T Pick<T>((T Value, int Weight)[] choices)
    {
        var roll = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private DateOnly W(DateOnly from, int workingDays) => _rules.Calendar.AddWorkingDays(from, workingDays);

    private DateOnly WorkdayOnOrAfter(DateOnly date)
    {
        while (!_rules.Calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private DateOnly WorkingDaysBefore(DateOnly date, int workingDays)
    {
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(-1);
            if (_rules.Calendar.IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
