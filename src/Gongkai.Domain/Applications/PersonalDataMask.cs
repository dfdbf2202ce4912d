using System.Text.RegularExpressions;

namespace Gongkai.Applications;

/// <summary>
/// The one place personal data is masked for display: identity numbers (18-digit resident numbers with their check
/// character, and the old 15-digit ones), mobile and landline phone numbers, and addresses after their district and
/// town or street part. Masking keeps enough to recognise the value (the first and last characters, the area code,
/// the district) and replaces the rest with *. Each method returns its input unchanged when it is not of its form
/// (a value that fits nothing is shown masked entirely by <see cref="Other"/>); none throws except on null.
/// </summary>
public static partial class PersonalDataMask
{
    /// <summary>110105194912310021 → 110***********0021; a 15-digit number the same way; other document numbers keep 2 + 2.</summary>
    public static string IdentityNumber(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return ResidentNumber().IsMatch(trimmed) ? Keep(trimmed, 3, 4) : Other(trimmed);
    }

    /// <summary>13800138000 → 138****8000; 0373-5551234 → 0373-*****34; anything else keeps 2 + 2.</summary>
    public static string Phone(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (Mobile().IsMatch(trimmed))
        {
            return Keep(trimmed, 3, 4);
        }

        var landline = Landline().Match(trimmed);
        return landline.Success
            ? landline.Groups["area"].Value + landline.Groups["sep"].Value + Keep(landline.Groups["number"].Value, 0, 2)
            : Other(trimmed);
    }

    /// <summary>示范县城关镇李庄村3组12号 → 示范县城关镇***: the part up to the last district and town or street is kept.</summary>
    public static string Address(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        var match = AddressHead().Match(trimmed);
        return match.Success && match.Length < trimmed.Length ? match.Value + "***" : Other(trimmed);
    }

    /// <summary>
    /// Personal data found anywhere in a text, masked in place (for text about to be published): every datum
    /// <see cref="Find"/> detects, replaced by its mask.
    /// </summary>
    public static string Text(string text) => Apply(text, Find(text));

    /// <summary>
    /// The personal data in a text, in order and not overlapping: identity and phone numbers; addresses down to a
    /// house — a road, street, village or estate followed by a number with its unit (号, 组, 栋, 单元, 室, 楼 …) — masked
    /// after their last district, town or street as <see cref="Address"/> does, else after the road's or village's name;
    /// whatever follows 住址, 家住, 住在 up to the next punctuation, masked as <see cref="Address"/>; a private name after
    /// 申请人, 联系人, 留言人, 姓名 and the like, before 先生 or 女士, or alone on a letter's salutation line (张三：), kept to
    /// its surname; and every occurrence of the <paramref name="known"/> values (the case's own applicant, contact,
    /// numbers and address), whatever their form.
    /// </summary>
    /// <remarks>
    /// Heuristics, stated: an address is recognised only with its house number or after a word of residence, so agency
    /// names, place names and document titles (示范县城区道路交通管理办法, 人民路小学) stay as written; a name is recognised
    /// only when it starts with one of the common surnames (<see cref="Surnames"/>), so "申请人应当…" is not a name, and a
    /// surname alone (王女士) is left, as it names nobody. Surnames that are far more often words after these markers
    /// (于, 向, 应, 和, 时, 全, 明, 成, 解, 查, 单, 关, 安, 文, 常 …) are left out.
    /// </remarks>
    public static IReadOnlyList<PersonalDatum> Find(string text, IEnumerable<KnownPersonalDatum>? known = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<PersonalDatum>();

        void Add(int start, int length, PersonalDataKind kind, string masked)
        {
            if (length > 0 && !found.Exists(d => start < d.Start + d.Length && d.Start < start + length))
            {
                found.Add(new PersonalDatum(start, length, kind, text.Substring(start, length), masked));
            }
        }

        foreach (var value in known ?? [])
        {
            var needle = value.Value.Trim();
            if (needle.Length < 2)
            {
                continue;
            }

            for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
            {
                Add(at, needle.Length, value.Kind, Mask(value.Kind, needle));
            }
        }

        foreach (Match m in ResidentNumberInText().Matches(text))
        {
            Add(m.Index, m.Length, PersonalDataKind.IdentityNumber, Keep(m.Value, 3, 4));
        }

        foreach (Match m in MobileInText().Matches(text))
        {
            Add(m.Index, m.Length, PersonalDataKind.Phone, Keep(m.Value, 3, 4));
        }

        foreach (Match m in LandlineInText().Matches(text))
        {
            Add(m.Index, m.Length, PersonalDataKind.Phone, m.Groups["area"].Value + m.Groups["sep"].Value + Keep(m.Groups["number"].Value, 0, 2));
        }

        foreach (Match m in AddressInText().Matches(text))
        {
            Add(m.Index, m.Length, PersonalDataKind.Address, MaskAddress(m));
        }

        foreach (Match m in AddressAfterResidence().Matches(text))
        {
            var address = m.Groups["address"];
            Add(address.Index, address.Length, PersonalDataKind.Address, Address(address.Value));
        }

        foreach (var names in new[] { NameAfterMarker(), NameBeforeTitle(), NameOnSalutation() })
        {
            foreach (Match m in names.Matches(text))
            {
                var name = m.Groups["name"];
                Add(name.Index, name.Length, PersonalDataKind.Name, Mask(PersonalDataKind.Name, name.Value));
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>The text with each of <paramref name="data"/> (found in this very text by <see cref="Find"/>) replaced by its mask.</summary>
    public static string Apply(string text, IEnumerable<PersonalDatum> data)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(data);
        var builder = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var datum in data.OrderBy(d => d.Start))
        {
            if (datum.Start < at || datum.Start + datum.Length > text.Length)
            {
                continue;
            }

            builder.Append(text, at, datum.Start - at).Append(datum.Masked);
            at = datum.Start + datum.Length;
        }

        return builder.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>A value of the given kind masked as that kind is everywhere (a name keeps its first character).</summary>
    public static string Mask(PersonalDataKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return kind switch
        {
            PersonalDataKind.IdentityNumber => IdentityNumber(value),
            PersonalDataKind.Phone => Phone(value),
            PersonalDataKind.Address => Address(value),
            _ => value.Length <= 1 ? "*" : value[..1] + new string('*', value.Length - 1),
        };
    }

    /// <summary>The common Chinese surnames a name after a marker must start with (minus those that are usually words, see <see cref="Text"/>).</summary>
    public const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆卓缪芦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝";

    private static readonly System.Buffers.SearchValues<char> AddressBoundaries = System.Buffers.SearchValues.Create("省市区县旗镇乡");

    // Keeps the address up to its last district, town or street (市, 区, 县, 旗, 镇, 乡, 街道) inside the matched name, else
    // up to the road's or village's name, and masks the rest.
    private static string MaskAddress(Match match)
    {
        var name = match.Groups["name"].Value;
        var boundary = name.AsSpan().LastIndexOfAny(AddressBoundaries);
        var street = name.LastIndexOf("街道", StringComparison.Ordinal);
        var keep = Math.Max(boundary + 1, street >= 0 ? street + 2 : 0);
        return keep > 0 ? name[..keep] + "***" : name + match.Groups["kind"].Value + "***";
    }

    /// <summary>A value of no known form: its first and last characters when it is long enough, otherwise all *.</summary>
    public static string Other(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length >= 6 ? Keep(value, 2, 2) : new string('*', value.Length);
    }

    private static string Keep(string value, int head, int tail) =>
        value.Length <= head + tail ? new string('*', value.Length) : value[..head] + new string('*', value.Length - head - tail) + value[^tail..];

    [GeneratedRegex(@"^(\d{17}[\dXx]|\d{15})$")]
    private static partial Regex ResidentNumber();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(?<area>0\d{2,3})(?<sep>[-\s]?)(?<number>\d{7,8})$")]
    private static partial Regex Landline();

    // The administrative parts from the start (省, 市, 区, 县; names may hold 乡 or 旗, as 新乡市 or 红旗区 do; 社区 and
    // 小区 are not districts), then a town, township or street (镇, 乡, 街道) if one follows.
    [GeneratedRegex(@"^(?:[^省市区县镇街]{1,12}?(?:省|市|(?<!社|小)区|县))+(?:[^镇乡街]{1,12}?(?:街道|镇|乡))?")]
    private static partial Regex AddressHead();

    [GeneratedRegex(@"(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])")]
    private static partial Regex ResidentNumberInText();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex MobileInText();

    [GeneratedRegex(@"(?<!\d)(?<area>0\d{2,3})(?<sep>-)(?<number>\d{7,8})(?!\d)")]
    private static partial Regex LandlineInText();

    // 李庄村3组12号, 人民路12号院3号楼2单元301室, 新华社区2组8号: a name, its kind, and a number with a unit, then more.
    [GeneratedRegex(@"(?<name>[\u4e00-\u9fa5]{1,10}?)(?<kind>大道|社区|小区|花园|家园|公寓|大厦|路|街|巷|村)(?<detail>[\u4e00-\u9fa5]{0,2}?\d+[\d\-－]*(?:号楼|号院|号|组|栋|幢|单元|室|楼|层)(?:[\d\-－]*\d+[\d\-－]*(?:号楼|号院|号|组|栋|幢|单元|室|楼|层))*)")]
    private static partial Regex AddressInText();

    // 申请人张三, 联系人：王小明, 姓名：李四 — a surname and one or two more characters after the marker.
    [GeneratedRegex(@"(?:申请人|联系人|留言人|反映人|投诉人|举报人|当事人|代理人|户主|姓名)[：:\s]*(?<name>[" + Surnames + @"](?:(?!电话|手机|联系|身份|住址|地址|反映|称|于|在|的|和|及|等|现|家|是|因|向|对|要|已|未|申|请|先生|女士)[\u4e00-\u9fa5]){1,2})")]
    private static partial Regex NameAfterMarker();

    // 张三先生, 王小明女士 at the start of a clause (a surname alone, 王女士, is not a name; "感谢王女士" is not 谢王).
    [GeneratedRegex(@"(?<=^|[\s，。、；：:（(“""《])(?<name>[" + Surnames + @"][\u4e00-\u9fa5]{1,2}?)(?=先生|女士)", RegexOptions.Multiline)]
    private static partial Regex NameBeforeTitle();

    // A letter's salutation line: 张三： alone on its line.
    [GeneratedRegex(@"^\s*(?<name>[" + Surnames + @"][\u4e00-\u9fa5]{1,2})(?<!先生|女士)\s*[：:]\s*$", RegexOptions.Multiline)]
    private static partial Regex NameOnSalutation();

    // 住址：河南省新乡市…, 家住示范县城关镇李庄村, 住在 up to the next punctuation.
    [GeneratedRegex(@"(?:住址|家住|住在|居住在)[：:\s]*(?<address>[\u4e00-\u9fa5\d\-－]{3,40})")]
    private static partial Regex AddressAfterResidence();
}

/// <summary>What a detected personal datum is.</summary>
public enum PersonalDataKind
{
    IdentityNumber = 1,
    Phone = 2,
    Address = 3,
    Name = 4,
}

/// <summary>The words for each kind of personal datum, as the pages show them.</summary>
public static class PersonalDataKinds
{
    public static string Label(this PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.IdentityNumber => "证件号码",
        PersonalDataKind.Phone => "电话号码",
        PersonalDataKind.Address => "住址",
        PersonalDataKind.Name => "姓名",
        _ => kind.ToString(),
    };
}

/// <summary>
/// Personal data found in a text: where (<see cref="Start"/>, <see cref="Length"/> in UTF-16 units of that text), what
/// kind, the text as written and its mask. Data found in one text never overlap.
/// </summary>
public sealed record PersonalDatum(int Start, int Length, PersonalDataKind Kind, string Original, string Masked);

/// <summary>A value known to be personal (the case's applicant name, number, phone, address), found wherever it is written.</summary>
public sealed record KnownPersonalDatum(PersonalDataKind Kind, string Value);
