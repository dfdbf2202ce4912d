using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;
using Gongkai.Applications;
using Gongkai.Web.AnnualReports;

namespace Gongkai.Tests.Web.AnnualReports;

public class ReportNarrativeTests
{
    [Fact]
    public void The_standard_sentences_state_the_table_figures()
    {
        var report = Report(Cases2024(), Reviews2024());

        ReportNarrative.Sentence(SectionKey.Overview, report).ShouldBe(
            "2024年，本机关共收到政府信息公开申请8件，上年结转1件，办结7件，结转下年度继续办理2件；发生政府信息公开行政复议2件、行政诉讼1件。");
        ReportNarrative.Sentence(SectionKey.Applications, report).ShouldBe(
            "2024年，本机关新收政府信息公开申请8件，其中自然人3件、法人或其他组织5件。上年结转政府信息公开申请1件。" +
            "本年度办结政府信息公开申请7件，其中予以公开2件、部分公开1件、不予公开1件、无法提供1件、不予处理1件、其他处理1件。" +
            "结转下年度继续办理2件。");
        ReportNarrative.Sentence(SectionKey.ReviewAndLitigation, report).ShouldBe(
            "2024年，本机关发生政府信息公开行政复议2件，其中结果维持1件、结果纠正0件、其他结果0件、尚未审结1件。" +
            "发生政府信息公开行政诉讼1件，其中未经复议直接起诉1件、复议后起诉0件。");
        ReportNarrative.Sentence(SectionKey.Problems, report).ShouldBeNull();
    }

    [Fact]
    public void Generated_text_never_contradicts_the_tables_it_was_written_from()
    {
        var random = new Random(20241231);
        for (var run = 0; run < 300; run++)
        {
            var report = Report(RandomCases(random), RandomReviews(random));
            WriteStandardText(report);

            var findings = ReportValidator.Validate(report);

            findings.Where(f => f.RuleId is RuleCatalogue.TextTableMismatch or RuleCatalogue.TextSum or RuleCatalogue.YearMismatch)
                .ShouldBeEmpty($"run {run}: {string.Join(" | ", report.Sections.Select(s => s.Text))}");
        }
    }

    [Theory]
    [InlineData(Table3Row.NewReceived, "table3.newReceived.total")]
    [InlineData(Table3Row.CarriedOver, "table3.carriedOver.total")]
    [InlineData(Table3Row.TotalProcessed, "table3.totalProcessed.total")]
    [InlineData(Table3Row.CarriedForward, "table3.carriedForward.total")]
    public void The_validator_reads_the_generated_text_so_a_changed_table_is_found(Table3Row row, string path)
    {
        var report = Report(Cases2024(), Reviews2024());
        WriteStandardText(report);

        report.Table3[row, Table3Column.Total] = Cell.Of(report.Table3[row, Table3Column.Total].Value!.Value + 5);
        var findings = ReportValidator.Validate(report).Where(f => f.RuleId == RuleCatalogue.TextTableMismatch).ToList();

        findings.ShouldNotBeEmpty();
        findings.ShouldAllBe(f => f.Cells.Contains(path));
    }

    [Fact]
    public void A_changed_reconsideration_total_is_found_in_the_generated_text()
    {
        var report = Report(Cases2024(), Reviews2024());
        WriteStandardText(report);

        report.Table4[Table4Block.Reconsideration, Table4Column.Total] = Cell.Of(9);

        ReportValidator.Validate(report).Where(f => f.RuleId == RuleCatalogue.TextTableMismatch)
            .Select(f => (f.Expected, f.Actual)).ShouldBe([("9", "2"), ("9", "2")], "sections 一 and 四 both state 2");
    }

    [Fact]
    public void Inserting_replaces_an_earlier_standard_sentence_and_keeps_what_staff_wrote()
    {
        var report = Report(Cases2024(), Reviews2024());
        var first = ReportNarrative.Insert(SectionKey.Overview, "本机关高度重视政府信息公开工作。", report);
        first.ShouldBe(ReportNarrative.Sentence(SectionKey.Overview, report) + "\n本机关高度重视政府信息公开工作。");

        var older = first.Replace("收到政府信息公开申请8件", "收到政府信息公开申请6件", StringComparison.Ordinal);
        var again = ReportNarrative.Insert(SectionKey.Overview, older, report);

        again.ShouldBe(first);
    }

    private static void WriteStandardText(AnnualReport report)
    {
        var sections = report.Sections.ToList();
        report.Sections.Clear();
        foreach (var section in sections)
        {
            report.Sections.Add(section with { Text = ReportNarrative.Insert(section.Key, section.Text, report) });
        }
    }

    private static AnnualReport Report(IEnumerable<CaseSummary> cases, IEnumerable<ReviewRecord> reviews)
    {
        var table3 = CaseTables.BuildTable3([.. cases], 2024);
        var table4 = CaseTables.BuildTable4(reviews, 2024);
        var content = new ReportContent();
        content.Sections[SectionKey.Overview] = "本机关认真贯彻《中华人民共和国政府信息公开条例》。";
        var composed = content.Compose("示范县教育局2024年政府信息公开工作年度报告", "示范县教育局", 2024, table3, table4);
        return Keep(composed, [SectionKey.Overview, SectionKey.Applications, SectionKey.ReviewAndLitigation]);
    }

    private static AnnualReport Keep(AnnualReport report, SectionKey[] keys)
    {
        var kept = report.Sections.Where(s => keys.Contains(s.Key)).ToList();
        report.Sections.Clear();
        foreach (var section in kept)
        {
            report.Sections.Add(section);
        }

        return report;
    }

    private static CaseSummary[] Cases2024() =>
    [
        new(ApplicantType.NaturalPerson, new(2023, 12, 20), new(2024, 1, 10), Outcome.Granted),
        new(ApplicantType.NaturalPerson, new(2024, 3, 1), new(2024, 3, 11), Outcome.Granted),
        new(ApplicantType.NaturalPerson, new(2024, 4, 1), new(2024, 4, 15), Outcome.PartiallyGranted),
        new(ApplicantType.Commercial, new(2024, 5, 6), new(2024, 5, 20), Outcome.WithheldThirdPartyRights),
        new(ApplicantType.Research, new(2024, 6, 3), new(2024, 6, 14), Outcome.UnableNotHeld),
        new(ApplicantType.LegalService, new(2024, 7, 1), new(2024, 7, 5), Outcome.NotProcessedDuplicate),
        new(ApplicantType.Other, new(2024, 8, 1), new(2024, 8, 5), Outcome.OtherOther),
        new(ApplicantType.NaturalPerson, new(2024, 12, 20)),
        new(ApplicantType.PublicInterest, new(2024, 12, 25), new(2025, 1, 6), Outcome.Granted),
    ];

    private static ReviewRecord[] Reviews2024() =>
    [
        new("r1", ReviewKind.Reconsideration, "a", new(2024, 4, 1), ReviewResult.Upheld, new(2024, 5, 20)),
        new("r2", ReviewKind.LitigationDirect, "b", new(2024, 9, 2), ReviewResult.Pending, null),
        new("r3", ReviewKind.Reconsideration, "c", new(2024, 2, 1), ReviewResult.Corrected, new(2025, 1, 6)),
    ];

    private static IEnumerable<CaseSummary> RandomCases(Random random)
    {
        var count = random.Next(0, 400);
        var outcomes = Enum.GetValues<Outcome>();
        for (var i = 0; i < count; i++)
        {
            var received = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 731));
            var applicant = (ApplicantType)random.Next(0, 6);
            if (random.Next(4) == 0)
            {
                yield return new CaseSummary(applicant, received);
            }
            else
            {
                yield return new CaseSummary(applicant, received, received.AddDays(random.Next(0, 60)), outcomes[random.Next(outcomes.Length)]);
            }
        }
    }

    private static IEnumerable<ReviewRecord> RandomReviews(Random random)
    {
        var count = random.Next(0, 30);
        for (var i = 0; i < count; i++)
        {
            var filed = new DateOnly(2023, 6, 1).AddDays(random.Next(0, 700));
            var result = (ReviewResult)random.Next(0, 4);
            var concluded = result == ReviewResult.Pending ? (DateOnly?)null : filed.AddDays(random.Next(0, 200));
            yield return new ReviewRecord("r" + i, (ReviewKind)random.Next(0, 3), "a", filed, result, concluded);
        }
    }
}
