using Gongkai.AnnualReports;

namespace Gongkai.Tests.AnnualReports;

/// <summary>
/// Complete, consistent reports built in code: every identity of the format holds (per column 一+二 = （七）+四,
/// （七） = the sum of the outcome rows, 总计 = the six applicant columns, table 四 totals), most cells are non-zero,
/// and every cell has a source location (table 二 as text lines, tables 三 and 四 as table cells, table 四 on page 2).
/// Each call builds a new report, so tests may change it.
/// </summary>
public static class SampleReports
{
    public const string Organization = "示例市数据局";
    public const int Year = 2023;

    // Rows （一）…（六）3 of table 三, six applicant columns each (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他).
    private static readonly Dictionary<Table3Row, int[]> Outcomes = new()
    {
        [Table3Row.Granted] = [40, 12, 1, 2, 3, 1],
        [Table3Row.PartiallyGranted] = [6, 2, 0, 0, 1, 0],
        [Table3Row.WithheldStateSecret] = [1, 0, 0, 0, 0, 0],
        [Table3Row.WithheldProhibitedByLaw] = [0, 1, 0, 0, 0, 0],
        [Table3Row.WithheldThreeSecurityOneStability] = [1, 0, 0, 0, 0, 0],
        [Table3Row.WithheldThirdPartyRights] = [3, 2, 0, 0, 0, 0],
        [Table3Row.WithheldInternalAffairs] = [2, 0, 0, 0, 0, 0],
        [Table3Row.WithheldProcessInformation] = [4, 1, 0, 0, 1, 0],
        [Table3Row.WithheldEnforcementCaseFiles] = [1, 0, 0, 0, 0, 0],
        [Table3Row.WithheldAdministrativeQuery] = [2, 1, 0, 0, 0, 0],
        [Table3Row.UnableNotHeld] = [15, 4, 0, 1, 2, 1],
        [Table3Row.UnableNeedsCreation] = [3, 1, 0, 0, 0, 0],
        [Table3Row.UnableUnclearAfterCorrection] = [2, 0, 0, 0, 0, 0],
        [Table3Row.NotProcessedPetitionComplaint] = [5, 0, 0, 0, 0, 1],
        [Table3Row.NotProcessedDuplicate] = [4, 1, 0, 0, 0, 0],
        [Table3Row.NotProcessedPublication] = [1, 0, 0, 0, 0, 0],
        [Table3Row.NotProcessedExcessive] = [2, 0, 0, 0, 0, 0],
        [Table3Row.NotProcessedConfirmation] = [1, 0, 0, 0, 0, 0],
        [Table3Row.OtherNoCorrection] = [3, 1, 0, 0, 0, 0],
        [Table3Row.OtherUnpaidFee] = [1, 0, 0, 0, 0, 0],
        [Table3Row.OtherOther] = [2, 0, 0, 0, 1, 0],
    };

    private static readonly int[] CarriedOver = [5, 2, 0, 0, 0, 0];
    private static readonly int[] CarriedForward = [7, 1, 0, 1, 0, 0];

    private static readonly Dictionary<Table2Field, decimal> Table2Values2021 = new()
    {
        [Table2Field.RegulationsIssued] = 2,
        [Table2Field.RegulationsRepealed] = 1,
        [Table2Field.RegulationsInForce] = 15,
        [Table2Field.NormativeDocumentsIssued] = 11,
        [Table2Field.NormativeDocumentsRepealed] = 3,
        [Table2Field.NormativeDocumentsInForce] = 119,
        [Table2Field.Licensing] = 1234,
        [Table2Field.Penalty] = 56,
        [Table2Field.Enforcement] = 7,
        [Table2Field.FeesWanYuan] = 110.139m,
    };

    private static readonly Dictionary<Table2Field, decimal> Table2Values2019 = new()
    {
        [Table2Field.RegulationsMade2019] = 1,
        [Table2Field.RegulationsPublished2019] = 1,
        [Table2Field.RegulationsTotal2019] = 12,
        [Table2Field.NormativeDocumentsMade2019] = 9,
        [Table2Field.NormativeDocumentsPublished2019] = 9,
        [Table2Field.NormativeDocumentsTotal2019] = 87,
        [Table2Field.LicensingPrevious2019] = 40,
        [Table2Field.LicensingChange2019] = -8,
        [Table2Field.LicensingDecisions2019] = 1021,
        [Table2Field.OtherServicesPrevious2019] = 16,
        [Table2Field.OtherServicesChange2019] = 2,
        [Table2Field.OtherServicesDecisions2019] = 340,
        [Table2Field.PenaltyPrevious2019] = 25,
        [Table2Field.PenaltyChange2019] = 0,
        [Table2Field.PenaltyDecisions2019] = 48,
        [Table2Field.EnforcementPrevious2019] = 6,
        [Table2Field.EnforcementChange2019] = 1,
        [Table2Field.EnforcementDecisions2019] = 5,
        [Table2Field.FeesPrevious2019] = 3,
        [Table2Field.FeesChange2019] = -1,
        [Table2Field.ProcurementCount2019] = 14,
        [Table2Field.ProcurementAmountWanYuan2019] = 356.25m,
    };

    // 结果维持, 结果纠正, 其他结果, 尚未审结 per block; 总计 is their sum.
    private static readonly int[][] Table4Values = [[2, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1]];

    public static AnnualReport Complete2021() => Build(ReportFormat.Format2021);

    /// <summary>A report in the 2019 format: its own table 二, and （六）其他处理 as one row (holding the three 2021 rows' sum).</summary>
    public static AnnualReport Complete2019() => Build(ReportFormat.Format2019);

    /// <summary>The section texts of the samples: two paragraphs each, the second with characters that need escaping.</summary>
    public static string SectionText(SectionKey key) =>
        $"本部分第一段：本年度依法做好相关工作，共计 {(int)key + 1} 件。\n第二段写明 A&B <比较> \"引号\" 的处理。";

    private static AnnualReport Build(ReportFormat format)
    {
        var report = new AnnualReport
        {
            Title = NationalFormat.Title(Organization, format == ReportFormat.Format2019 ? 2020 : Year),
            Organization = Organization,
            Year = format == ReportFormat.Format2019 ? 2020 : Year,
            Format = format,
        };
        foreach (var definition in NationalFormat.Sections)
        {
            report.Sections.Add(new ReportSection(definition.Key, definition.Heading, SectionText(definition.Key)));
        }

        var line = 20;
        foreach (var (field, value) in format == ReportFormat.Format2019 ? Table2Values2019 : Table2Values2021)
        {
            report.Table2[field] = Cell.Of(value, SourceLocation.AtLine(line++, 8));
        }

        FillTable3(report);
        for (var b = 0; b < Table4Values.Length; b++)
        {
            var values = Table4Values[b].Append(Table4Values[b].Sum()).ToArray();
            for (var c = 0; c < values.Length; c++)
            {
                report.Table4[(Table4Block)b, (Table4Column)c] =
                    Cell.Of(values[c], new SourceLocation(Table: 3, Row: 4, Cell: (b * 5) + c + 1, Page: 2));
            }
        }

        return report;
    }

    private static void FillTable3(AnnualReport report)
    {
        var rows = new Dictionary<Table3Row, int[]>(Outcomes);
        if (report.Format == ReportFormat.Format2019)
        {
            rows[Table3Row.OtherOther] = Sum(Outcomes[Table3Row.OtherNoCorrection], Outcomes[Table3Row.OtherUnpaidFee], Outcomes[Table3Row.OtherOther]);
            rows.Remove(Table3Row.OtherNoCorrection);
            rows.Remove(Table3Row.OtherUnpaidFee);
        }

        var total = Sum([.. rows.Values]);
        rows[Table3Row.TotalProcessed] = total;
        rows[Table3Row.CarriedOver] = CarriedOver;
        rows[Table3Row.CarriedForward] = CarriedForward;
        rows[Table3Row.NewReceived] = [.. total.Select((t, i) => t + CarriedForward[i] - CarriedOver[i])];

        var tableRow = 4;
        foreach (var definition in NationalFormat.Table3Rows(report.Format))
        {
            var values = rows[definition.Row];
            for (var c = 0; c < Table3.ColumnCount; c++)
            {
                var value = c < values.Length ? values[c] : values.Sum();
                report.Table3[definition.Row, (Table3Column)c] =
                    Cell.Of(value, SourceLocation.InTable(2, tableRow, c + 4));
            }

            tableRow++;
        }
    }

    private static int[] Sum(params int[][] rows) =>
        [.. Enumerable.Range(0, rows[0].Length).Select(i => rows.Sum(r => r[i]))];
}
