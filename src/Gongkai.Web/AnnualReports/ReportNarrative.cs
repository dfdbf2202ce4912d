using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.AnnualReports;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// The standard sentences of sections 一, 三 and 四 written from the tables ("插入表格数字"), so that the text and the
/// tables agree. Each sentence is phrased the way the TEXT-TABLE-MISMATCH and TEXT-SUM rules read narrative (a
/// breakdown after 其中 ends its sentence), so a later change to a table that the text no longer matches is found.
/// Labels come from <see cref="NationalFormat"/>.
/// </summary>
public static partial class ReportNarrative
{
    /// <summary>The sections that have a standard sentence.</summary>
    public static IReadOnlyList<SectionKey> Sections { get; } = [SectionKey.Overview, SectionKey.Applications, SectionKey.ReviewAndLitigation];

    private static readonly (string Label, Table3Row[] Rows)[] OutcomeGroups =
    [
        (Plain(Row(Table3Row.Granted).Label), [Table3Row.Granted]),
        (Plain(Row(Table3Row.PartiallyGranted).Label), [Table3Row.PartiallyGranted]),
        (Plain(Row(Table3Row.WithheldStateSecret).Group!), Rows(Table3Row.WithheldStateSecret, Table3Row.WithheldAdministrativeQuery)),
        (Plain(Row(Table3Row.UnableNotHeld).Group!), Rows(Table3Row.UnableNotHeld, Table3Row.UnableUnclearAfterCorrection)),
        (Plain(Row(Table3Row.NotProcessedPetitionComplaint).Group!), Rows(Table3Row.NotProcessedPetitionComplaint, Table3Row.NotProcessedConfirmation)),
        (Plain(Row(Table3Row.OtherNoCorrection).Group!), Rows(Table3Row.OtherNoCorrection, Table3Row.OtherOther)),
    ];

    /// <summary>The standard paragraph for a section, or null when the section has none.</summary>
    public static string? Sentence(SectionKey section, AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var year = (report.Year ?? 0).ToString(CultureInfo.InvariantCulture);
        var t3 = report.Table3;
        var t4 = report.Table4;
        string N3(Table3Row row, Table3Column column = Table3Column.Total) => Number(t3.ValueOrZero(row, column));
        string N4(Table4Block block, Table4Column column) => Number(t4[block, column].Value ?? 0);

        return section switch
        {
            SectionKey.Overview =>
                $"{year}年，本机关共收到政府信息公开申请{N3(Table3Row.NewReceived)}件，上年结转{N3(Table3Row.CarriedOver)}件，" +
                $"办结{N3(Table3Row.TotalProcessed)}件，结转下年度继续办理{N3(Table3Row.CarriedForward)}件；" +
                $"发生政府信息公开{NationalFormat.Reconsideration}{N4(Table4Block.Reconsideration, Table4Column.Total)}件、" +
                $"{NationalFormat.Litigation}{Number(LitigationTotal(t4))}件。",
            SectionKey.Applications => ApplicationsSentence(year, t3),
            SectionKey.ReviewAndLitigation => ReviewSentence(year, t4),
            _ => null,
        };
    }

    /// <summary>
    /// The section text with the standard paragraph first: a standard paragraph already there (from an earlier
    /// insertion) is replaced, everything else staff wrote is kept below it.
    /// </summary>
    public static string Insert(SectionKey section, string? text, AnnualReport report)
    {
        var sentence = Sentence(section, report) ?? throw new ArgumentException("This section has no standard sentence.", nameof(section));
        var kept = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(line => !IsStandard(section, line.Trim()))
            .ToList();
        while (kept.Count > 0 && kept[0].Trim().Length == 0)
        {
            kept.RemoveAt(0);
        }

        return kept.Count == 0 ? sentence : sentence + "\n" + string.Join("\n", kept);
    }

    private static string ApplicationsSentence(string year, Table3 t3)
    {
        var natural = t3.ValueOrZero(Table3Row.NewReceived, Table3Column.NaturalPerson);
        var total = t3.ValueOrZero(Table3Row.NewReceived, Table3Column.Total);
        var naturalLabel = NationalFormat.Table3ColumnLabels[(int)Table3Column.NaturalPerson];
        var outcomes = string.Join("、", OutcomeGroups.Select(g => g.Label + Number(g.Rows.Sum(r => t3.ValueOrZero(r, Table3Column.Total))) + "件"));
        return $"{year}年，本机关新收政府信息公开申请{Number(total)}件，其中{naturalLabel}{Number(natural)}件、" +
               $"{NationalFormat.LegalPersonGroup}{Number(total - natural)}件。" +
               $"上年结转政府信息公开申请{Number(t3.ValueOrZero(Table3Row.CarriedOver, Table3Column.Total))}件。" +
               $"本年度办结政府信息公开申请{Number(t3.ValueOrZero(Table3Row.TotalProcessed, Table3Column.Total))}件，其中{outcomes}。" +
               $"结转下年度继续办理{Number(t3.ValueOrZero(Table3Row.CarriedForward, Table3Column.Total))}件。";
    }

    private static string ReviewSentence(string year, Table4 t4)
    {
        var columns = NationalFormat.Table4ColumnLabels;
        var results = string.Join("、", Enum.GetValues<Table4Column>().Where(c => c != Table4Column.Total)
            .Select(c => columns[(int)c] + Number(t4[Table4Block.Reconsideration, c].Value ?? 0) + "件"));
        var blocks = NationalFormat.Table4BlockLabels;
        return $"{year}年，本机关发生政府信息公开{NationalFormat.Reconsideration}{Number(t4[Table4Block.Reconsideration, Table4Column.Total].Value ?? 0)}件，其中{results}。" +
               $"发生政府信息公开{NationalFormat.Litigation}{Number(LitigationTotal(t4))}件，其中" +
               $"{blocks[(int)Table4Block.LitigationDirect]}{Number(t4[Table4Block.LitigationDirect, Table4Column.Total].Value ?? 0)}件、" +
               $"{blocks[(int)Table4Block.LitigationAfterReconsideration]}{Number(t4[Table4Block.LitigationAfterReconsideration, Table4Column.Total].Value ?? 0)}件。";
    }

    private static decimal LitigationTotal(Table4 t4) =>
        (t4[Table4Block.LitigationDirect, Table4Column.Total].Value ?? 0) + (t4[Table4Block.LitigationAfterReconsideration, Table4Column.Total].Value ?? 0);

    private static bool IsStandard(SectionKey section, string line) => section switch
    {
        SectionKey.Overview => OverviewPattern().IsMatch(line),
        SectionKey.Applications => ApplicationsPattern().IsMatch(line),
        SectionKey.ReviewAndLitigation => ReviewPattern().IsMatch(line),
        _ => false,
    };

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    private static Table3RowDefinition Row(Table3Row row) => NationalFormat.Table3RowDefinition(ReportFormat.Format2021, row)!;

    private static Table3Row[] Rows(Table3Row first, Table3Row last) =>
        [.. Enum.GetValues<Table3Row>().Where(r => r >= first && r <= last)];

    // "（三）不予公开" → "不予公开"; "（二）部分公开（区分处理的，…）" → "部分公开".
    private static string Plain(string label) => NumberingPattern().Replace(label, "");

    [GeneratedRegex("^（[一二三四五六七八九十]+）|（[^）]*）$")]
    private static partial Regex NumberingPattern();

    [GeneratedRegex(@"^\d{4}年，本机关共收到政府信息公开申请\d+件")]
    private static partial Regex OverviewPattern();

    [GeneratedRegex(@"^\d{4}年，本机关新收政府信息公开申请\d+件")]
    private static partial Regex ApplicationsPattern();

    [GeneratedRegex(@"^\d{4}年，本机关发生政府信息公开[^，。\d]{2,6}\d+件，其中")]
    private static partial Regex ReviewPattern();
}
