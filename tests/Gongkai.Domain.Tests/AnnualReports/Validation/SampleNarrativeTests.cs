using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

/// <summary>
/// The five seed reports rebuilt in code: their section texts verbatim (<see cref="SampleNarratives"/>) and their
/// tables as printed. Expected: no errors anywhere; 000 writes "本年度止件数" for "本年废止件数"; 003's sections
/// 五 and 六 say only "无"; nothing else.
/// </summary>
public class SampleNarrativeTests
{
    [Fact]
    public void Sample_000_gets_only_the_header_typo()
    {
        var report = Build(SampleNarratives.Sample000);
        report.Table2[Table2Field.NormativeDocumentsIssued] = Cell.Of(1);
        report.Table2[Table2Field.NormativeDocumentsInForce] = Cell.Of(1);
        var block1 = NationalFormat.Table2Blocks(ReportFormat.Format2021)[0];
        var rows = NationalFormat.Table3Rows(ReportFormat.Format2021);
        var location = SourceLocation.AtLine(25, 20);
        report.Labels.Add(new ObservedLabel(ReportTable.Table2, block1.ColumnLabels[0], "本年制发件数"));
        report.Labels.Add(new ObservedLabel(ReportTable.Table2, block1.ColumnLabels[1], "本年度止件数", location));
        report.Labels.Add(new ObservedLabel(ReportTable.Table3, rows[(int)Table3Row.Granted].Label, "(一) 予以公开"));
        report.Labels.Add(new ObservedLabel(
            ReportTable.Table3, rows[(int)Table3Row.PartiallyGranted].Label, "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)"));
        report.Labels.Add(new ObservedLabel(ReportTable.Table3, rows[(int)Table3Row.WithheldStateSecret].Label, "1. 属于国家秘密"));
        report.Labels.Add(new ObservedLabel(ReportTable.Table3, rows[(int)Table3Row.WithheldThreeSecurityOneStability].Label, "3. 危及“三安全一稳定”"));
        report.Labels.Add(new ObservedLabel(ReportTable.Table3, rows[(int)Table3Row.OtherOther].Label, "3. 其他"));
        report.Labels.Add(new ObservedLabel(ReportTable.Table3, rows[(int)Table3Row.TotalProcessed].Label, "(七) 总计"));
        report.Labels.Add(new ObservedLabel(ReportTable.Table4, NationalFormat.Table4ColumnLabels[0], "结果 维持"));
        report.Labels.Add(new ObservedLabel(ReportTable.Table4, NationalFormat.Table4ColumnLabels[3], "尚未 审结"));

        var findings = ReportValidator.Validate(report);

        var finding = findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(RuleCatalogue.FmtHeader);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Expected.ShouldBe("本年废止件数");
        finding.Actual.ShouldBe("本年度止件数");
        finding.Location.ShouldBe(location);
    }

    [Fact]
    public void Sample_001_is_clean()
    {
        var report = Build(SampleNarratives.Sample001);
        foreach (var row in new[] { Table3Row.NewReceived, Table3Row.UnableNotHeld, Table3Row.TotalProcessed })
        {
            report.Table3[row, Table3Column.NaturalPerson] = Cell.Of(1);
            report.Table3[row, Table3Column.Total] = Cell.Of(1);
        }

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void Sample_002_is_clean()
    {
        var report = Build(SampleNarratives.Sample002);
        report.Table2[Table2Field.NormativeDocumentsIssued] = Cell.Of(11);
        report.Table2[Table2Field.NormativeDocumentsInForce] = Cell.Of(119);
        report.Table2[Table2Field.Penalty] = Cell.Of(5);
        report.Table2[Table2Field.FeesWanYuan] = Cell.Parse("110.139");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void Sample_003_gets_an_empty_section_five_and_a_silent_section_six()
    {
        var report = Build(SampleNarratives.Sample003);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => f.RuleId).ShouldBe([RuleCatalogue.Sec5Empty, RuleCatalogue.Sec6Fee]);
        findings[0].Location.ShouldBe(SourceLocation.AtLine(82));
        findings[0].Actual.ShouldBe("无");
        findings[1].Location.ShouldBe(SourceLocation.AtLine(86));
        findings[1].Actual.ShouldBe("无");
    }

    [Fact]
    public void Sample_004_is_clean()
    {
        ReportValidator.Validate(Build(SampleNarratives.Sample004)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("003")]
    [InlineData("004")]
    public void The_narrative_rules_stay_silent_on_every_seed_text(string name)
    {
        // All-zero tables: any number the text states other than 0 would be a TEXT-TABLE-MISMATCH, so only the
        // statements each seed makes about 0 (or nothing) may stay silent here. 001 states 1 received and is
        // checked with its own table above.
        var sample = SampleNarratives.All.Single(s => s.Name == name);
        var report = Build(sample);

        var ids = ReportValidator.Validate(report).Select(f => f.RuleId).ToList();

        ids.ShouldNotContain(RuleCatalogue.YearMismatch);
        ids.ShouldNotContain(RuleCatalogue.TextSum);
        ids.ShouldNotContain(RuleCatalogue.FmtSection);
        ids.ShouldNotContain(RuleCatalogue.FmtHeader);
        if (name != "001")
        {
            ids.ShouldNotContain(RuleCatalogue.TextTableMismatch);
        }
    }

    [Fact]
    public void Sample_001_with_a_table_that_disagrees_is_caught_on_the_right_line()
    {
        var report = Build(SampleNarratives.Sample001);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Expected.ShouldBe("0");
        finding.Actual.ShouldBe("1");
        finding.Location.ShouldBe(new SourceLocation(Line: 15));
        finding.Cells.ShouldBe(["table3.newReceived.total"]);
    }

    private static AnnualReport Build(SampleNarrative sample)
    {
        var report = new AnnualReport
        {
            Title = NationalFormat.Title(sample.Organization, sample.Year),
            TitleLocation = SourceLocation.AtLine(sample.TitleLine),
            Organization = sample.Organization,
            Year = sample.Year,
            Format = ReportFormat.Format2021,
        };
        foreach (var field in NationalFormat.Table2Fields(ReportFormat.Format2021))
        {
            report.Table2[field] = Cell.Of(0);
        }

        foreach (var row in NationalFormat.Table3Rows(ReportFormat.Format2021))
        {
            foreach (var column in Enum.GetValues<Table3Column>())
            {
                report.Table3[row.Row, column] = Cell.Of(0);
            }
        }

        foreach (var block in Enum.GetValues<Table4Block>())
        {
            foreach (var column in Enum.GetValues<Table4Column>())
            {
                report.Table4[block, column] = Cell.Of(0);
            }
        }

        foreach (var section in sample.Sections)
        {
            report.Sections.Add(section);
        }

        return report;
    }
}
