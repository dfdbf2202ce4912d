using System.Collections.Frozen;
using Gongkai.Catalog;
using Gongkai.Supervision;
using Gongkai.Web.Applications.Actions;

namespace Gongkai.Web.Audit;

/// <summary>
/// The Chinese names of the audit log's action and entity codes, in one place. The stored codes stay English (they
/// are what filters and exports match on); an unknown code is shown as it is, so a new action is never hidden.
/// Case actions and catalogue steps take their names from <see cref="CaseActionCatalog"/> and
/// <see cref="CatalogWorkflow.ActionLabel"/>, where those names already live.
/// </summary>
public static class AuditLabels
{
    private static readonly FrozenDictionary<string, string> Actions = BuildActions();

    private static readonly FrozenDictionary<string, string> Entities = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Application"] = "申请",
        ["Attachment"] = "附件",
        ["Letter"] = "文书",
        ["LetterTemplate"] = "文书模板",
        ["NotificationTemplate"] = "通知模板",
        ["Review"] = "复议诉讼记录",
        ["Agency"] = "机关",
        ["Region"] = "区域",
        ["User"] = "账号",
        ["Calendar"] = "工作日历",
        ["CatalogItem"] = "目录信息",
        ["CatalogSettings"] = "目录设置",
        ["AnnualReport"] = "年度报告",
        ["CollectedReport"] = "收集的年度报告",
        ["AssessmentScheme"] = "考核方案",
        ["AssessmentResult"] = "考核结果",
        ["Rectification"] = "整改事项",
        ["Consultation"] = "意见征集",
        ["Message"] = "留言",
        ["Rating"] = "评价",
        ["FaqEntry"] = "常见问题",
        ["PublicationChannel"] = "公开渠道",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The Chinese name of an action code ("application.received" → "收到申请"); the code itself when unknown.</summary>
    public static string Action(string code) => Actions.GetValueOrDefault(code, code);

    /// <summary>The Chinese name of an entity type ("Application" → "申请"); the type itself when unknown.</summary>
    public static string Entity(string code) => Entities.GetValueOrDefault(code, code);

    private static FrozenDictionary<string, string> BuildActions()
    {
        var actions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["application.received"] = "收到申请",
            ["application.linked"] = "关联重复申请",
            ["application.forwarded"] = "转送申请",
            ["application.received-forwarded"] = "收到转送的申请",
            ["applicant.viewed"] = "查看申请人个人信息",
            ["applicant.revealed"] = "显示申请人完整证件号码和联系方式",
            ["status.opened"] = "申请人查询办理进度",
            ["correction.received"] = "申请人在线补正",
            ["attachment.uploaded"] = "上传附件",
            ["attachment.downloaded"] = "下载附件",
            ["attachment.visibility"] = "更改附件是否对申请人可见",
            ["letter.drafted"] = "起草文书",
            ["letter.edited"] = "修改文书",
            ["letter.submitted"] = "提交文书审批",
            ["letter.returned"] = "退回文书",
            ["letter.approved"] = "审批同意文书",
            ["letter.issued"] = "签发文书",

            // Before issue 12 a reply was an action of its own; its audit lines keep their name.
            ["application.reply"] = "办理申请：答复",
            ["letter.deleted"] = "删除文书草稿",
            ["letter.downloaded"] = "申请人下载文书",
            ["letter.pdf-requested"] = "生成 PDF 文书",
            ["letter.pdf-retried"] = "重新生成 PDF 文书",
            ["notification.settings"] = "修改通知设置",
            ["notification-template.saved"] = "修改通知模板",
            ["notification-template.reset"] = "恢复默认通知模板",
            ["letter-template.saved"] = "修改文书模板",
            ["letter-template.reset"] = "恢复默认文书模板",
            ["letter-template.removed"] = "删除本机关文书模板",
            ["catalog.from-case"] = "依申请公开的信息转为主动公开（生成目录草稿）",
            ["review.added"] = "登记复议诉讼",
            ["review.updated"] = "修改复议诉讼记录",
            ["review.deleted"] = "删除复议诉讼记录",
            ["agency.created"] = "新建机关",
            ["agency.updated"] = "修改机关信息",
            ["agency.short-name"] = "修改文号简称",
            ["region.created"] = "新建区域",
            ["user.created"] = "新建账号",
            ["user.updated"] = "修改账号",
            ["user.locked"] = "锁定账号",
            ["user.unlocked"] = "解锁账号",
            ["user.password-reset"] = "重置密码",
            ["user.sessions-ended"] = "结束登录会话",
            ["calendar.loaded"] = "导入工作日历",
            ["calendar.day-added"] = "登记工作日历日期",
            ["calendar.day-changed"] = "修改工作日历日期",
            ["calendar.day-removed"] = "删除工作日历日期",
            ["catalog.settings"] = "修改索引号规则",
            ["annual-report.saved"] = "保存年度报告",
            ["annual-report.published"] = "发布年度报告",
            ["annual-report.collected"] = "收集年度报告文件",
            ["annual-report.collected.confirmed"] = "确认收集的年度报告",
            ["annual-report.collected.deleted"] = "删除收集的年度报告文件",
            ["assessment.scheme-created"] = "制定考核方案（新版本）",
            ["assessment.manual-scored"] = "考核人工评分",
            ["assessment.closed"] = "考核结果定稿",
            ["assessment.recompute-requested"] = "重新计算考核排名",
            [Supervision.BulletinModel.PublishedAction] = "考核通报在门户发布",
            [Supervision.BulletinModel.UnpublishedAction] = "考核通报从门户撤下",
            [Supervision.Rectifications.RaisedAction] = "提出整改",
            [Supervision.SpotChecks.DrawnAction] = "抽取抽查样本",
            [Supervision.SpotChecks.CheckedAction] = "记录抽查结果",
            [Supervision.SpotChecks.ChecklistSavedAction] = "修订抽查检查项（新版本）",
            ["consultation.opened"] = "发布意见征集",
            ["consultation.comment.received"] = "收到意见征集的意见",
            ["consultation.comment.published"] = "公开意见征集的意见",
            ["consultation.comment.rejected"] = "不予公开意见征集的意见",
            ["consultation.comment.adoption"] = "记录意见采纳情况",
            ["consultation.feedback.published"] = "发布意见采纳情况反馈",
            ["message.received"] = "收到留言",
            ["message.reply.drafted"] = "起草留言答复",
            ["message.reply.submitted"] = "提交留言答复审批",
            ["message.reply.approved"] = "审批同意留言答复",
            ["message.reply.returned"] = "退回留言答复",
            ["message.replied"] = "签发留言答复",
            ["message.published"] = "公开留言及答复",
            ["message.transferred"] = "转办留言",
            ["message.rated"] = "留言人评价答复",
            ["application.rated"] = "申请人评价办理情况",
            ["rating.reviewed"] = "审核人阅看差评",
            ["faq.created"] = "新增常见问题",
            ["message.reply-period.set"] = "设置留言答复期限",
            ["channel.registered"] = "登记公开渠道",
            ["channel.changed"] = "修改公开渠道",
            ["channel.count.entered"] = "登记公开渠道月度发布条数",
        };
        foreach (var action in CaseActionCatalog.All)
        {
            actions["application." + action.Key] = "办理申请：" + action.Label;
        }

        foreach (var step in Enum.GetValues<CatalogAction>())
        {
            actions["catalog." + step.ToString().ToLowerInvariant()] = "主动公开目录：" + CatalogWorkflow.ActionLabel(step);
        }

        foreach (var step in Enum.GetValues<RectificationAction>())
        {
            actions[Supervision.Rectifications.AuditAction(step)] = "整改：" + RectificationFlow.ActionLabel(step);
        }

        return actions.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
