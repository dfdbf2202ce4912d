using System.Globalization;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Status;

/// <summary>One line of the applicant's timeline: a date and what happened, in plain Chinese.</summary>
public sealed record TimelineEntry(DateOnly Date, string Text);

/// <summary>
/// What the applicant sees of their own case: the stage, the dates and a timeline written for the public. Staff
/// names, third parties and internal notes never appear: the timeline is written from the event types, not from the
/// staff's summaries.
/// </summary>
public static class PublicCase
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
            current.Receipt.ReceiptDate is { } received
                ? new(received, $"收到申请（{Receipt.Label(current.Receipt.Channel)}）")
                : new(current.Receipt.ArrivedOn, "在线提交申请，待受理机关确认收到（确认之日为收到申请之日）"),
        };
        foreach (var caseEvent in current.Events)
        {
            var text = caseEvent switch
            {
                Registered => "登记受理",
                CorrectionRequested e => $"要求补正申请，补正期限至{DateText.Chinese(e.CorrectBy)}",
                CorrectionReceived => "收到补正材料，答复期限自当日重新计算",
                CorrectionDeadlineMissed => "补正期限届满未补正，视为放弃申请，不再处理",
                ConsultationStarted e => e.Kind.Label() + "（所需时间不计入答复期限）",
                ConsultationAnswered => "收到征求意见的答复",
                ExtensionApproved e => $"延长答复期限{e.WorkingDays.ToString(CultureInfo.InvariantCulture)}个工作日（理由：{e.Reason.TrimEnd('。')}）",
                FeeNoticeSent e => $"发出收费通知，信息处理费{e.Fee.Amount.ToString("#,0.##", CultureInfo.InvariantCulture)}元（{InformationProcessingFee.Basis}）",
                FeePaid => "收到信息处理费",
                FeeUnpaid => "逾期未缴纳信息处理费，视为放弃申请，不再处理",
                Replied e => "作出答复：" + e.Outcome.PublicName(),
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
}
