using Gongkai.Data.Applications;

namespace Gongkai.Web.Letters;

/// <summary>The words and marks of a letter's sign-off state, the same on the letter, the case's letters and 工作台, and the API's keys.</summary>
public static class LetterStates
{
    public static string Label(LetterStatus status) => status switch
    {
        LetterStatus.Draft => "草稿",
        LetterStatus.Submitted => "待审批",
        LetterStatus.Returned => "已退回",
        LetterStatus.Approved => "已审批待签发",
        LetterStatus.Issued => "已签发",
        _ => status.ToString(),
    };

    /// <summary>The page heading's first words.</summary>
    public static string Heading(LetterStatus status) => status switch
    {
        LetterStatus.Issued => "已签发文书",
        LetterStatus.Draft => "文书草稿",
        _ => "文书",
    };

    /// <summary>The badge class (the queue's marks: ok, soon, overdue).</summary>
    public static string Css(LetterStatus status) => status switch
    {
        LetterStatus.Issued => "ok",
        LetterStatus.Returned => "overdue",
        _ => "soon",
    };

    /// <summary>The JSON API's word for the state.</summary>
    public static string Key(LetterStatus status) => status switch
    {
        LetterStatus.Draft => "draft",
        LetterStatus.Submitted => "submitted",
        LetterStatus.Returned => "returned",
        LetterStatus.Approved => "approved",
        LetterStatus.Issued => "issued",
        _ => status.ToString(),
    };
}

/// <summary>
/// The agency's sign-off (审批) as one set of rules, for letters and for replies to messages (留言) alike: the handler
/// submits a draft or a returned text, the reviewer approves it or returns it with a reason (also after approval, while
/// not issued), and only an approved text is issued. <c>noun</c> names what is signed off in the messages (文书, 答复).
/// </summary>
public static class SignOff
{
    public const int MaxReturnReasonLength = 1000;

    public static bool CanEdit(LetterStatus status) => status is LetterStatus.Draft or LetterStatus.Returned;

    public static bool CanSubmit(LetterStatus status) => status is LetterStatus.Draft or LetterStatus.Returned;

    public static bool CanApprove(LetterStatus status) => status == LetterStatus.Submitted;

    public static bool CanReturn(LetterStatus status) => status is LetterStatus.Submitted or LetterStatus.Approved;

    public static bool CanIssue(LetterStatus status) => status == LetterStatus.Approved;

    public static string ReturnReasonMissing(string noun) => $"请填写退回理由，经办人据此修改{(noun == "文书" ? "" : noun)}。";

    /// <summary>Why the reason cannot be used to return the text, or null.</summary>
    public static string? ReturnReasonProblem(string? reason, string noun) =>
        string.IsNullOrWhiteSpace(reason) ? ReturnReasonMissing(noun)
        : reason.Trim().Length > MaxReturnReasonLength ? $"退回理由不能超过{MaxReturnReasonLength}个字。"
        : null;

    public static string AlreadySubmitted(string noun) => $"该{noun}已经提交审批，不能再次提交。";

    /// <summary>Why a text in <paramref name="status"/> cannot be approved or returned.</summary>
    public static string NotAwaitingApproval(LetterStatus status, string noun) => status switch
    {
        LetterStatus.Draft or LetterStatus.Returned => $"该{noun}尚未提交审批。",
        LetterStatus.Approved => $"该{noun}已经审批同意，不能再次审批。",
        LetterStatus.Issued => $"该{noun}已经签发，不能再审批。",
        _ => $"该{noun}不在待审批状态。",
    };

    /// <summary>Why a text in <paramref name="status"/> cannot be issued.</summary>
    public static string NotIssuable(LetterStatus status, string noun) =>
        status == LetterStatus.Issued ? $"该{noun}已经签发，不能再次签发。" : $"{noun}须经审核人审批同意后才能签发。";
}
