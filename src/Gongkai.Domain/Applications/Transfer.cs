namespace Gongkai.Applications;

/// <summary>
/// The agency that is responsible for disclosing information this agency does not (条例第三十六条第（五）项: 不属于本机关
/// 负责公开的，告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式). The reply
/// counts in table 三 as <see cref="Outcome.UnableNotHeld"/> (（四）1, the crosswalk of rules.md §2.1).
/// Invariant: <see cref="Name"/> and <see cref="Contact"/> are trimmed and not empty (<see cref="Create"/> checks them).
/// </summary>
/// <param name="Name">The competent agency's full name, e.g. 示范县自然资源局.</param>
/// <param name="Contact">How to reach it: address and telephone, as its guide gives them.</param>
public sealed record CompetentAgency(string Name, string Contact)
{
    public const int MaxNameLength = 100;
    public const int MaxContactLength = 300;

    /// <summary>The provision a reply naming the competent agency cites (its {答复依据}).</summary>
    public const string LegalBasis = "《中华人民共和国政府信息公开条例》第三十六条第（五）项";

    /// <summary>What the reply letter says of it (its {负责公开机关}), e.g. 负责公开该政府信息的行政机关为示范县自然资源局，联系方式：…。</summary>
    public string Sentence => $"负责公开该政府信息的行政机关为{Name}，联系方式：{Contact}。";

    /// <summary>The competent agency from what staff typed, or the Chinese reason it cannot be used (then the agency is null).</summary>
    public static (CompetentAgency? Agency, string? Problem) Create(string? name, string? contact)
    {
        var trimmedName = name?.Trim() ?? "";
        var trimmedContact = contact?.Trim() ?? "";
        if (trimmedName.Length == 0)
        {
            return (null, "请填写负责公开该信息的行政机关名称。");
        }

        if (trimmedName.Length > MaxNameLength)
        {
            return (null, $"机关名称不能超过{MaxNameLength}个字。");
        }

        if (trimmedContact.Length == 0)
        {
            return (null, "请填写该机关的联系方式（地址、电话），条例第三十六条第（五）项要求告知申请人。");
        }

        return trimmedContact.Length > MaxContactLength
            ? (null, $"联系方式不能超过{MaxContactLength}个字。")
            : (new CompetentAgency(trimmedName, trimmedContact), null);
    }

    /// <summary>An agency's contact as its guide gives it: address and telephone, either may be missing; empty when both are.</summary>
    public static string ContactOf(string? address, string? phone) =>
        string.Join("，", new[] { string.IsNullOrWhiteSpace(address) ? null : "地址：" + address.Trim(), string.IsNullOrWhiteSpace(phone) ? null : "电话：" + phone.Trim() }
            .Where(part => part is not null));
}

/// <summary>
/// Whether an application answered as not this agency's may be forwarded to the competent agency as a new application
/// there: only with the applicant's consent (asked on the form, no by default), only to another agency, only once.
/// </summary>
public static class Forwarding
{
    /// <summary>The question of the application forms (portal and staff registration), in plain words.</summary>
    public const string ConsentQuestion = "不属于本机关负责公开时，是否同意转送";

    /// <summary>What the forms explain under the question.</summary>
    public const string ConsentHint =
        "如经审查，您申请的信息由本平台上的另一个机关负责公开，同意后本机关可以把您的申请（含您填写的信息）转送该机关，作为向该机关提出的新申请办理；不同意的，本机关在答复中告知该机关的名称和联系方式，由您自行申请。";

    /// <summary>The applicant's answer as the forms and the case page say it.</summary>
    public static string ConsentLabel(bool agrees) => agrees ? "同意转送" : "不同意转送";

    /// <summary>The facts the rule looks at.</summary>
    /// <param name="Consent">The applicant agreed on the form to be forwarded.</param>
    /// <param name="FromAgency">The agency that holds the case.</param>
    /// <param name="ToAgency">The competent agency on the platform named by the case's issued reply, or null when none is.</param>
    /// <param name="AlreadyForwardedTo">The agency and number it was forwarded to, when it already was.</param>
    public sealed record Request(bool Consent, Guid FromAgency, Guid? ToAgency, string? AlreadyForwardedTo);

    /// <summary>Why the case cannot be forwarded, in Chinese saying what to do instead, or null when it can.</summary>
    public static string? Refusal(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AlreadyForwardedTo is { } forwarded)
        {
            return $"本申请已经转送{forwarded}，不能再次转送。";
        }

        if (request.ToAgency is not { } to)
        {
            return "只有已签发“不属于本机关负责公开”答复书、且答复书所告知的负责公开机关在本平台上的申请，才能转送。";
        }

        if (to == request.FromAgency)
        {
            return "答复书告知的负责公开机关是本机关，不能转送给本机关。";
        }

        return request.Consent ? null : "申请人没有同意转送，不能转送；答复书已告知申请人负责公开的机关及其联系方式，可由申请人向该机关另行申请。";
    }
}
