using Gongkai.AnnualReports;
using Gongkai.Catalog;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Catalog;

public class NormativeDocumentTallyTests
{
    private static NormativeDocumentDates Doc(string issued, string? repealed = null, string? expires = null, CatalogItemKind kind = CatalogItemKind.NormativeDocument) =>
        new(kind, Day.Of(issued), repealed is null ? null : Day.Of(repealed), expires is null ? null : Day.Of(expires));

    [Fact]
    public void A_repeal_on_the_last_day_of_the_year_takes_the_document_out_of_force_that_year()
    {
        var documents = new[] { Doc("2022-05-01", repealed: "2024-12-31") };

        NormativeDocumentTally.Count(documents, 2024).ShouldBe(new NormativeDocumentFigures(2024, 0, 0, 0, 0, 1, 0));
        NormativeDocumentTally.Count(documents, 2023).ShouldBe(new NormativeDocumentFigures(2023, 0, 0, 0, 0, 0, 1));
    }

    [Fact]
    public void A_repeal_on_the_first_day_of_the_next_year_leaves_it_in_force_at_year_end()
    {
        var documents = new[] { Doc("2022-05-01", repealed: "2025-01-01") };

        NormativeDocumentTally.Count(documents, 2024).ShouldBe(new NormativeDocumentFigures(2024, 0, 0, 0, 0, 0, 1));
        NormativeDocumentTally.Count(documents, 2025).ShouldBe(new NormativeDocumentFigures(2025, 0, 0, 0, 0, 1, 0));
    }

    [Fact]
    public void A_document_issued_and_repealed_in_one_year_counts_in_both_and_not_in_force()
    {
        NormativeDocumentTally.Count([Doc("2024-02-01", repealed: "2024-11-30")], 2024)
            .ShouldBe(new NormativeDocumentFigures(2024, 0, 0, 0, 1, 1, 0));
    }

    [Fact]
    public void A_validity_period_includes_its_last_day_and_a_lapse_is_not_a_repeal()
    {
        NormativeDocumentTally.Count([Doc("2019-12-31", expires: "2024-12-31")], 2024).NormativeDocumentsInForce.ShouldBe(1);
        var lapsed = NormativeDocumentTally.Count([Doc("2019-12-30", expires: "2024-12-30")], 2024);
        lapsed.NormativeDocumentsInForce.ShouldBe(0);
        lapsed.NormativeDocumentsRepealed.ShouldBe(0);
    }

    [Fact]
    public void Documents_issued_after_the_year_are_not_counted_and_other_kinds_are_ignored()
    {
        var documents = new[]
        {
            Doc("2025-01-01"),
            Doc("2024-06-01", kind: CatalogItemKind.General),
            Doc("2024-06-01", kind: CatalogItemKind.Interpretation),
        };

        NormativeDocumentTally.Count(documents, 2024).ShouldBe(new NormativeDocumentFigures(2024, 0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public void Rules_and_normative_documents_are_counted_apart_across_several_years_of_repeals()
    {
        var documents = new[]
        {
            Doc("2020-03-01", kind: CatalogItemKind.Rule),
            Doc("2023-07-01", repealed: "2024-03-01", kind: CatalogItemKind.Rule),
            Doc("2024-08-01", kind: CatalogItemKind.Rule),
            Doc("2021-01-10", repealed: "2023-06-30"),
            Doc("2022-04-01", repealed: "2024-06-30"),
            Doc("2024-01-05"),
            Doc("2024-09-09"),
            Doc("2024-12-31", repealed: "2026-01-01"),
        };

        var figures = NormativeDocumentTally.Count(documents, 2024);

        figures.ShouldBe(new NormativeDocumentFigures(2024, 1, 1, 2, 3, 1, 3));
        figures.ByField[Table2Field.RegulationsIssued].ShouldBe(1);
        figures.ByField[Table2Field.RegulationsRepealed].ShouldBe(1);
        figures.ByField[Table2Field.RegulationsInForce].ShouldBe(2);
        figures.ByField[Table2Field.NormativeDocumentsIssued].ShouldBe(3);
        figures.ByField[Table2Field.NormativeDocumentsRepealed].ShouldBe(1);
        figures.ByField[Table2Field.NormativeDocumentsInForce].ShouldBe(3);
        NormativeDocumentTally.Count(documents, 2023).ShouldBe(new NormativeDocumentFigures(2023, 1, 0, 2, 0, 1, 1));
    }
}
