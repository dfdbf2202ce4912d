using System.Buffers;
using System.Text.RegularExpressions;

namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// TEXT-TABLE-MISMATCH: counts the narrative states against tables 三 and 四 – applications received (表三 一 总计),
/// carried over (二 总计), concluded (（七）总计), carried forward (四 总计), "均已办结/回复" (四 总计 = 0),
/// reconsideration (表四 复议 总计) and litigation (直接起诉 总计 + 复议后起诉 总计), including "未收到…申请" and
/// "未发生…行政复议…行政诉讼" as 0. Each line states each quantity at most once. Expected is the table's value,
/// Actual the text's.
/// </summary>
/// <remarks>
/// Precision over recall: a statement is read only in the standard phrasings, and skipped when its clause reads
/// like a subset (其中, 当场, 通过网络…), another procedure (信访, 人大建议…) or a result breakdown (维持, 纠错…).
/// </remarks>
internal static partial class TextTableRules
{
    // A count: ASCII digits or a Chinese numeral up to 九十九, not glued to a longer number.
    private const string Count = "(?<![0-9零〇一二两三四五六七八九十])(?<n>[0-9]{1,9}|[零〇一二两三四五六七八九十]{1,3})件";
    private const string Filler = "(?:件数|数量|数|共计|共|合计|总计|为|是|:)*";
    private const string Gap = "[^。;,、:]";

    private static readonly SearchValues<string> OtherProcedures = SearchValues.Create(
        ["复议", "诉讼", "信访", "投诉", "举报", "留言", "咨询", "建议", "提案", "来信"], StringComparison.Ordinal);

    private static readonly SearchValues<string> ReceivedSubsets = SearchValues.Create(
        ["其中", "通过", "网上", "网络", "信函", "当面", "邮寄", "传真", "邮件", "现场"], StringComparison.Ordinal);

    private static readonly SearchValues<string> ProcessedSubsets = SearchValues.Create(
        ["其中", "当场", "延期", "予以", "部分", "不予", "无法"], StringComparison.Ordinal);

    private static readonly SearchValues<string> ReviewBreakdowns = SearchValues.Create(
        ["维持", "纠正", "纠错", "撤销", "确认", "驳回", "审结", "败诉", "胜诉", "结果", "终止", "起诉", "和", "及", "与", "后"],
        StringComparison.Ordinal);

    private static readonly SearchValues<string> ReviewResults = SearchValues.Create(
        ["维持", "纠正", "纠错", "撤销", "确认违法", "驳回", "败诉", "胜诉"], StringComparison.Ordinal);

    // What a procedure produces: "尚未收到复议决定" speaks of a pending case, not of none.
    private static readonly SearchValues<string> ProcedureOutcomes = SearchValues.Create(
        ["决定", "判决", "裁定", "裁决", "结果", "审结", "结案"], StringComparison.Ordinal);

    private static readonly SearchValues<string> LitigationSubsets = SearchValues.Create(
        ["复议", "直接", "维持", "纠正", "纠错", "撤销", "确认违法", "驳回", "败诉", "胜诉"], StringComparison.Ordinal);

    public static void Check(AnnualReport report, IReadOnlyList<NarrativeLine> narrative, List<Finding> findings)
    {
        foreach (var line in narrative)
        {
            CheckReceived(report, line, findings);
            CheckCarriedOver(report, line, findings);
            CheckProcessed(report, line, findings);
            CheckCarriedForward(report, line, findings);
            CheckReconsideration(report, line, findings);
            CheckLitigation(report, line, findings);
        }
    }

    private static void CheckReceived(AnnualReport report, NarrativeLine line, List<Finding> findings)
    {
        var text = line.Text;
        if (!text.Contains("申请", StringComparison.Ordinal) && !text.Contains("新收", StringComparison.Ordinal))
        {
            return;
        }

        var statement = FirstStatement(report.Year, text, ReceivedCount(), ReceivedSubsets)
            ?? FirstStatement(report.Year, text, ReceivedPhrasedCount(), ReceivedSubsets)
            ?? FirstStatement(report.Year, text, NewReceivedCount(), ReceivedSubsets)
            ?? FirstStatement(report.Year, text, NoneReceived(), ReceivedSubsets);
        if (statement is null)
        {
            return;
        }

        var table = report.Table3;
        if (table[Table3Row.NewReceived, Table3Column.Total].Value is not { } received || statement.Value == received)
        {
            return;
        }

        // "共收到申请12件（含上年结转2件）": a sentence that also speaks of 结转 may count both.
        if (Sentence(text, statement.Index).Contains("结转", StringComparison.Ordinal)
            && table[Table3Row.CarriedOver, Table3Column.Total].Value is { } carried
            && TableRules.TryAdd(received, carried, out var both) && statement.Value == both)
        {
            return;
        }

        Report(findings, line, statement, received, NationalFormat.Describe(report.Format, Table3Row.NewReceived, Table3Column.Total),
            [NationalFormat.PathOf(report.Format, Table3Row.NewReceived, Table3Column.Total)]);
    }

    private static void CheckCarriedOver(AnnualReport report, NarrativeLine line, List<Finding> findings)
    {
        if (!line.Text.Contains("结转", StringComparison.Ordinal)
            || FirstStatement(report.Year, line.Text, CarriedOverCount(), subsets: null) is not { } statement
            || report.Table3[Table3Row.CarriedOver, Table3Column.Total].Value is not { } carried
            || statement.Value == carried)
        {
            return;
        }

        Report(findings, line, statement, carried, NationalFormat.Describe(report.Format, Table3Row.CarriedOver, Table3Column.Total),
            [NationalFormat.PathOf(report.Format, Table3Row.CarriedOver, Table3Column.Total)]);
    }

    private static void CheckProcessed(AnnualReport report, NarrativeLine line, List<Finding> findings)
    {
        var text = line.Text;
        if (!text.Contains("申请", StringComparison.Ordinal))
        {
            return;
        }

        var table = report.Table3;
        for (var match = ProcessedCount().Match(text); match.Success; match = match.NextMatch())
        {
            var clause = ClauseUpTo(text, match);
            if (!Sentence(text, match.Index).Contains("申请", StringComparison.Ordinal)
                || clause.ContainsAny(OtherProcedures) || clause.ContainsAny(ProcessedSubsets)
                || InAnotherYear(text, match.Index, report.Year)
                || ReadCount(match) is not { } value)
            {
                continue;
            }

            if (table[Table3Row.TotalProcessed, Table3Column.Total].Value is { } processed && value != processed)
            {
                Report(findings, line, new Statement(match.Index, match.Value, value), processed,
                    NationalFormat.Describe(report.Format, Table3Row.TotalProcessed, Table3Column.Total),
                    [NationalFormat.PathOf(report.Format, Table3Row.TotalProcessed, Table3Column.Total)]);
            }

            return;
        }

        for (var match = AllConcluded().Match(text); match.Success; match = match.NextMatch())
        {
            var clause = Clause(text, match);
            if (IsNegated(text, match.Index)
                || !Sentence(text, match.Index).Contains("申请", StringComparison.Ordinal)
                || clause.ContainsAny(OtherProcedures) || InAnotherYear(text, match.Index, report.Year)
                || OnlyCarriedOver(ClauseUpTo(text, match)))
            {
                continue;
            }

            if (table[Table3Row.CarriedForward, Table3Column.Total].Value is { } forward && forward != 0)
            {
                var target = NationalFormat.Describe(report.Format, Table3Row.CarriedForward, Table3Column.Total);
                findings.Add(RuleCatalogue.Finding(
                    RuleCatalogue.TextTableMismatch,
                    $"正文称申请“{NarrativeRules.Excerpt(Sentence(text, match.Index).ToString())}”，但{target}为 {FindingText.Number(forward)}，仍有申请结转下年度办理。请核对正文或表格。",
                    line.Location,
                    [NationalFormat.PathOf(report.Format, Table3Row.CarriedForward, Table3Column.Total)],
                    FindingText.Number(forward),
                    "0"));
            }

            return;
        }
    }

    private static void CheckCarriedForward(AnnualReport report, NarrativeLine line, List<Finding> findings)
    {
        if (!line.Text.Contains("结转", StringComparison.Ordinal) && !line.Text.Contains("转入", StringComparison.Ordinal))
        {
            return;
        }

        if ((FirstStatement(report.Year, line.Text, CarriedForwardCount(), subsets: null)
                ?? FirstStatement(report.Year, line.Text, CountCarriedForward(), subsets: null)) is not { } statement
            || report.Table3[Table3Row.CarriedForward, Table3Column.Total].Value is not { } forward
            || statement.Value == forward)
        {
            return;
        }

        Report(findings, line, statement, forward, NationalFormat.Describe(report.Format, Table3Row.CarriedForward, Table3Column.Total),
            [NationalFormat.PathOf(report.Format, Table3Row.CarriedForward, Table3Column.Total)]);
    }

    private static void CheckReconsideration(AnnualReport report, NarrativeLine line, List<Finding> findings)
    {
        var text = line.Text;
        if (!text.Contains("复议", StringComparison.Ordinal)
            || (ReviewStatement(report.Year, text, ReconsiderationCount(), "诉讼", ReviewResults) ?? NoneStatement(report.Year, text, "复议")) is not { } statement
            || report.Table4[Table4Block.Reconsideration, Table4Column.Total].Value is not { } total
            || statement.Value == total)
        {
            return;
        }

        Report(findings, line, statement, total, NationalFormat.Describe(Table4Block.Reconsideration, Table4Column.Total),
            [NationalFormat.PathOf(Table4Block.Reconsideration, Table4Column.Total)]);
    }

    private static void CheckLitigation(AnnualReport report, NarrativeLine line, List<Finding> findings)
    {
        var text = line.Text;
        if (!text.Contains("诉讼", StringComparison.Ordinal)
            || (ReviewStatement(report.Year, text, LitigationCount(), "复议", LitigationSubsets) ?? NoneStatement(report.Year, text, "诉讼")) is not { } statement
            || report.Table4[Table4Block.LitigationDirect, Table4Column.Total].Value is not { } direct
            || report.Table4[Table4Block.LitigationAfterReconsideration, Table4Column.Total].Value is not { } afterReview
            || !TableRules.TryAdd(direct, afterReview, out var total)
            || statement.Value == total)
        {
            return;
        }

        var labels = NationalFormat.Table4BlockLabels;
        var totalLabel = NationalFormat.Table4ColumnLabels[(int)Table4Column.Total];
        var target = $"表四「{labels[(int)Table4Block.LitigationDirect]}」{totalLabel} {FindingText.Number(direct)} 与「{labels[(int)Table4Block.LitigationAfterReconsideration]}」{totalLabel} {FindingText.Number(afterReview)} 之和";
        Report(findings, line, statement, total, target,
            [
                NationalFormat.PathOf(Table4Block.LitigationDirect, Table4Column.Total),
                NationalFormat.PathOf(Table4Block.LitigationAfterReconsideration, Table4Column.Total),
            ]);
    }

    private static void Report(
        List<Finding> findings, NarrativeLine line, Statement statement, decimal tableValue, string target, IReadOnlyList<string> cells)
    {
        findings.Add(RuleCatalogue.Finding(
            RuleCatalogue.TextTableMismatch,
            $"正文“{NarrativeRules.Excerpt(statement.Text)}”（{FindingText.Number(statement.Value)} 件）与{target} {FindingText.Number(tableValue)} 不一致。请核对正文或表格。",
            line.Location,
            cells,
            FindingText.Number(tableValue),
            FindingText.Number(statement.Value)));
    }

    // The first match whose clause names no other procedure and no subset; a pattern without a count group states 0.
    private static Statement? FirstStatement(int? year, string text, Regex pattern, SearchValues<string>? subsets)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            var clause = Clause(text, match);
            if (clause.ContainsAny(OtherProcedures) || (subsets is not null && clause.ContainsAny(subsets))
                || InAnotherYear(text, match.Index, year))
            {
                continue;
            }

            if ((match.Groups["n"].Success ? ReadCount(match) : 0) is { } value)
            {
                return new Statement(match.Index, match.Value, value);
            }
        }

        return null;
    }

    // "行政复议3件" / "被提起行政诉讼3件": the count of one procedure, not of a result ("纠错1件"), not of the other
    // procedure ("行政复议和行政诉讼共3件"), and for litigation not of one kind only ("直接起诉", "复议后").
    private static Statement? ReviewStatement(int? year, string text, Regex pattern, string otherProcedure, SearchValues<string> excludedBefore)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            var between = match.Groups["mid"].ValueSpan;
            var start = text.AsSpan(0, match.Index).LastIndexOfAny(",;。:、") + 1;
            var before = text.AsSpan(start, match.Index - start);
            if (between.ContainsAny(ReviewBreakdowns) || between.Contains(otherProcedure, StringComparison.Ordinal)
                || before.ContainsAny(excludedBefore) || InAnotherYear(text, match.Index, year))
            {
                continue;
            }

            if (ReadCount(match) is { } value)
            {
                return new Statement(match.Index, match.Value, value);
            }
        }

        return null;
    }

    // "未发生…行政复议、…行政诉讼…": zero for each procedure the clause names, unless it denies only a result
    // ("未出现行政复议被纠错的情况") or what a pending case has not yet produced ("尚未收到复议决定").
    private static Statement? NoneStatement(int? year, string text, string procedure)
    {
        for (var match = NoneOfProcedures().Match(text); match.Success; match = match.NextMatch())
        {
            var body = match.Groups["body"].ValueSpan;
            var at = body.IndexOf(procedure, StringComparison.Ordinal);
            if (at >= 0 && !body.ContainsAny(ReviewResults) && !body[(at + procedure.Length)..].ContainsAny(ProcedureOutcomes)
                && !InAnotherYear(text, match.Index, year))
            {
                return new Statement(match.Index, match.Value, 0);
            }
        }

        return null;
    }

    // "上年结转的申请已全部办结" speaks of last year's applications only, not of row 四; "上年结转和本年新收的申请…"
    // speaks of all of them.
    private static bool OnlyCarriedOver(ReadOnlySpan<char> subject) =>
        subject.Contains("结转", StringComparison.Ordinal)
        && !subject.Contains("本年", StringComparison.Ordinal) && !subject.Contains("今年", StringComparison.Ordinal)
        && !subject.Contains("新收", StringComparison.Ordinal) && !subject.Contains("收到", StringComparison.Ordinal)
        && !subject.Contains("受理", StringComparison.Ordinal);

    // "2022年共收到申请37件", "较去年增加": a sentence about another year is not about this year's tables.
    private static bool InAnotherYear(string text, int index, int? year) =>
        year is { } y && SpeaksOfAnotherYear(Sentence(text, index), y);

    // A four-digit year other than the report's, or 去年/上一年/同比/上年 (but not 上年结转).
    private static bool SpeaksOfAnotherYear(ReadOnlySpan<char> text, int year)
    {
        if (text.Contains("去年", StringComparison.Ordinal) || text.Contains("同比", StringComparison.Ordinal)
            || text.Contains("上一年", StringComparison.Ordinal))
        {
            return true;
        }

        for (var rest = text; rest.IndexOf("上年", StringComparison.Ordinal) is var index and >= 0; rest = rest[(index + 2)..])
        {
            var after = rest[(index + 2)..];
            if (!after.StartsWith("结转", StringComparison.Ordinal) && !after.StartsWith("度结转", StringComparison.Ordinal))
            {
                return true;
            }
        }

        for (var index = 4; index < text.Length; index++)
        {
            if (text[index] == '年' && (index == 4 || !char.IsAsciiDigit(text[index - 5]))
                && int.TryParse(text.Slice(index - 4, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var stated)
                && stated != year)
            {
                return true;
            }
        }

        return false;
    }

    private static decimal? ReadCount(Match match) => NarrativeText.ParseNumber(match.Groups["n"].ValueSpan);

    private static bool IsNegated(string text, int index) =>
        index > 0 && (text[index - 1] == '未' || (index > 1 && text.AsSpan(index - 2, 2).SequenceEqual("没有")));

    // The clause around a match: from the separator before it to the separator after it.
    private static ReadOnlySpan<char> Clause(string text, Match match)
    {
        var start = text.AsSpan(0, match.Index).LastIndexOfAny(",;。:") + 1;
        var after = text.AsSpan(match.Index + match.Length).IndexOfAny(",;。:");
        var end = after < 0 ? text.Length : match.Index + match.Length + after;
        return text.AsSpan(start, end - start);
    }

    // The clause from the separator before a match to the match's end.
    private static ReadOnlySpan<char> ClauseUpTo(string text, Match match)
    {
        var start = text.AsSpan(0, match.Index).LastIndexOfAny(",;。:") + 1;
        return text.AsSpan(start, match.Index + match.Length - start);
    }

    // The sentence around a position: between the full stops (or the line's ends).
    private static ReadOnlySpan<char> Sentence(string text, int index)
    {
        var start = text.AsSpan(0, index).LastIndexOf('。') + 1;
        var after = text.AsSpan(index).IndexOf('。');
        var end = after < 0 ? text.Length : index + after;
        return text.AsSpan(start, end - start);
    }

    private sealed record Statement(int Index, string Text, decimal Value);

    [GeneratedRegex("(?:收到|受理|新收|接收|接到)" + Gap + "{0,20}?申请" + Filler + Count)]
    private static partial Regex ReceivedCount();

    [GeneratedRegex("(?:收到|受理|新收|接收|接到|全年|本年度?|今年)" + Gap + "{0,10}?依申请公开(?:申请)?(?:件数|数量|数)" + Filler + Count)]
    private static partial Regex ReceivedPhrasedCount();

    [GeneratedRegex("本年度?新收" + Gap + "{0,20}?" + Count)]
    private static partial Regex NewReceivedCount();

    // "未收到…申请", but not "未收到补正材料的申请" or "未收到申请人的…": those are about one application's papers.
    [GeneratedRegex("未(?:收到|受理|接到|接收)(?:(?!补正|材料|答复|回复|决定|通知|意见|费)[^。;,]){0,20}?申请(?!人)")]
    private static partial Regex NoneReceived();

    [GeneratedRegex("上年度?结转" + Gap + "{0,20}?" + Count)]
    private static partial Regex CarriedOverCount();

    [GeneratedRegex("(?:办结|答复)了?(?:政府信息公开|依申请公开|信息公开)?(?:申请)?" + Filler + Count)]
    private static partial Regex ProcessedCount();

    [GeneratedRegex("(?:均|全部|都)(?:已经|已)?(?:全部|按时|按期|依法|及时)*(?:回复|答复|办结|办理完毕|处理完毕|办理完成)")]
    private static partial Regex AllConcluded();

    [GeneratedRegex("结转(?:至|到)?下一?年度?(?:继续办理|办理)?的?(?:申请)?" + Filler + Count)]
    private static partial Regex CarriedForwardCount();

    [GeneratedRegex(Count + "(?:申请)?需?(?:结转|转入)(?:至|到)?下一?年")]
    private static partial Regex CountCarriedForward();

    [GeneratedRegex("行政复议(?<mid>" + Gap + "{0,10}?)" + Count)]
    private static partial Regex ReconsiderationCount();

    [GeneratedRegex("行政诉讼(?<mid>" + Gap + "{0,10}?)" + Count)]
    private static partial Regex LitigationCount();

    [GeneratedRegex("(?:未|没有)(?:发生|收到|出现|接到|产生|涉及|有)(?<body>[^。;,]{0,40})")]
    private static partial Regex NoneOfProcedures();
}
