using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.AnnualReports;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Gongkai.Web.Letters;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Status;

/// <summary>One line of the applicant's timeline: a date and what happened, in plain Chinese.</summary>
public sealed record TimelineEntry(DateOnly Date, string Text);

/// <summary>
/// What the applicant sees of their own case: the stage, the dates and a timeline written for the public. Staff
/// names, third parties and internal notes never appear: the timeline is written from the event types, not from the
/// staff's summaries.
/// </summary>
public static partial class PublicCase
{
    /// <summary>The application with its events, or null. Only ever called with the id from the applicant's session.</summary>
    public static Task<ApplicationRecord?> LoadAsync(GongkaiDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Applications.Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    public static IReadOnlyList<TimelineEntry> Timeline(DisclosureApplication current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var entries = new List<TimelineEntry>
        {
            new(current.Receipt.ReceiptDate, $"收到申请（{Receipt.Label(current.Receipt.Channel)}）"),
        };
        foreach (var caseEvent in current.Events)
        {
            var text = caseEvent switch
            {
                Registered => "登记受理",
                CorrectionRequested e => $"要求补正申请，补正期限至{LetterFields.ChineseDate(e.CorrectBy)}",
                CorrectionReceived => "收到补正材料，答复期限自当日重新计算",
                CorrectionDeadlineMissed => "补正期限届满未补正，视为放弃申请，不再处理",
                ConsultationStarted { Kind: ConsultationKind.ThirdParty } => "征求第三方意见（所需时间不计入答复期限）",
                ConsultationStarted => "征求其他机关意见（所需时间不计入答复期限）",
                ConsultationAnswered => "收到征求意见的答复",
                ExtensionApproved e => $"延长答复期限{e.WorkingDays.ToString(CultureInfo.InvariantCulture)}个工作日（理由：{e.Reason.TrimEnd('。')}）",
                FeeNoticeSent e => $"发出收费通知，信息处理费{e.Fee.Amount.ToString("#,0.##", CultureInfo.InvariantCulture)}元（{InformationProcessingFee.Basis}）",
                FeePaid => "收到信息处理费",
                FeeUnpaid => "逾期未缴纳信息处理费，视为放弃申请，不再处理",
                Replied e => "作出答复：" + OutcomeLabel(e.Outcome),
                Delivered => "答复已送达",
                Archived => "办结归档",
                Withdrawn => "申请已撤回",
                _ => null,
            };
            if (text is not null)
            {
                entries.Add(new TimelineEntry(caseEvent.Date, text));
            }
        }

        return entries;
    }

    /// <summary>An outcome in plain words, e.g. "不予公开（属于国家秘密）", from the table 三 labels without their numbering.</summary>
    public static string OutcomeLabel(Outcome outcome)
    {
        var definition = NationalFormat.Table3RowDefinition(ReportFormat.Format2021, outcome.Row());
        if (definition is null)
        {
            return outcome.ToString();
        }

        var label = Numbering().Replace(definition.Label, "");
        return definition.Group is { } group && group != NationalFormat.OutcomeGroup
            ? Numbering().Replace(group, "") + "（" + label + "）"
            : label;
    }

    [GeneratedRegex(@"^(（[一二三四五六七八九十]+）|\d+\.)")]
    private static partial Regex Numbering();
}
