using System.Linq.Expressions;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Interaction;

namespace Gongkai.Supervision;

/// <summary>What an assessment indicator measures. The numbers are stored in schemes: never renumber.</summary>
public enum IndicatorKind
{
    /// <summary>按时答复率.</summary>
    OnTimeReplyRate = 1,

    /// <summary>逾期件数.</summary>
    OverdueCases = 2,

    /// <summary>延期答复使用率.</summary>
    ExtensionRate = 3,

    /// <summary>补正使用率.</summary>
    CorrectionRate = 4,

    /// <summary>复议、诉讼纠错率.</summary>
    ReviewCorrectionRate = 5,

    /// <summary>主动公开按时发布率 (条例第二十六条).</summary>
    CatalogueOnTimeRate = 6,

    /// <summary>年度报告按时发布 (条例第四十九条).</summary>
    AnnualReportOnTime = 7,

    /// <summary>年度报告错误数.</summary>
    AnnualReportErrors = 8,

    /// <summary>整改按时办结率.</summary>
    RectificationOnTimeRate = 9,

    /// <summary>抽查问题率 (problems per item checked).</summary>
    SpotCheckProblemRate = 10,

    /// <summary>人工评分: scored by the supervisor with a note and evidence.</summary>
    Manual = 11,

    /// <summary>留言按时回复率.</summary>
    MessageOnTimeRate = 12,

    /// <summary>留言回复满意率.</summary>
    MessageSatisfaction = 13,
}

/// <summary>How an indicator's value is written.</summary>
public enum IndicatorUnit
{
    /// <summary>A percentage, 0–100.</summary>
    Percent = 1,

    /// <summary>A count of things.</summary>
    Count = 2,

    /// <summary>Things per item checked.</summary>
    PerItem = 3,
}

/// <summary>
/// An indicator with its written definition (口径) and the definition's version: a ranking is defended by showing
/// exactly what was counted and how. <see cref="HigherIsBetter"/> says which way scoring rules should run.
/// </summary>
public sealed record IndicatorDefinition(IndicatorKind Kind, string Name, string Definition, int Version, IndicatorUnit Unit, bool HigherIsBetter);

/// <summary>The indicators the platform computes from live data, with their 口径. One place for their names.</summary>
public static class IndicatorCatalogue
{
    /// <summary>Every indicator, in the order schemes list them by default.</summary>
    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        new(IndicatorKind.OnTimeReplyRate, "按时答复率",
            "考核期内办结（答复、撤回或视为放弃）的依申请公开件中，办结日不晚于答复期限的件数 ÷ 办结件数。答复期限按条例第三十三条及延期、补正、征求意见、收费的规定计算；无办结件的为不适用。", 1, IndicatorUnit.Percent, true),
        new(IndicatorKind.OverdueCases, "逾期件数",
            "答复期限在考核期内（进行中的考核期截至当日）的申请件中，办结日晚于答复期限或截至当日仍未办结的件数；考核期内无到期件的为不适用。", 1, IndicatorUnit.Count, false),
        new(IndicatorKind.ExtensionRate, "延期答复使用率",
            "考核期内收到的申请中，经批准延长答复期限（条例第三十三条第二款）的件数 ÷ 收到件数；无收到件的为不适用。", 1, IndicatorUnit.Percent, false),
        new(IndicatorKind.CorrectionRate, "补正使用率",
            "考核期内收到的申请中，发出补正通知（条例第三十条）的件数 ÷ 收到件数；无收到件的为不适用。", 1, IndicatorUnit.Percent, false),
        new(IndicatorKind.ReviewCorrectionRate, "复议诉讼纠错率",
            "考核期内审结的行政复议和行政诉讼中，结果为纠正的件数 ÷ 审结件数（维持、纠正、其他结果）；无审结件的为不适用。", 1, IndicatorUnit.Percent, false),
        new(IndicatorKind.CatalogueOnTimeRate, "主动公开按时发布率",
            "考核期内发布的主动公开信息中，自形成或变更之日起 20 个工作日内（条例第二十六条，按平台工作日历）发布的条数 ÷ 发布条数；无发布的为不适用。", 1, IndicatorUnit.Percent, true),
        new(IndicatorKind.AnnualReportOnTime, "年度报告按时发布",
            "法定期限（条例第四十九条：部门 1 月 31 日、人民政府 3 月 31 日）在考核期内的年度报告，首次发布不晚于期限的为 100%，晚于期限或期限已过仍未发布的为 0%；期限不在考核期内或尚未届满且未发布的为不适用。", 1, IndicatorUnit.Percent, true),
        new(IndicatorKind.AnnualReportErrors, "年度报告错误数",
            "法定期限在考核期内的年度报告（最新发布版本）经规则目录检查的错误条数；未提交报告的为不适用（由“年度报告按时发布”扣分）。", 1, IndicatorUnit.Count, false),
        new(IndicatorKind.RectificationOnTimeRate, "整改按时办结率",
            "整改期限在考核期内（进行中的考核期截至当日）的整改事项中，在期限内答复且经监督机关验收办结的件数 ÷ 到期件数；无到期整改的为不适用。", 1, IndicatorUnit.Percent, true),
        new(IndicatorKind.SpotCheckProblemRate, "抽查问题率",
            "考核期内完成的抽查中，发现的问题数 ÷ 抽查条目数（每条平均问题数）；考核期内未抽查的为不适用。", 1, IndicatorUnit.PerItem, false),
        new(IndicatorKind.MessageOnTimeRate, "留言按时回复率",
            "考核期内收到（含转入）的公众留言中，已回复或截至计算当日回复期限已过的件数为基数，其中在回复期限内回复的件数 ÷ 基数；期限未到且未回复的暂不计入，期限过后仍未回复的计入基数（考核期结束后的逾期也算）；无可计入留言的为不适用。", 1, IndicatorUnit.Percent, true),
        new(IndicatorKind.MessageSatisfaction, "留言回复满意率",
            "考核期内收到的公众留言中，留言人已评价的，评价为“基本满意”及以上的件数 ÷ 已评价件数（与互动交流统计的满意率同一口径）；无评价的为不适用。", 1, IndicatorUnit.Percent, true),
        new(IndicatorKind.Manual, "人工评分",
            "监督机关按考核方案中该项的评分说明打分（得分率 0–100%），须写明理由并可附证明材料；未评分的为不适用。", 1, IndicatorUnit.Percent, true),
    ];

    public static IndicatorDefinition Get(IndicatorKind kind) =>
        All.FirstOrDefault(d => d.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
}

/// <summary>
/// An application as the indicators see it: received, due (null while the clock is stopped) and concluded (null while
/// open); <c>Extended</c> when an extension was approved, <c>CorrectionRequested</c> when a correction notice (补正) was sent.
/// </summary>
public sealed record CaseFact(Guid Id, DateOnly ReceivedOn, DateOnly? DueOn, DateOnly? ConcludedOn, bool Extended, bool CorrectionRequested);

/// <summary>A reconsideration or lawsuit as the indicators see it.</summary>
public sealed record ReviewFact(Guid Id, DateOnly? ConcludedOn, ReviewResult Result);

/// <summary>A published proactive catalogue item (its first publication).</summary>
public sealed record CatalogueFact(Guid Id, DateOnly FormedOn, DateOnly PublishedOn);

/// <summary>An annual report's deadline, first publication (null: not published) and error count.</summary>
public sealed record ReportFact(int Year, DateOnly Deadline, DateOnly? PublishedOn, int Errors);

/// <summary>A rectification: its deadline, when it was last answered and whether the supervisor accepted it.</summary>
public sealed record RectificationFact(Guid Id, DateOnly DueOn, DateOnly? AnsweredOn, bool Closed);

/// <summary>One item of a finished spot check, with the number of problems found in it.</summary>
public sealed record SpotCheckFact(Guid Id, DateOnly CheckedOn, int Problems);

/// <summary>A public message (留言) as the indicators see it: the interaction statistics' facts with its id.</summary>
public sealed record MessageFact(Guid Id, MessageFacts Facts);

/// <summary>Everything the computed indicators read about one agency.</summary>
public sealed record AgencyFacts(
    IReadOnlyList<CaseFact> Cases,
    IReadOnlyList<ReviewFact> Reviews,
    IReadOnlyList<CatalogueFact> Catalogue,
    IReadOnlyList<ReportFact> Reports,
    IReadOnlyList<RectificationFact> Rectifications,
    IReadOnlyList<SpotCheckFact> SpotChecks)
{
    public static AgencyFacts Empty { get; } = new([], [], [], [], [], []);

    /// <summary>Its public messages received in or before the period (only those the message indicators read).</summary>
    public IReadOnlyList<MessageFact> Messages { get; init; } = [];
}

/// <summary>
/// An indicator's value for one agency and period. <see cref="Value"/> is null when the indicator is 不适用 (nothing to
/// count): it then neither scores nor loses. <see cref="Base"/> are the records counted in the denominator (or, for a
/// count, the records examined) and <see cref="Counted"/> those in the numerator: what a drill-down lists.
/// </summary>
public sealed record IndicatorValue(decimal? Value, int Numerator, int Denominator, IReadOnlyList<Guid> Base, IReadOnlyList<Guid> Counted)
{
    public bool NotApplicable => Value is null;

    public static IndicatorValue None { get; } = new(null, 0, 0, [], []);

    /// <summary>numerator ÷ denominator as a percentage rounded to 2 places, or 不适用 when the base is empty.</summary>
    public static IndicatorValue Rate(IReadOnlyList<Guid> baseIds, IReadOnlyList<Guid> counted)
    {
        ArgumentNullException.ThrowIfNull(baseIds);
        ArgumentNullException.ThrowIfNull(counted);
        return baseIds.Count == 0 ? None : Rate(counted.Count, baseIds.Count) with { Base = baseIds, Counted = counted };
    }

    /// <summary>The same rate from counts alone (no ids: a ranking counted in the database).</summary>
    public static IndicatorValue Rate(int counted, int of) => of == 0
        ? None
        : new(Math.Round(100m * counted / of, 2, MidpointRounding.AwayFromZero), counted, of, [], []);
}

/// <summary>
/// The days a period's indicators are counted against: its first and last day, and <see cref="AsOf"/>, the day a
/// running period is counted to (its last day once it has ended; what is due later is not yet due).
/// </summary>
public sealed record CountingWindow(DateOnly Start, DateOnly End, DateOnly AsOf)
{
    public static CountingWindow Of(AssessmentPeriod period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new(period.Start, period.End, today < period.End ? today : period.End);
    }
}

/// <summary>
/// A case indicator's 口径 as two predicates over a <see cref="CaseFact"/> and the window: which cases are in the base
/// (denominator, or the cases examined) and which of those are counted (numerator). They are expressions so that the
/// same definition is counted by the database (per agency, without reading the cases) and applied in memory to one
/// agency's cases for the drill-down: the two cannot drift. <see cref="Counted"/> implies <see cref="Base"/>.
/// </summary>
public sealed class CaseIndicator
{
    private readonly Lazy<Func<CaseFact, CountingWindow, bool>> inBase;
    private readonly Lazy<Func<CaseFact, CountingWindow, bool>> counted;

    internal CaseIndicator(IndicatorKind kind, Expression<Func<CaseFact, CountingWindow, bool>> @base, Expression<Func<CaseFact, CountingWindow, bool>> numerator)
    {
        Kind = kind;
        Base = @base;
        Counted = Expression.Lambda<Func<CaseFact, CountingWindow, bool>>(
            Expression.AndAlso(@base.Body, new Rebind(numerator.Parameters, @base.Parameters).Visit(numerator.Body)), @base.Parameters);
        inBase = new(Base.Compile);
        counted = new(Counted.Compile);
    }

    public IndicatorKind Kind { get; }

    /// <summary>In the base: the denominator of a rate, or the cases examined for a count.</summary>
    public Expression<Func<CaseFact, CountingWindow, bool>> Base { get; }

    /// <summary>In the base and counted: the numerator.</summary>
    public Expression<Func<CaseFact, CountingWindow, bool>> Counted { get; }

    /// <summary>The value from the two counts: a rate, or for 逾期件数 the count (不适用 when nothing is due).</summary>
    public IndicatorValue Value(int numerator, int denominator) => Kind == IndicatorKind.OverdueCases
        ? denominator == 0 ? IndicatorValue.None : new IndicatorValue(numerator, numerator, denominator, [], [])
        : IndicatorValue.Rate(numerator, denominator);

    /// <summary>The value over one agency's cases in memory, with the ids of the base and the counted ones.</summary>
    public IndicatorValue Compute(IReadOnlyList<CaseFact> cases, CountingWindow window)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var baseIds = cases.Where(c => inBase.Value(c, window)).Select(c => c.Id).ToList();
        var countedIds = cases.Where(c => counted.Value(c, window)).Select(c => c.Id).ToList();
        var value = Value(countedIds.Count, baseIds.Count);
        return value.NotApplicable ? IndicatorValue.None : value with { Base = baseIds, Counted = countedIds };
    }

    private sealed class Rebind(System.Collections.ObjectModel.ReadOnlyCollection<ParameterExpression> from, System.Collections.ObjectModel.ReadOnlyCollection<ParameterExpression> to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            var i = from.IndexOf(node);
            return i >= 0 ? to[i] : node;
        }
    }
}

/// <summary>The four case indicators' 口径 (see <see cref="IndicatorCatalogue"/> for the words).</summary>
public static class CaseIndicators
{
    /// <summary>按时答复率, 逾期件数, 延期答复使用率, 补正使用率, in that order.</summary>
    public static IReadOnlyList<CaseIndicator> All { get; } =
    [
        // Concluded in the period; on time when there is no deadline (the clock stopped) or it was met.
        new(IndicatorKind.OnTimeReplyRate,
            (c, w) => c.ConcludedOn != null && c.ConcludedOn >= w.Start && c.ConcludedOn <= w.End,
            (c, w) => c.DueOn == null || c.ConcludedOn <= c.DueOn),

        // Due in the period up to the day counted; overdue when concluded after the deadline, or still open after it.
        new(IndicatorKind.OverdueCases,
            (c, w) => c.DueOn != null && c.DueOn >= w.Start && c.DueOn <= w.AsOf,
            (c, w) => c.ConcludedOn == null ? c.DueOn < w.AsOf : c.ConcludedOn > c.DueOn),

        new(IndicatorKind.ExtensionRate,
            (c, w) => c.ReceivedOn >= w.Start && c.ReceivedOn <= w.End,
            (c, w) => c.Extended),

        new(IndicatorKind.CorrectionRate,
            (c, w) => c.ReceivedOn >= w.Start && c.ReceivedOn <= w.End,
            (c, w) => c.CorrectionRequested),
    ];

    /// <summary>The case indicator of a kind, or null when the kind is not counted from cases.</summary>
    public static CaseIndicator? Of(IndicatorKind kind) => All.FirstOrDefault(i => i.Kind == kind);
}

/// <summary>The computed indicators: pure functions of an agency's facts, the period and the day they are computed on.</summary>
public static class Indicators
{
    /// <summary>
    /// The value of <paramref name="kind"/>. <paramref name="today"/> bounds a period still running (what is due
    /// later is not yet due). Manual indicators are not computed here: they are 不适用 until scored.
    /// </summary>
    public static IndicatorValue Compute(IndicatorKind kind, AgencyFacts facts, AssessmentPeriod period, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(calendar);
        var asOf = today < period.End ? today : period.End;
        if (CaseIndicators.Of(kind) is { } caseIndicator)
        {
            return caseIndicator.Compute(facts.Cases, CountingWindow.Of(period, today));
        }

        return kind switch
        {
            IndicatorKind.ReviewCorrectionRate => ReviewCorrectionRate(facts.Reviews, period),
            IndicatorKind.CatalogueOnTimeRate => CatalogueOnTimeRate(facts.Catalogue, period, calendar),
            IndicatorKind.AnnualReportOnTime => ReportOnTime(facts.Reports, period, asOf),
            IndicatorKind.AnnualReportErrors => ReportErrors(facts.Reports, period),
            IndicatorKind.RectificationOnTimeRate => RectificationOnTimeRate(facts.Rectifications, period, asOf),
            IndicatorKind.SpotCheckProblemRate => SpotCheckProblemRate(facts.SpotChecks, period),
            IndicatorKind.MessageOnTimeRate => MessageOnTimeRate(facts.Messages, period, today),
            IndicatorKind.MessageSatisfaction => MessageSatisfaction(facts.Messages, period),
            IndicatorKind.Manual => IndicatorValue.None,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The annual report whose Art. 49 deadline falls in the period, if any.</summary>
    public static ReportFact? ReportDueIn(IReadOnlyList<ReportFact> reports, AssessmentPeriod period)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(period);
        return reports.Where(r => period.Contains(r.Deadline)).MaxBy(r => r.Year);
    }

    private static IndicatorValue ReviewCorrectionRate(IReadOnlyList<ReviewFact> reviews, AssessmentPeriod period)
    {
        var decided = reviews.Where(r => r.Result != ReviewResult.Pending && r.ConcludedOn is { } on && period.Contains(on)).ToList();
        return IndicatorValue.Rate([.. decided.Select(r => r.Id)], [.. decided.Where(r => r.Result == ReviewResult.Corrected).Select(r => r.Id)]);
    }

    private static IndicatorValue CatalogueOnTimeRate(IReadOnlyList<CatalogueFact> items, AssessmentPeriod period, WorkingCalendar calendar)
    {
        var published = items.Where(i => period.Contains(i.PublishedOn)).ToList();
        var onTime = published.Where(i => PublicationDeadline.Compute(calendar, i.FormedOn, i.PublishedOn, i.PublishedOn).Timeliness == PublicationTimeliness.Met);
        return IndicatorValue.Rate([.. published.Select(i => i.Id)], [.. onTime.Select(i => i.Id)]);
    }

    private static IndicatorValue ReportOnTime(IReadOnlyList<ReportFact> reports, AssessmentPeriod period, DateOnly asOf)
    {
        if (ReportDueIn(reports, period) is not { } report)
        {
            return IndicatorValue.None;
        }

        if (report.PublishedOn is { } published)
        {
            return published <= report.Deadline ? new IndicatorValue(100m, 1, 1, [], []) : new IndicatorValue(0m, 0, 1, [], []);
        }

        return asOf > report.Deadline ? new IndicatorValue(0m, 0, 1, [], []) : IndicatorValue.None;
    }

    private static IndicatorValue ReportErrors(IReadOnlyList<ReportFact> reports, AssessmentPeriod period) =>
        ReportDueIn(reports, period) is { PublishedOn: not null } report
            ? new IndicatorValue(report.Errors, report.Errors, 1, [], [])
            : IndicatorValue.None;

    private static IndicatorValue RectificationOnTimeRate(IReadOnlyList<RectificationFact> rectifications, AssessmentPeriod period, DateOnly asOf)
    {
        var due = rectifications.Where(r => r.DueOn >= period.Start && r.DueOn <= asOf).ToList();
        return IndicatorValue.Rate([.. due.Select(r => r.Id)], [.. due.Where(r => r.Closed && r.AnsweredOn <= r.DueOn).Select(r => r.Id)]);
    }

    private static IndicatorValue SpotCheckProblemRate(IReadOnlyList<SpotCheckFact> items, AssessmentPeriod period)
    {
        var checkedItems = items.Where(i => period.Contains(i.CheckedOn)).ToList();
        if (checkedItems.Count == 0)
        {
            return IndicatorValue.None;
        }

        var problems = checkedItems.Sum(i => i.Problems);
        return new IndicatorValue(Math.Round((decimal)problems / checkedItems.Count, 2, MidpointRounding.AwayFromZero),
            problems, checkedItems.Count, [.. checkedItems.Select(i => i.Id)], [.. checkedItems.Where(i => i.Problems > 0).Select(i => i.Id)]);
    }

    /// <summary>
    /// Replied on time: on or before the last day of the reply period, as <see cref="MessageStatistics"/> counts it; a
    /// message still unanswered after its period has ended (as of <paramref name="today"/>, even after the assessment
    /// period: a message received on its last days cannot escape by never being answered) is in the base and not counted.
    /// </summary>
    private static IndicatorValue MessageOnTimeRate(IReadOnlyList<MessageFact> messages, AssessmentPeriod period, DateOnly today)
    {
        var due = messages.Where(m => period.Contains(m.Facts.ReceivedOn) && m.Facts.ReceivedOn <= today && (m.Facts.RepliedOn is not null || m.Facts.DueOn < today)).ToList();
        return IndicatorValue.Rate([.. due.Select(m => m.Id)], [.. due.Where(m => m.Facts.RepliedOn is { } replied && replied <= m.Facts.DueOn).Select(m => m.Id)]);
    }

    /// <summary>Satisfied: rated 基本满意 or above, the level <see cref="MessageStatistics.SatisfiedPercent"/> counts from.</summary>
    private static IndicatorValue MessageSatisfaction(IReadOnlyList<MessageFact> messages, AssessmentPeriod period)
    {
        var rated = messages.Where(m => period.Contains(m.Facts.ReceivedOn) && m.Facts.Rating is not null).ToList();
        return IndicatorValue.Rate([.. rated.Select(m => m.Id)], [.. rated.Where(m => m.Facts.Rating >= Satisfaction.Basic).Select(m => m.Id)]);
    }
}
