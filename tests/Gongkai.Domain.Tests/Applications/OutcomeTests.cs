using Gongkai.AnnualReports;
using Gongkai.Applications;

namespace Gongkai.Tests.Applications;

public class OutcomeTests
{
    [Fact]
    public void Outcomes_map_one_to_one_onto_the_outcome_rows_of_table_3()
    {
        var rows = Enum.GetValues<Outcome>().Select(o => o.Row()).ToList();

        rows.ShouldBe(NationalFormat.OutcomeRows(ReportFormat.Format2021));
        Enum.GetValues<Outcome>().ShouldAllBe(o => o.ToString() == o.Row().ToString());
    }

    [Fact]
    public void Every_outcome_cites_a_legal_basis_and_only_the_closure_rows_come_from_events()
    {
        Outcomes.All.Select(o => o.Outcome).ShouldBe(Enum.GetValues<Outcome>());
        Outcomes.All.ShouldAllBe(o => o.LegalBasis.Length > 0);
        Outcomes.All.Where(o => o.Origin != OutcomeOrigin.Reply).Select(o => o.Outcome)
            .ShouldBe([Outcome.OtherNoCorrection, Outcome.OtherUnpaidFee]);
        Outcomes.All.Where(o => !o.RequiresReason).Select(o => o.Outcome).ShouldBe([
            Outcome.Granted, Outcome.NotProcessedDuplicate, Outcome.NotProcessedPublication,
            Outcome.OtherNoCorrection, Outcome.OtherUnpaidFee,
        ]);
        Outcomes.Get(Outcome.PartiallyGranted).LegalBasis.ShouldBe("《中华人民共和国政府信息公开条例》第三十七条");
        Outcomes.Get(Outcome.UnableNotHeld).Label.ShouldBe("（四）无法提供1.本机关不掌握相关政府信息");
        Outcomes.Get(Outcome.Granted).Label.ShouldBe("（一）予以公开");
    }

    [Fact]
    public void Applicant_types_are_the_six_applicant_columns_of_table_3()
    {
        Enum.GetValues<ApplicantType>().Select(t => t.Column())
            .ShouldBe(Enum.GetValues<Table3Column>().Where(c => c != Table3Column.Total));
        Enum.GetValues<ApplicantType>().ShouldAllBe(t => (int)t == (int)t.Column());
        ApplicantType.LegalService.Label().ShouldBe("法律服务机构");
    }
}
