using BenchmarkDotNet.Attributes;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Benchmarks;

/// <summary>
/// Validating one realistic report (all three tables filled, six sections of narrative, table labels) alone and
/// with its previous year. A supervisor checks thousands of reports in a batch, so this is the per-report cost.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private AnnualReport _report = null!;
    private AnnualReport _previous = null!;

    [GlobalSetup]
    public void Setup()
    {
        _report = BuildReport(2023, receivedNaturalPerson: 41);
        _previous = BuildReport(2022, receivedNaturalPerson: 41);
    }

    [Benchmark(Baseline = true)]
    public int Validate() => ReportValidator.Validate(_report).Count;

    [Benchmark]
    public int ValidateWithPreviousYear() => ReportValidator.Validate(_report, _previous).Count;

    private static AnnualReport BuildReport(int year, decimal receivedNaturalPerson)
    {
        var report = new AnnualReport
        {
            Title = NationalFormat.Title("示例市数据局", year),
            TitleLocation = SourceLocation.AtLine(1),
            Organization = "示例市数据局",
            Year = year,
        };

        var fields = NationalFormat.Table2Fields(ReportFormat.Format2021);
        for (var i = 0; i < fields.Count; i++)
        {
            report.Table2[fields[i]] = Cell.Parse((i + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), SourceLocation.InTable(1, i + 1, 2));
        }

        // Every column: granted 2, not held 1, carried forward 1, carried over 1, so received = 3.
        var totals = new decimal[Table3.RowCount];
        for (var c = 0; c < 6; c++)
        {
            var column = (Table3Column)c;
            foreach (var definition in NationalFormat.Table3Rows(ReportFormat.Format2021))
            {
                var value = definition.Row switch
                {
                    Table3Row.Granted => 2,
                    Table3Row.UnableNotHeld or Table3Row.CarriedForward or Table3Row.CarriedOver => 1,
                    Table3Row.TotalProcessed => 3,
                    Table3Row.NewReceived => c == 0 ? receivedNaturalPerson : 3,
                    _ => 0m,
                };
                report.Table3[definition.Row, column] = Cell.Of(value, SourceLocation.InTable(2, (int)definition.Row + 4, c + 3));
                totals[(int)definition.Row] += value;
            }
        }

        foreach (var definition in NationalFormat.Table3Rows(ReportFormat.Format2021))
        {
            report.Table3[definition.Row, Table3Column.Total] = Cell.Of(totals[(int)definition.Row], SourceLocation.InTable(2, (int)definition.Row + 4, 9));
        }

        for (var b = 0; b < Table4.BlockCount; b++)
        {
            for (var c = 0; c < Table4.ColumnCount; c++)
            {
                report.Table4[(Table4Block)b, (Table4Column)c] = Cell.Of(c == 4 ? 2 : c == 0 ? 2 : 0, SourceLocation.InTable(3, 4, (b * 5) + c + 1));
            }
        }

        var line = 3;
        foreach (var section in NationalFormat.Sections)
        {
            var text = section.Key switch
            {
                SectionKey.Overview =>
                    $"\n{year}年，本机关坚持以公开为常态、不公开为例外。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\n"
                    + "（一）主动公开。全年主动公开政府信息1260条，其中：工作动态860条；通知公告220条；政策文件及解读180条。\n\n"
                    + $"（二）依申请公开。{year}年共收到政府信息公开申请{totals[0]}件，办结{totals[(int)Table3Row.TotalProcessed]}件，结转下年度继续办理6件。\n\n"
                    + "（三）本年度因政府信息公开被申请行政复议2件，被提起行政诉讼4件。\n\n"
                    + "（四）政府信息管理。严格落实公开前保密审查和“三审三校”制度，及时更新政府信息公开指南和目录。\n\n"
                    + "（五）监督保障。将政务公开纳入年度绩效考核，全年组织业务培训2次。",
                SectionKey.Problems => "\n一是政策解读形式较为单一；二是部分栏目更新不够及时。下一步将丰富解读形式，完善信息发布审核机制。",
                SectionKey.Other => $"\n本机关{year}年度未收取信息处理费。",
                _ => "",
            };
            report.Sections.Add(new ReportSection(section.Key, section.Heading, text, SourceLocation.AtLine(line)));
            line += 14;
        }

        var rows = NationalFormat.Table3Rows(ReportFormat.Format2021);
        foreach (var definition in rows)
        {
            report.Labels.Add(new ObservedLabel(ReportTable.Table3, definition.Label, definition.Label.Replace('（', '(').Replace('）', ')')));
        }

        return report;
    }
}
