using Gongkai.AnnualReports;

namespace Gongkai.Catalog;

/// <summary>A 规章 or 行政规范性文件 as table 二（一） needs it: its kind, issue (成文) date and the end of its validity.</summary>
public sealed record NormativeDocumentDates(CatalogItemKind Kind, DateOnly IssuedOn, DateOnly? RepealedOn, DateOnly? ExpiresOn);

/// <summary>The six figures of table 二 block 第二十条第（一）项 for one agency and year.</summary>
public sealed record NormativeDocumentFigures(
    int Year,
    int RulesIssued,
    int RulesRepealed,
    int RulesInForce,
    int NormativeDocumentsIssued,
    int NormativeDocumentsRepealed,
    int NormativeDocumentsInForce)
{
    /// <summary>The figures keyed by the national format's table 二 fields (2021 format).</summary>
    public IReadOnlyDictionary<Table2Field, int> ByField => new Dictionary<Table2Field, int>
    {
        [Table2Field.RegulationsIssued] = RulesIssued,
        [Table2Field.RegulationsRepealed] = RulesRepealed,
        [Table2Field.RegulationsInForce] = RulesInForce,
        [Table2Field.NormativeDocumentsIssued] = NormativeDocumentsIssued,
        [Table2Field.NormativeDocumentsRepealed] = NormativeDocumentsRepealed,
        [Table2Field.NormativeDocumentsInForce] = NormativeDocumentsInForce,
    };
}

/// <summary>
/// Counts table 二（一） from the documents' dates, so the annual report never needs a hand count:
/// 本年制发 = issued (成文日期) in the year; 本年废止 = repealed in the year (a lapsed validity period is 失效, not
/// 废止, and is not counted there); 现行有效 = issued by 31 December and still in force at the end of that day
/// (not repealed on or before it, validity period not ended before it). A document issued and repealed in the same
/// year counts in both of the first two columns and not in the third.
/// </summary>
public static class NormativeDocumentTally
{
    public static NormativeDocumentFigures Count(IEnumerable<NormativeDocumentDates> documents, int year)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var yearEnd = new DateOnly(year, 12, 31);
        int rulesIssued = 0, rulesRepealed = 0, rulesInForce = 0, docsIssued = 0, docsRepealed = 0, docsInForce = 0;
        foreach (var document in documents)
        {
            var isRule = document.Kind == CatalogItemKind.Rule;
            if (!isRule && document.Kind != CatalogItemKind.NormativeDocument)
            {
                continue;
            }

            var issued = document.IssuedOn.Year == year ? 1 : 0;
            var repealed = document.RepealedOn is { } r && r.Year == year ? 1 : 0;
            var inForce = document.IssuedOn <= yearEnd
                && new ValidityDates(null, document.ExpiresOn, document.RepealedOn).On(yearEnd) == Validity.Valid ? 1 : 0;
            if (isRule)
            {
                rulesIssued += issued;
                rulesRepealed += repealed;
                rulesInForce += inForce;
            }
            else
            {
                docsIssued += issued;
                docsRepealed += repealed;
                docsInForce += inForce;
            }
        }

        return new NormativeDocumentFigures(year, rulesIssued, rulesRepealed, rulesInForce, docsIssued, docsRepealed, docsInForce);
    }
}
