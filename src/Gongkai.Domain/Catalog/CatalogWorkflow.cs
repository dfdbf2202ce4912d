namespace Gongkai.Catalog;

/// <summary>Where one version of a catalogue item stands in its review before release.</summary>
public enum CatalogStatus
{
    /// <summary>草稿: being written; the only state in which the content can change.</summary>
    Draft = 1,

    /// <summary>待保密审查: submitted; waiting for the confidentiality review.</summary>
    InConfidentialityReview = 2,

    /// <summary>待审批: passed the confidentiality review; waiting for approval.</summary>
    AwaitingApproval = 3,

    /// <summary>待发布: approved; waiting for the publisher.</summary>
    Approved = 4,

    /// <summary>已发布: public. Frozen: a correction is a new version.</summary>
    Published = 5,

    /// <summary>已撤回: taken off the portal, with a reason.</summary>
    Withdrawn = 6,

    /// <summary>已被新版本替代: a later version of the same item was published.</summary>
    Superseded = 7,
}

/// <summary>What kind of information an item is; rules and normative documents feed table 二（一）.</summary>
public enum CatalogItemKind
{
    /// <summary>其他政府信息.</summary>
    General = 1,

    /// <summary>规章.</summary>
    Rule = 2,

    /// <summary>行政规范性文件.</summary>
    NormativeDocument = 3,

    /// <summary>政策解读: explains another item.</summary>
    Interpretation = 4,
}

/// <summary>公开方式 of an item in the catalogue.</summary>
public enum DisclosureMode
{
    /// <summary>主动公开: the full text is on the portal.</summary>
    Proactive = 1,

    /// <summary>依申请公开: the catalogue lists it; the text is obtained by applying.</summary>
    OnRequest = 2,
}

/// <summary>A step of the workflow, as recorded in an item's history.</summary>
public enum CatalogAction
{
    Created = 1,
    Edited = 2,
    Submitted = 3,
    ConfidentialityPassed = 4,
    ConfidentialityReturned = 5,
    Approved = 6,
    ApprovalReturned = 7,
    Published = 8,
    Withdrawn = 9,
    NewVersion = 10,
    Superseded = 11,
    Imported = 12,
    RepealRecorded = 13,
    AttachmentAdded = 14,
    AttachmentRemoved = 15,
}

/// <summary>What the signed-in person may do in the workflow (from their roles) and who they are.</summary>
/// <param name="UserId">The person.</param>
/// <param name="CanDraft">经办人、审核人、发布人 draft items.</param>
/// <param name="CanReview">审核人 do the confidentiality review and the approval.</param>
/// <param name="CanPublish">发布人 publish, withdraw and record a repeal.</param>
public sealed record CatalogActor(Guid UserId, bool CanDraft, bool CanReview, bool CanPublish);

/// <summary>A workflow step the rules refuse, with the reason in Chinese.</summary>
public sealed class CatalogRuleException(string message) : Exception(message);

/// <summary>
/// The review before release (保密审查 and approval, 三审三校 in short): draft → 保密审查 → 审批 → 发布, each
/// step by a person with the right role; nobody reviews or approves what they drafted themselves (the reviewer may do
/// both the confidentiality review and the approval, which stay two recorded steps); a return goes back to draft
/// with a reason; a published version is frozen and corrected only by a new version going through the same review;
/// withdrawal needs a reason. Pure: the caller loads the item and saves the result.
/// </summary>
public static class CatalogWorkflow
{
    public static string StatusLabel(CatalogStatus status) => status switch
    {
        CatalogStatus.Draft => "草稿",
        CatalogStatus.InConfidentialityReview => "待保密审查",
        CatalogStatus.AwaitingApproval => "待审批",
        CatalogStatus.Approved => "待发布",
        CatalogStatus.Published => "已发布",
        CatalogStatus.Withdrawn => "已撤回",
        CatalogStatus.Superseded => "已被新版本替代",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string KindLabel(CatalogItemKind kind) => kind switch
    {
        CatalogItemKind.General => "其他政府信息",
        CatalogItemKind.Rule => "规章",
        CatalogItemKind.NormativeDocument => "行政规范性文件",
        CatalogItemKind.Interpretation => "政策解读",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ModeLabel(DisclosureMode mode) => mode switch
    {
        DisclosureMode.Proactive => "主动公开",
        DisclosureMode.OnRequest => "依申请公开",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static string ActionLabel(CatalogAction action) => action switch
    {
        CatalogAction.Created => "起草",
        CatalogAction.Edited => "修改草稿",
        CatalogAction.Submitted => "提交保密审查",
        CatalogAction.ConfidentialityPassed => "保密审查通过",
        CatalogAction.ConfidentialityReturned => "保密审查退回",
        CatalogAction.Approved => "审批同意",
        CatalogAction.ApprovalReturned => "审批退回",
        CatalogAction.Published => "发布",
        CatalogAction.Withdrawn => "撤回",
        CatalogAction.NewVersion => "创建新版本",
        CatalogAction.Superseded => "被新版本替代",
        CatalogAction.Imported => "批量导入",
        CatalogAction.RepealRecorded => "登记废止",
        CatalogAction.AttachmentAdded => "上传附件",
        CatalogAction.AttachmentRemoved => "删除附件",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>True when the rules allow the step; otherwise <paramref name="refusal"/> says why in Chinese.</summary>
    public static bool IsAllowed(CatalogStatus status, CatalogAction action, CatalogActor actor, Guid draftedBy, out string? refusal)
    {
        refusal = Refusal(status, action, actor, draftedBy);
        return refusal is null;
    }

    /// <summary>The status after an allowed step.</summary>
    /// <exception cref="CatalogRuleException">The rules refuse the step.</exception>
    public static CatalogStatus Apply(CatalogStatus status, CatalogAction action, CatalogActor actor, Guid draftedBy)
    {
        if (Refusal(status, action, actor, draftedBy) is { } refusal)
        {
            throw new CatalogRuleException(refusal);
        }

        return action switch
        {
            CatalogAction.Submitted => CatalogStatus.InConfidentialityReview,
            CatalogAction.ConfidentialityPassed => CatalogStatus.AwaitingApproval,
            CatalogAction.ConfidentialityReturned or CatalogAction.ApprovalReturned => CatalogStatus.Draft,
            CatalogAction.Approved => CatalogStatus.Approved,
            CatalogAction.Published => CatalogStatus.Published,
            CatalogAction.Withdrawn => CatalogStatus.Withdrawn,
            _ => status,
        };
    }

    private static string? Refusal(CatalogStatus status, CatalogAction action, CatalogActor actor, Guid draftedBy)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var label = ActionLabel(action);
        var (required, roleName) = action switch
        {
            CatalogAction.Created or CatalogAction.Edited or CatalogAction.Submitted or CatalogAction.NewVersion
                or CatalogAction.AttachmentAdded or CatalogAction.AttachmentRemoved => (actor.CanDraft, "经办人、审核人或发布人"),
            CatalogAction.ConfidentialityPassed or CatalogAction.ConfidentialityReturned
                or CatalogAction.Approved or CatalogAction.ApprovalReturned => (actor.CanReview, "审核人"),
            CatalogAction.Published or CatalogAction.Withdrawn or CatalogAction.RepealRecorded or CatalogAction.Imported => (actor.CanPublish, "发布人"),
            _ => (false, "系统"),
        };
        if (!required)
        {
            return $"只有{roleName}可以{label}。";
        }

        var expected = action switch
        {
            CatalogAction.Created => (CatalogStatus?)null,
            CatalogAction.Imported => null,
            CatalogAction.Edited or CatalogAction.Submitted or CatalogAction.AttachmentAdded or CatalogAction.AttachmentRemoved => CatalogStatus.Draft,
            CatalogAction.ConfidentialityPassed or CatalogAction.ConfidentialityReturned => CatalogStatus.InConfidentialityReview,
            CatalogAction.Approved or CatalogAction.ApprovalReturned => CatalogStatus.AwaitingApproval,
            CatalogAction.Published => CatalogStatus.Approved,
            CatalogAction.Withdrawn or CatalogAction.RepealRecorded => CatalogStatus.Published,
            CatalogAction.NewVersion => status is CatalogStatus.Published or CatalogStatus.Withdrawn ? status : CatalogStatus.Published,
            _ => status,
        };
        if (expected is { } needed && status != needed)
        {
            return status == CatalogStatus.Published && action is CatalogAction.Edited or CatalogAction.AttachmentAdded or CatalogAction.AttachmentRemoved
                ? "已发布的信息不能直接修改；请创建新版本，经保密审查和审批后发布。"
                : $"该信息当前为“{StatusLabel(status)}”，不能{label}。";
        }

        var ownWork = actor.UserId == draftedBy;
        if (ownWork && action is CatalogAction.ConfidentialityPassed or CatalogAction.Approved)
        {
            return $"不能{label}自己起草的信息；请由另一位审核人办理。";
        }

        return null;
    }
}
