using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>The issuing agency as letters need it (name, contact, and the regions that decide the 复议机关).</summary>
public sealed record LetterAgency(
    string Name, string? ShortName, string? Address, string? Phone, AgencyKind Kind, string? RegionName, string? ParentRegionName)
{
    /// <summary>
    /// The reconsideration body under the 2023 行政复议法 (Art. 24): the same-level people's government for a department,
    /// the next-level government for a government. Vertically managed departments differ: their agencies edit the
    /// template. Null when the region is not known.
    /// </summary>
    public string? ReconsiderationBody => Kind switch
    {
        AgencyKind.Government or AgencyKind.Township => ParentRegionName is { } parent ? parent + "人民政府" : null,
        _ => RegionName is { } region ? region + "人民政府" : null,
    };

    /// <summary>The agency with the names of its region and the parent region.</summary>
    public static async Task<LetterAgency> LoadAsync(GongkaiDbContext db, Guid agencyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
            .Select(a => new { a.Name, a.ShortName, a.Address, a.Phone, a.Kind, a.RegionId })
            .SingleAsync(cancellationToken);
        var region = await db.Regions.AsNoTracking().Where(r => r.Id == agency.RegionId).Select(r => new { r.Name, r.ParentId }).SingleOrDefaultAsync(cancellationToken);
        var parent = region?.ParentId is { } parentId
            ? await db.Regions.AsNoTracking().Where(r => r.Id == parentId).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new LetterAgency(agency.Name, agency.ShortName, agency.Address, agency.Phone, agency.Kind, region?.Name, parent);
    }
}

/// <summary>A template's text with its placeholders filled, and the placeholders that had no value.</summary>
public sealed record FilledText(string Text, IReadOnlyList<string> Missing);

/// <summary>
/// The placeholders of letter templates ({申请人}, {收到日期} …) and their values for one case. Placeholders are
/// Chinese names in braces; a placeholder without a value stays in the text, so staff see what still needs writing,
/// and submission refuses a letter that still has one. {文号} and {日期} are filled when the letter is issued.
/// </summary>
public static partial class LetterFields
{
    public const string Number = "文号";
    public const string Date = "日期";
    public const string ReplyReason = "答复理由";
    public const string CompetentAgencyField = "负责公开机关";

    private const int SummaryLength = 100;

    /// <summary>Every placeholder and what it stands for, for the template editor.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Reference { get; } =
    [
        ("机关名称", "作出答复的行政机关名称"),
        ("机关地址", "机关地址（指南中的地址）"),
        ("联系电话", "政府信息公开工作机构的联系电话"),
        ("申请人", "申请人姓名或名称"),
        ("第三方", "征求意见的第三方或其他机关（即收件人）"),
        ("登记号", "申请的登记号"),
        ("查询码", "申请人查询办理进度用的查询码"),
        ("收到日期", "依条例第三十一条确定的收到申请之日"),
        ("收到方式", "申请的提交方式"),
        ("申请内容摘要", "所需信息的描述（超过100字时截取）"),
        ("提供形式", "申请人要求的信息提供形式"),
        ("获取方式", "申请人要求的获取方式"),
        ("答复期限", "当前的答复期限（含延期、补正、征求意见的调整）"),
        ("答复依据", "办理结果的法律依据（答复书）"),
        (ReplyReason, "答复理由（答复书；在文书的“答复理由”中填写，签发时记入办理记录）"),
        (CompetentAgencyField, "负责公开该信息的行政机关名称和联系方式（不属于本机关负责公开的答复书；在文书的“负责公开的机关”中填写）"),
        ("救济途径", "行政复议、行政诉讼告知（不予公开的，写明复议前置）"),
        ("复议机关", "行政复议机关（本级或上一级人民政府）"),
        ("补正告知日期", "发出补正告知的日期"),
        ("补正事项", "需要补正的事项"),
        ("补正期限", "补正期限"),
        ("延期天数", "延长的工作日数"),
        ("延期理由", "延期理由"),
        ("收费依据", "《政府信息公开信息处理费管理办法》"),
        ("收费计算", "按件或按量的超额累进计算过程"),
        ("收费金额", "应缴金额（元）"),
        ("收费通知日期", "发出收费通知的日期"),
        (Number, "文号（签发时编号）"),
        (Date, "成文日期（签发之日）"),
    ];

    /// <summary>Placeholders filled only when the letter is issued.</summary>
    public static IReadOnlyList<string> FilledOnApproval { get; } = [Number, Date];

    /// <summary>The values for a letter of <paramref name="kind"/> about <paramref name="application"/>.</summary>
    /// <param name="kind">The kind of letter.</param>
    /// <param name="agency">The issuing agency.</param>
    /// <param name="application">The stored application (applicant, request, numbers).</param>
    /// <param name="current">The case as the engine sees it now.</param>
    /// <param name="rules">The calendar and deadline policy.</param>
    /// <param name="recipient">The addressee (for consultation letters, the consulted party).</param>
    /// <param name="fee">A fee computed for a notice not yet recorded on the case; otherwise the case's own fee notice is used.</param>
    public static Dictionary<string, string> For(
        LetterKind kind, LetterAgency agency, ApplicationRecord application, DisclosureApplication current, CaseRules rules, string? recipient, FeeQuote? fee = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(rules);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value.Trim();
            }
        }

        Set("机关名称", agency.Name);
        Set("机关地址", agency.Address);
        Set("联系电话", agency.Phone);
        Set("申请人", application.ApplicantName);
        Set("登记号", application.Number);
        Set("查询码", application.ReceiptCode);
        // An online application awaiting the agency's confirmation has arrived but has no receipt date yet.
        Set("收到日期", DateText.Chinese(current.Receipt.ReceiptDate ?? current.Receipt.ArrivedOn));
        Set("收到方式", Gongkai.Applications.Receipt.Label(current.Receipt.Channel));
        Set("申请内容摘要", Summary(application.Description));
        Set("提供形式", application.RequestedForm?.Label());
        Set("获取方式", application.DeliveryPreference?.Label());
        if (current.Receipt.IsAwaitingConfirmation)
        {
            Set("答复期限", OnlineReceiptRules.DueAwaitingConfirmation);
        }
        else if (kind.Id == LetterCatalogue.Receipt && current.Receipt.ReceiptDate is { } receivedOn)
        {
            // A receipt states the statutory period as it stood on receipt, whatever happened later.
            var statutory = rules.Calendar.AddWorkingDays(receivedOn, rules.Policy.ReplyWorkingDays);
            Set("答复期限", ProvisionalDate.Chinese(statutory, ProvisionalDate.MissingYears(rules.Calendar, receivedOn, statutory)));
        }
        else if (current.Deadline(rules) is { Due: { } due } deadline)
        {
            Set("答复期限", ProvisionalDate.Chinese(due, deadline.MissingYears));
        }

        var reconsiderationBody = agency.ReconsiderationBody;
        Set("复议机关", reconsiderationBody);
        if (kind.Outcome is { } outcome)
        {
            Set("答复依据", LegalBasis(kind));
            if (current.Reply is { } reply && reply.Outcome == outcome)
            {
                Set(ReplyReason, reply.Reason?.TrimEnd('。', '.', ' '));
            }
        }

        if (kind.Remedy is { } remedy)
        {
            var clause = Fill(LetterCatalogue.Remedies[remedy], values);
            Set("救济途径", clause.Text);
        }

        if (kind.Audience != LetterAudience.Applicant)
        {
            Set("第三方", recipient);
        }

        if (current.Correction is { } correction)
        {
            Set("补正告知日期", DateText.Chinese(correction.Date));
            Set("补正事项", correction.Items);
            Set("补正期限", DateText.Chinese(correction.CorrectBy));
        }

        if (current.Extension is { } extension)
        {
            Set("延期天数", extension.WorkingDays.ToString(CultureInfo.InvariantCulture));
            Set("延期理由", extension.Reason.TrimEnd('。', '.', ' '));
        }

        Set("收费依据", InformationProcessingFee.Basis);
        if (current.FeeNotice is { } notice)
        {
            Set("收费通知日期", DateText.Chinese(notice.Date));
        }

        if ((fee ?? current.FeeNotice?.Fee) is { } quote)
        {
            Set("收费计算", string.Join('\n', quote.ToChinese().Split('\n').Select(line => line.Trim())));
            Set("收费金额", quote.Amount.ToString("#,0.##", CultureInfo.InvariantCulture));
        }

        return values;
    }

    /// <summary>
    /// Values for previewing a template in the editor: the agency's own details and a fictitious case, so every
    /// placeholder shows what it will look like. Only placeholders that exist get a value.
    /// </summary>
    public static Dictionary<string, string> Sample(LetterKind kind, LetterAgency agency, DateOnly today, DateOnly due, string? numberPattern)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(agency);
        var fee = InformationProcessingFee.ByPages(150);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["机关名称"] = agency.Name,
            ["机关地址"] = agency.Address ?? "（机关地址）",
            ["联系电话"] = agency.Phone ?? "（联系电话）",
            ["申请人"] = "张某某",
            ["第三方"] = "某某有限公司",
            ["登记号"] = today.Year.ToString(CultureInfo.InvariantCulture) + "-0001",
            ["查询码"] = "ABCD234567",
            ["收到日期"] = DateText.Chinese(today),
            ["收到方式"] = Gongkai.Applications.Receipt.Label(ReceiptChannel.Online),
            ["申请内容摘要"] = "本单位" + (today.Year - 1).ToString(CultureInfo.InvariantCulture) + "年度部门预算执行情况",
            ["提供形式"] = RequestedForm.Electronic.Label(),
            ["获取方式"] = DeliveryPreference.Email.Label(),
            ["答复期限"] = DateText.Chinese(due),
            ["答复依据"] = kind.Outcome is not null ? LegalBasis(kind) : "（答复依据）",
            [CompetentAgencyField] = new CompetentAgency("某某县自然资源局", CompetentAgency.ContactOf("某某县人民路1号", "0373-5000000")).Sentence,
            ["答复理由"] = "（此处为具体理由）",
            ["复议机关"] = agency.ReconsiderationBody ?? "（复议机关）",
            ["补正告知日期"] = DateText.Chinese(today),
            ["补正事项"] = "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。",
            ["补正期限"] = DateText.Chinese(due),
            ["延期天数"] = "20",
            ["延期理由"] = "所需信息需要调取档案并进行保密审查",
            ["收费依据"] = InformationProcessingFee.Basis,
            ["收费计算"] = string.Join('\n', fee.ToChinese().Split('\n').Select(line => line.Trim())),
            ["收费金额"] = fee.Amount.ToString("#,0.##", CultureInfo.InvariantCulture),
            ["收费通知日期"] = DateText.Chinese(today),
            [Date] = DateText.Chinese(today),
        };
        values["救济途径"] = kind.Remedy is { } remedy ? Fill(LetterCatalogue.Remedies[remedy], values).Text : "";
        if (!string.IsNullOrWhiteSpace(numberPattern))
        {
            values[Number] = LetterNumbers.Format(LetterNumbers.Series(numberPattern, agency.ShortName ?? agency.Name, today.Year), 1);
        }

        return values;
    }

    /// <summary>The provisions a reply of <paramref name="kind"/> cites: its outcome's, or 第三十六条第（五）项 alone for <see cref="LetterCatalogue.NotThisAgency"/>.</summary>
    public static string LegalBasis(LetterKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Id == LetterCatalogue.NotThisAgency ? CompetentAgency.LegalBasis
            : kind.Outcome is { } outcome ? Outcomes.Get(outcome).LegalBasis : "";
    }

    /// <summary>Replaces every placeholder that has a value; lists, in order of appearance, those that have none.</summary>
    public static FilledText Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var missing = new List<string>();
        var text = PlaceholderPattern().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (values.TryGetValue(name, out var value))
            {
                return value;
            }

            if (!missing.Contains(name, StringComparer.Ordinal))
            {
                missing.Add(name);
            }

            return match.Value;
        });
        return new FilledText(text, missing);
    }

    /// <summary>The placeholders still in a text, in order of appearance.</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text ?? "").Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>A legal date as letters write it: 2024年6月17日.</summary>
    /// <summary>The request on one line, cut at 100 characters (a letter quotes it, the file holds all of it).</summary>
    public static string Summary(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var oneLine = new StringBuilder();
        foreach (var part in description.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (oneLine.Length > 0)
            {
                oneLine.Append(' ');
            }

            oneLine.Append(part);
        }

        var text = oneLine.ToString();
        return text.Length <= SummaryLength ? text : string.Concat(text.AsSpan(0, SummaryLength), "……");
    }

    [GeneratedRegex(@"\{([^{}\s]{1,12})\}")]
    private static partial Regex PlaceholderPattern();
}
