using Gongkai.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>
/// Table 二（一） from the catalogue: 本年制发、本年废止、现行有效 of 规章 and 行政规范性文件, counted from the normative
/// documents' dates, offered to the annual-report workspace as suggestions with their source. An agency that keeps no
/// rules or normative documents in the catalogue gets no suggestions: zeros from an unused catalogue would be wrong.
/// </summary>
public sealed class CatalogTable2Source(NormativeDocumentCounts counts) : ITable2Source
{
    public async Task<IReadOnlyList<Table2Suggestion>> SuggestAsync(Guid agencyId, int year, CancellationToken cancellationToken = default)
    {
        if (!await counts.Documents(agencyId).AnyAsync(cancellationToken))
        {
            return [];
        }

        var figures = await counts.For(agencyId, year, cancellationToken);
        return
        [
            .. figures.ByField.Select(f => new Table2Suggestion(f.Key, f.Value,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"政府信息公开目录：{year}年的规章和行政规范性文件（按成文日期、废止日期和有效期统计）"))),
        ];
    }
}
