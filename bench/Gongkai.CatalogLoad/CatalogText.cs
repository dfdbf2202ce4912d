using System.Globalization;
using System.Text;

namespace Gongkai.CatalogLoad;

/// <summary>One generated catalogue item (published), before it is written.</summary>
internal sealed record GeneratedItem(
    long Index,
    Guid Id,
    int Agency,
    string Title,
    string? DocumentNumber,
    DateOnly WrittenOn,
    DateOnly PublishedOn,
    int Topic,
    int Genre,
    int Kind,
    string Summary,
    string Keywords,
    string Body,
    long SearchKey,
    string IndexNumber);

/// <summary>
/// Realistic Chinese catalogue text from word lists: titles from the templates government sites use, 文号 such as
/// 临政〔2023〕15号, bodies of a few hundred characters built from the sentences of notices. Deterministic per seed.
/// The catalogue grows like a province's: <see cref="CountiesFor"/> gives 4 counties (of 15 agencies each) per million
/// items, so the words of titles and bodies (subjects, genres, sentences) keep their share of items at any size, while
/// each county's and agency's names, 文号 prefixes and 索引号 prefixes are held by about the same number of items
/// (250,000 per county, 16,700 per agency over ten years) at 1 million items as at 20 million.
/// </summary>
internal static class CatalogText
{
    /// <summary>The first four counties (the only ones up to 1,000,000 items; the bench queries name them).</summary>
    private static readonly string[] FirstCounties = ["临河县", "东平县", "清源县", "安阳县"];

    /// <summary>Two-character county names beyond the first four: one character of each list (19 × 20 = 380 names).</summary>
    private static readonly string[] CountyFirst = ["永", "长", "新", "平", "宁", "兴", "广", "华", "丰", "泰", "金", "阳", "武", "河", "山", "白", "青", "福", "宝"];

    private static readonly string[] CountySecond = ["城", "安", "乐", "和", "康", "德", "丰", "宁", "泉", "川", "林", "原", "江", "陵", "台", "峰", "溪", "明", "昌", "定"];

    public static readonly (string Name, string Short)[] Departments =
    [
        ("人民政府办公室", "政办"), ("教育局", "教"), ("民政局", "民"), ("自然资源局", "自然资"), ("住房和城乡建设局", "建"),
        ("人力资源和社会保障局", "人社"), ("市场监督管理局", "市监"), ("卫生健康委员会", "卫健"), ("农业农村局", "农"),
        ("生态环境分局", "环"), ("交通运输局", "交"), ("应急管理局", "应急"), ("财政局", "财"), ("医疗保障局", "医保"), ("水利局", "水"),
    ];

    public static readonly (string Group, string Name)[] Topics =
    [
        ("综合政务", "政务公开"), ("综合政务", "应急管理"), ("国民经济管理、国有资产监管", "统计"), ("财政、金融、审计", "财政"),
        ("国土资源、能源", "土地"), ("农业、林业、水利", "农业、农村"), ("农业、林业、水利", "水利"), ("工业、交通", "交通"),
        ("市场监管、安全生产监管", "市场监管"), ("市场监管、安全生产监管", "安全生产"), ("城乡建设、环境保护", "城乡建设（含住房）"),
        ("城乡建设、环境保护", "环境监测、保护与治理"), ("科技、教育", "教育"), ("卫生、体育", "卫生"), ("劳动、人事、监察", "社会保障"),
        ("劳动、人事、监察", "就业"), ("民政、扶贫、救灾", "社会救助"), ("民政、扶贫、救灾", "社会福利"),
    ];

    public static readonly string[] Genres = ["通知", "公告", "公示", "意见", "办法", "方案", "通报", "报告", "批复", "解读", "统计数据", "其他"];

    private static readonly string[] Subjects =
    [
        "城乡低保", "最低生活保障", "特困人员救助供养", "临时救助", "医疗救助", "养老服务", "学生资助", "义务教育招生", "校园安全", "食品安全",
        "安全生产", "防汛抗旱", "森林防火", "耕地保护", "土地征收", "房屋征收", "房屋拆迁", "老旧小区改造", "公共租赁住房", "住房公积金",
        "城乡居民医保", "基本养老保险", "就业创业", "职业技能培训", "农民工工资支付", "乡村振兴", "农村人居环境整治", "高标准农田建设", "畜禽养殖污染治理", "大气污染防治",
        "水污染防治", "河长制", "道路交通安全", "农村公路建设", "政务公开", "优化营商环境", "政务服务", "招商引资", "财政预算", "财政决算",
        "政府采购", "审计整改", "税收优惠", "统计调查", "疫苗接种", "爱国卫生运动", "全民健身", "文物保护", "非物质文化遗产", "旅游发展",
        "消费者权益保护", "价格监测", "特种设备安全", "药品安全", "知识产权保护", "退役军人优抚", "残疾人两项补贴", "高龄津贴", "殡葬改革", "社区治理",
        "网格化管理", "信访工作", "法律援助", "人民调解", "禁毒工作", "消防安全", "燃气安全", "城乡供水保障", "冬季供暖", "生活垃圾分类",
        "城市管理", "停车管理", "市政道路维修", "公交运营", "电动自行车管理", "扶贫项目资产管理", "产业发展", "电商进农村", "粮食收购", "惠民惠农补贴",
        "耕地地力保护补贴", "农机购置补贴", "动物防疫", "林长制", "地质灾害防治", "矿山安全", "危险化学品管理", "应急物资储备", "国有资产管理", "公务用车管理",
        "公务员招录", "事业单位公开招聘", "教师招聘", "家庭医生签约服务", "分级诊疗", "婴幼儿照护服务", "妇女儿童发展", "未成年人保护", "双拥工作", "征兵工作",
        "人民防空", "气象灾害防御", "地震应急", "水资源管理", "节能降耗", "碳达峰碳中和", "数字政府建设", "公共数据开放", "12345热线", "营养改善计划",
    ];

    private static readonly string[] PlaceStems =
    [
        "城关", "东关", "西关", "南关", "北关", "李庄", "王屯", "柳园", "张寨", "赵堡", "孙楼", "刘店", "陈营", "杨集", "黄河",
        "新华", "人民", "解放", "建设", "朝阳", "红旗", "和平", "胜利", "光明", "幸福", "马庄", "高村", "周营", "吴桥", "郑店",
    ];

    private static readonly string[] PlaceSuffixes = ["镇", "乡", "街道", "村", "社区"];

    private static readonly string[] TitleTemplates =
    [
        "关于做好{y}年{s}工作的通知", "{c}{y}年{s}实施方案", "关于{p}{s}情况的公示", "关于印发《{c}{s}管理办法》的通知",
        "{c}{y}年{s}资金分配结果公示", "关于{p}{s}项目的批复", "{c}关于进一步加强{s}工作的意见", "{y}年第{q}季度{s}工作情况通报",
        "关于{p}土地征收补偿安置方案的公告", "关于{p}房屋拆迁补偿标准的公示", "《{c}{s}办法》政策解读", "{c}{y}年{s}统计公报",
        "关于开展{s}专项检查的通知", "{c}{s}领导小组成员名单", "关于{y}年度{s}考核结果的通报", "{c}{y}年{s}工作总结",
        "关于调整{s}标准的通知", "关于公布{y}年{s}名单的公告", "{p}{s}整改情况报告", "关于征求《{c}{s}实施细则（征求意见稿）》意见的公告",
    ];

    private static readonly string[] Sentences =
    [
        "为深入贯彻落实党中央、国务院关于{s}的决策部署，切实保障群众合法权益，结合我县实际，现就有关事项通知如下。",
        "各乡镇人民政府、街道办事处，县直各有关单位：",
        "{p}要高度重视{s}工作，成立由主要负责同志任组长的工作专班，明确责任分工，确保各项任务按期完成。",
        "本次共涉及{n}户{m}人，发放资金{a}万元，资金已于{d}前足额拨付到位。",
        "申请人应当向户籍所在地乡镇人民政府（街道办事处）提出书面申请，并如实提供家庭收入、财产等相关材料。",
        "经审核符合条件的，在村（社区）公示栏公示7日；公示无异议的，报县级主管部门审批。",
        "对弄虚作假、骗取补助资金的，依法依规追回资金，并追究相关人员责任。",
        "请各单位于{d}前将工作开展情况报送县{s}工作领导小组办公室，联系电话0373-{t}。",
        "县财政局、县审计局按照职责分工对{s}资金使用情况开展监督检查，接受社会监督。",
        "本文件自{d}起施行，有效期五年。此前有关规定与本文件不一致的，以本文件为准。",
        "依据《中华人民共和国政府信息公开条例》第二十条规定，现将{s}有关情况予以公开。",
        "下一步，我县将持续加大{s}工作力度，着力解决群众反映强烈的突出问题，不断增强人民群众获得感、幸福感、安全感。",
        "{p}共排查隐患{n}处，已整改{m}处，整改率达到{r}%。",
        "对公示内容如有异议，请在公示期内以书面形式向县{s}工作领导小组办公室反映。",
        "各有关单位要加强宣传引导，通过政府网站、微信公众号、村（社区）公示栏等渠道做好政策解读。",
    ];

    /// <summary>How many counties a catalogue of <paramref name="items"/> items has: 4 per million, at least 4, at most 384.</summary>
    public static int CountiesFor(long items) => (int)Math.Clamp((items + 999_999) / 1_000_000 * 4, 4, FirstCounties.Length + (CountyFirst.Length * CountySecond.Length));

    /// <summary>County <paramref name="index"/>: the first four, then 永城县, 永安县, … (each name once).</summary>
    public static string County(int index) => index < FirstCounties.Length
        ? FirstCounties[index]
        : CountyFirst[(index - FirstCounties.Length) / CountySecond.Length] + CountySecond[(index - FirstCounties.Length) % CountySecond.Length] + "县";

    public static string Agency(int index) => County(index / Departments.Length) + Departments[index % Departments.Length].Name;

    public static string Abbreviation(int index) => County(index / Departments.Length)[..1] + Departments[index % Departments.Length].Short;

    public static int AgencyCount(int counties) => counties * Departments.Length;

    /// <summary>
    /// Item <paramref name="index"/> of a catalogue of <paramref name="agencies"/> agencies; its index-number serial is
    /// index + 1 (unique, not per agency: this is load data).
    /// </summary>
    public static GeneratedItem Generate(long index, long searchKey, DateOnly publishedOn, int agencies)
    {
        var random = new Random(unchecked((int)(index * 2654435761L)));
        var agency = random.Next(agencies);
        var subject = Pick(random, Subjects);
        var place = Pick(random, PlaceStems) + Pick(random, PlaceSuffixes);
        var county = County(agency / Departments.Length);
        var written = publishedOn.AddDays(-random.Next(1, 25));
        var template = Pick(random, TitleTemplates);
        var title = Fill(template, random, subject, place, county, written);
        var kind = template.Contains("管理办法", StringComparison.Ordinal) || template.Contains("意见", StringComparison.Ordinal) ? 3
            : template.Contains("政策解读", StringComparison.Ordinal) ? 4
            : 1;
        var number = kind == 3 || random.Next(100) < 50
            ? string.Create(CultureInfo.InvariantCulture, $"{Abbreviation(agency)}〔{written.Year}〕{random.Next(1, 200)}号")
            : null;
        var body = new StringBuilder();
        var sentences = random.Next(3, 8);
        for (var i = 0; i < sentences; i++)
        {
            body.Append(Fill(Pick(random, Sentences), random, subject, place, county, written)).Append('\n');
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"11{410700 + (agency / Departments.Length):000000}MB{agency + 1:0000000}X");
        return new GeneratedItem(
            index,
            Guid.CreateVersion7(new DateTimeOffset(publishedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(index % 10_000_000)),
            agency,
            title,
            number,
            written,
            publishedOn,
            random.Next(Topics.Length),
            random.Next(Genres.Length),
            kind,
            $"公开{title}的主要内容，涉及{subject}的政策依据、适用对象和办理程序。",
            subject,
            body.ToString().TrimEnd('\n'),
            searchKey,
            string.Create(CultureInfo.InvariantCulture, $"{prefix}/{publishedOn.Year}-{index + 1:00000}"));
    }

    private static string Fill(string template, Random random, string subject, string place, string county, DateOnly date) => template
        .Replace("{s}", subject, StringComparison.Ordinal)
        .Replace("{p}", place, StringComparison.Ordinal)
        .Replace("{c}", county, StringComparison.Ordinal)
        .Replace("{y}", date.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{q}", "一二三四"[random.Next(4)].ToString(), StringComparison.Ordinal)
        .Replace("{n}", random.Next(12, 900).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{m}", random.Next(10, 800).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{a}", (random.Next(10, 9000) / 10.0).ToString("0.0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{r}", random.Next(80, 101).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{t}", random.Next(5000000, 5999999).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{d}", date.AddDays(random.Next(5, 40)).ToString("yyyy年M月d日", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
