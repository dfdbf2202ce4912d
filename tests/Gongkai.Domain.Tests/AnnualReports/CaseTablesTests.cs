using FsCheck;
using FsCheck.Fluent;
using Gongkai.AnnualReports;
using Gongkai.Applications;
using Gongkai.Tests.Calendar;
using static Gongkai.Tests.Applications.CaseScript;
using Outcome = Gongkai.Applications.Outcome;

namespace Gongkai.Tests.AnnualReports;

public class CaseTablesTests
{
    private static readonly CaseSummary[] Summaries =
    [
        new(ApplicantType.NaturalPerson, Day.Of("2022-12-01"), Day.Of("2022-12-15"), Outcome.Granted), // before both years
        new(ApplicantType.NaturalPerson, Day.Of("2023-11-01"), Day.Of("2023-11-20"), Outcome.Granted),
        new(ApplicantType.Commercial, Day.Of("2023-12-20"), Day.Of("2024-01-10"), Outcome.PartiallyGranted),
        new(ApplicantType.Research, Day.Of("2024-03-01"), Day.Of("2024-03-02"), Outcome.OtherOther),
        new(ApplicantType.NaturalPerson, Day.Of("2024-12-30")),
        new(ApplicantType.LegalService, Day.Of("2023-12-31"), Day.Of("2023-12-31"), Outcome.NotProcessedDuplicate),
        new(ApplicantType.Other, Day.Of("2025-01-02")), // after both years
    ];

    [Fact]
    public void Table_3_counts_new_carried_over_concluded_and_carried_forward_applications()
    {
        var t2023 = CaseTables.BuildTable3(Summaries, 2023);
        var t2024 = CaseTables.BuildTable3(Summaries, 2024);

        Row(t2023, Table3Row.NewReceived).ShouldBe([1, 1, 0, 0, 1, 0, 3]);
        Row(t2023, Table3Row.CarriedOver).ShouldBe([0, 0, 0, 0, 0, 0, 0]);
        Row(t2023, Table3Row.Granted).ShouldBe([1, 0, 0, 0, 0, 0, 1]);
        Row(t2023, Table3Row.NotProcessedDuplicate).ShouldBe([0, 0, 0, 0, 1, 0, 1]);
        Row(t2023, Table3Row.TotalProcessed).ShouldBe([1, 0, 0, 0, 1, 0, 2]);
        Row(t2023, Table3Row.CarriedForward).ShouldBe([0, 1, 0, 0, 0, 0, 1]);

        Row(t2024, Table3Row.NewReceived).ShouldBe([1, 0, 1, 0, 0, 0, 2]);
        Row(t2024, Table3Row.CarriedOver).ShouldBe([0, 1, 0, 0, 0, 0, 1]);
        Row(t2024, Table3Row.PartiallyGranted).ShouldBe([0, 1, 0, 0, 0, 0, 1]);
        Row(t2024, Table3Row.OtherOther).ShouldBe([0, 0, 1, 0, 0, 0, 1]);
        Row(t2024, Table3Row.Granted).ShouldBe([0, 0, 0, 0, 0, 0, 0]);
        Row(t2024, Table3Row.TotalProcessed).ShouldBe([0, 1, 1, 0, 0, 0, 2]);
        Row(t2024, Table3Row.CarriedForward).ShouldBe([1, 0, 0, 0, 0, 0, 1]);
        t2024[Table3Row.Granted, Table3Column.Total].ShouldBe(Cell.Of(0));
    }

    [Fact]
    public void Table_4_counts_decisions_of_the_year_under_their_result_and_undecided_records_as_pending()
    {
        ReviewRecord[] reviews =
        [
            new("r1", ReviewKind.Reconsideration, "a", Day.Of("2023-05-10"), ReviewResult.Upheld, Day.Of("2024-02-01")),
            new("r2", ReviewKind.LitigationDirect, "a", Day.Of("2024-06-01"), ReviewResult.Pending, null),
            new("r3", ReviewKind.LitigationAfterReconsideration, "a", Day.Of("2024-01-05"), ReviewResult.Corrected, Day.Of("2024-11-30")),
            new("r4", ReviewKind.Reconsideration, "a", Day.Of("2023-01-05"), ReviewResult.Other, Day.Of("2023-06-30")),
            new("r5", ReviewKind.Reconsideration, "a", Day.Of("2025-01-05"), ReviewResult.Upheld, Day.Of("2025-02-01")),
            new("r6", ReviewKind.Reconsideration, "a", Day.Of("2024-10-08"), ReviewResult.Upheld, Day.Of("2025-02-01")),
        ];

        var t2024 = CaseTables.BuildTable4(reviews, 2024);
        var t2023 = CaseTables.BuildTable4(reviews, 2023);

        Block(t2024, Table4Block.Reconsideration).ShouldBe([1, 0, 0, 1, 2]);
        Block(t2024, Table4Block.LitigationDirect).ShouldBe([0, 0, 0, 1, 1]);
        Block(t2024, Table4Block.LitigationAfterReconsideration).ShouldBe([0, 1, 0, 0, 1]);
        Block(t2023, Table4Block.Reconsideration).ShouldBe([0, 0, 1, 1, 2]);
        Block(t2023, Table4Block.LitigationAfterReconsideration).ShouldBe([0, 0, 0, 0, 0]);
    }

    [Fact]
    public void Review_records_must_be_linked_to_an_application_of_the_agency()
    {
        var application = Registered("2024-03-01", id: "2024-007").Then(Reply("2024-03-20", Outcome.WithheldStateSecret, "涉密"));
        var linked = new ReviewRecord("F-1", ReviewKind.Reconsideration, "2024-007", Day.Of("2024-04-01"), ReviewResult.Pending, null);
        var unlinked = new ReviewRecord("F-2", ReviewKind.LitigationDirect, "2099-001", Day.Of("2024-04-01"), ReviewResult.Pending, null);

        var tables = CaseTables.Compute([application], [linked], 2024);

        tables.Table3[Table3Row.WithheldStateSecret, Table3Column.NaturalPerson].ShouldBe(Cell.Of(1));
        tables.Table4[Table4Block.Reconsideration, Table4Column.Pending].ShouldBe(Cell.Of(1));
        Should.Throw<ArgumentException>(() => CaseTables.Compute([application], [linked, unlinked], 2024))
            .Message.ShouldStartWith("以下行政复议、行政诉讼记录关联的申请不在本机关的申请中：F-2。");
        Should.Throw<ArgumentException>(() => new ReviewRecord("F-3", ReviewKind.Reconsideration, "2024-007", Day.Of("2024-04-01"), ReviewResult.Upheld, null));
        Should.Throw<ArgumentException>(() => new ReviewRecord("F-4", ReviewKind.Reconsideration, "2024-007", Day.Of("2024-04-01"), ReviewResult.Upheld, Day.Of("2024-03-01")));
    }

    [Fact]
    public void A_case_summary_packs_its_fields_without_loss()
    {
        var summary = new CaseSummary(ApplicantType.PublicInterest, Day.Of("2024-02-29"), Day.Of("2025-01-01"), Outcome.OtherUnpaidFee);

        (summary.Applicant, summary.ReceivedOn, summary.ConcludedOn, summary.Outcome)
            .ShouldBe((ApplicantType.PublicInterest, Day.Of("2024-02-29"), (DateOnly?)Day.Of("2025-01-01"), (Outcome?)Outcome.OtherUnpaidFee));
        new CaseSummary(ApplicantType.Other, Day.Of("2024-02-29")).Outcome.ShouldBeNull();
        Should.Throw<ArgumentException>(() => new CaseSummary(ApplicantType.Other, Day.Of("2024-02-29"), Day.Of("2024-03-01")));
        Should.Throw<ArgumentException>(() => new CaseSummary(ApplicantType.Other, Day.Of("2024-02-29"), Day.Of("2024-02-28"), Outcome.Granted));
    }

    [Fact]
    public void Tables_from_random_case_histories_pass_every_report_rule_and_chain_across_years()
    {
        Prop.ForAll(CaseHistories.Histories.ToArbitrary(), histories =>
        {
            var applications = histories.Select((h, i) => CaseHistories.Play(h, "A" + i, Rules)).ToList();
            var reviews = applications.Zip(histories, (a, h) => CaseHistories.Review(a, h.ReviewChoice)).OfType<ReviewRecord>().ToList();
            AnnualReport? previous = null;
            for (var year = 2023; year <= 2025; year++)
            {
                var tables = CaseTables.Compute(applications, reviews, year);
                var report = ReportIdentities.Report(tables, year);

                ReportIdentities.Errors(report).ShouldBeEmpty();
                if (previous is not null)
                {
                    ReportIdentities.CrossYearErrors(previous, report).ShouldBeEmpty();
                }

                Oracle(applications, year).ShouldBe(Values(tables.Table3), $"table 三 {year}");
                previous = report;
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Random_histories_reach_every_outcome_and_keep_some_cases_open()
    {
        // Guards the property test above against a generator that only ever produces trivial histories.
        var histories = CaseHistories.Histories.Resize(100).Sample(20, new Rnd(12345UL), 100);
        var applications = histories.SelectMany((batch, b) => batch.Select((h, i) => CaseHistories.Play(h, $"{b}-{i}", Rules))).ToList();

        Enum.GetValues<Outcome>().Except(applications.Where(a => a.Outcome is not null).Select(a => a.Outcome!.Value)).ShouldBeEmpty();
        applications.ShouldContain(a => a.IsOpen && a.Receipt.ArrivedOn.Year < 2025);
        applications.ShouldContain(a => a.Extension != null);
        applications.ShouldContain(a => a.State == CaseState.Archived);
    }

    // Table 三 counted the plain way, from the case objects, as a check on the packed single-pass aggregation.
    private static int[] Oracle(IReadOnlyList<DisclosureApplication> applications, int year)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var cells = new int[Table3.RowCount * Table3.ColumnCount];
        void Add(Table3Row row, DisclosureApplication a)
        {
            cells[((int)row * Table3.ColumnCount) + (int)a.Applicant.Column()]++;
            cells[((int)row * Table3.ColumnCount) + (int)Table3Column.Total]++;
        }

        foreach (var a in applications)
        {
            var received = a.Receipt.ReceiptDate ?? a.Receipt.ArrivedOn;
            var openOn = (DateOnly day) => received <= day && (a.ConcludedOn is null || a.ConcludedOn > day);
            if (received >= start && received <= end)
            {
                Add(Table3Row.NewReceived, a);
            }

            if (openOn(start.AddDays(-1)))
            {
                Add(Table3Row.CarriedOver, a);
            }

            if (a.ConcludedOn is { } concluded && concluded >= start && concluded <= end)
            {
                Add(a.Outcome!.Value.Row(), a);
                Add(Table3Row.TotalProcessed, a);
            }

            if (openOn(end))
            {
                Add(Table3Row.CarriedForward, a);
            }
        }

        return cells;
    }

    private static int[] Values(Table3 table) =>
        [.. Enum.GetValues<Table3Row>().SelectMany(r => Enum.GetValues<Table3Column>().Select(c => (int)table[r, c].Value!.Value))];

    private static int[] Row(Table3 table, Table3Row row) =>
        [.. Enum.GetValues<Table3Column>().Select(c => (int)table[row, c].Value!.Value)];

    private static int[] Block(Table4 table, Table4Block block) =>
        [.. Enum.GetValues<Table4Column>().Select(c => (int)table[block, c].Value!.Value)];
}
