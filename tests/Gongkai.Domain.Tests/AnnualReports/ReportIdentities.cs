using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports;

/// <summary>
/// Checks tables computed from cases against the report engine's whole rule catalogue: the tables are put into an
/// otherwise complete report (title, the six sections with text that states no numbers, table 二 filled) so that any
/// finding can only come from the computed tables.
/// </summary>
internal static class ReportIdentities
{
    public static IReadOnlyList<Finding> Errors(AnnualReport report) => ReportValidator.Validate(report);

    public static IReadOnlyList<Finding> CrossYearErrors(AnnualReport previous, AnnualReport current) => ReportValidator.Validate(current, previous);

    public static AnnualReport Report(CaseTableSet tables, int year)
    {
        var report = new AnnualReport
        {
            Organization = "示范县教育局",
            Year = year,
            Title = NationalFormat.Title("示范县教育局", year),
        };
        foreach (var section in NationalFormat.Sections)
        {
            report.Sections.Add(new ReportSection(section.Key, section.Heading, section.Key switch
            {
                SectionKey.Problems => "信息公开的及时性还需提高，下一步将完善信息发布审核流程。",
                SectionKey.Other => "本年度未收取信息处理费。",
                _ => "本机关依法做好政府信息公开工作。",
            }));
        }

        foreach (var field in NationalFormat.Table2Fields(ReportFormat.Format2021))
        {
            report.Table2[field] = Cell.Of(0);
        }

        tables.CopyTo(report);
        return report;
    }
}
