namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// Conformance to the national format: table labels and section headings (FMT-HEADER), the six sections and their
/// order (FMT-SECTION), and the format edition for the report year (FMT-OLD-FORMAT).
/// </summary>
internal static class FormatRules
{
    /// <summary>The first report year that must use 国办公开办函〔2021〕30号.</summary>
    public const int FirstYearOf2021Format = 2021;

    private const string Notice2021 = "国办公开办函〔2021〕30号";
    private const string Notice2019 = "国办公开办函〔2019〕60号";
    private const string MissingText = "(缺失)";

    private static readonly SectionKey[] SectionKeys = Enum.GetValues<SectionKey>();
    private static readonly string CanonicalOrder = string.Join("、", SectionKeys.Select(FindingText.SectionNumeral));

    /// <summary>
    /// FMT-HEADER, in document order: each section heading, then the labels of the table that section holds.
    /// </summary>
    public static void CheckHeaders(AnnualReport report, List<Finding> findings)
    {
        var notice = report.Format == ReportFormat.Format2019 ? Notice2019 : Notice2021;
        foreach (var key in SectionKeys)
        {
            foreach (var section in report.Sections)
            {
                var expected = NationalFormat.Section(key).Heading;
                if (section.Key == key && !LabelText.AreEquivalent(section.Heading, expected))
                {
                    findings.Add(RuleCatalogue.Finding(
                        RuleCatalogue.FmtHeader,
                        $"第{FindingText.SectionNumeral(key)}部分的标题「{section.Heading.Trim()}」与国家格式「{expected}」不一致。请按{notice}格式改正。",
                        section.Location,
                        expected: expected,
                        actual: section.Heading.Trim()));
                }
            }

            if (TableOf(key) is not { } table)
            {
                continue;
            }

            foreach (var label in report.Labels)
            {
                if (label.Table == table && !LabelText.AreEquivalent(label.Actual, label.Expected))
                {
                    findings.Add(RuleCatalogue.Finding(
                        RuleCatalogue.FmtHeader,
                        $"{FindingText.TableName(table)}中的「{label.Actual.Trim()}」与国家格式「{label.Expected}」不一致。请按{notice}格式改正。",
                        label.Location,
                        expected: label.Expected,
                        actual: label.Actual.Trim()));
                }
            }
        }
    }

    /// <summary>FMT-SECTION: each missing section, each repeated section, then one finding if the order is wrong.</summary>
    public static void CheckSections(AnnualReport report, List<Finding> findings)
    {
        var sections = report.Sections;
        Span<bool> present = stackalloc bool[SectionKeys.Length];
        foreach (var section in sections)
        {
            present[(int)section.Key] = true;
        }

        foreach (var key in SectionKeys)
        {
            if (!present[(int)key])
            {
                var heading = NationalFormat.Section(key).Heading;
                findings.Add(RuleCatalogue.Finding(
                    RuleCatalogue.FmtSection,
                    $"缺少第{FindingText.SectionNumeral(key)}部分「{heading}」。年度报告应依次包含国家格式规定的六个部分，请补充。",
                    expected: heading,
                    actual: MissingText));
            }
        }

        Span<int> seen = stackalloc int[SectionKeys.Length];
        SourceLocation? firstMisplaced = null;
        var misordered = false;
        var highest = -1;
        foreach (var section in sections)
        {
            var index = (int)section.Key;
            if (++seen[index] > 1)
            {
                findings.Add(RuleCatalogue.Finding(
                    RuleCatalogue.FmtSection,
                    $"第{FindingText.SectionNumeral(section.Key)}部分「{NationalFormat.Section(section.Key).Heading}」重复出现。请合并为一处。",
                    section.Location,
                    expected: "1",
                    actual: seen[index].ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }

            if (index < highest && !misordered)
            {
                misordered = true;
                firstMisplaced = section.Location;
            }

            highest = Math.Max(highest, index);
        }

        if (!misordered)
        {
            return;
        }

        var actualOrder = string.Join("、", sections.Select(s => FindingText.SectionNumeral(s.Key)));
        findings.Add(RuleCatalogue.Finding(
            RuleCatalogue.FmtSection,
            $"报告各部分的顺序为 {actualOrder}，与国家格式不一致。请按 {CanonicalOrder} 的顺序排列。",
            firstMisplaced,
            expected: CanonicalOrder,
            actual: actualOrder));
    }

    /// <summary>FMT-OLD-FORMAT: a report for 2021 or later in the 2019 format.</summary>
    public static void CheckOldFormat(AnnualReport report, List<Finding> findings)
    {
        if (report.Format != ReportFormat.Format2019 || report.Year is not { } year || year < FirstYearOf2021Format)
        {
            return;
        }

        findings.Add(RuleCatalogue.Finding(
            RuleCatalogue.FmtOldFormat,
            string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"本报告为 {year} 年度报告，却使用了{Notice2019}的旧版表格。{FirstYearOf2021Format} 年度起应使用{Notice2021}格式，请按新格式重新填报表二、表三。"),
            report.TitleLocation,
            expected: Notice2021,
            actual: Notice2019));
    }

    private static ReportTable? TableOf(SectionKey key) => key switch
    {
        SectionKey.ProactiveDisclosure => ReportTable.Table2,
        SectionKey.Applications => ReportTable.Table3,
        SectionKey.ReviewAndLitigation => ReportTable.Table4,
        _ => null,
    };
}
