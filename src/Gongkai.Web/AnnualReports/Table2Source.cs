using Gongkai.AnnualReports;

namespace Gongkai.Web.AnnualReports;

/// <summary>A figure for a table 二 cell that another part of the platform can vouch for, with where it came from.</summary>
/// <param name="Field">The cell.</param>
/// <param name="Value">The suggested figure (件, or 万元 for the fee amount).</param>
/// <param name="Source">Where it comes from, in Chinese, stored as the cell's source note when staff adopt it.</param>
public sealed record Table2Suggestion(Table2Field Field, decimal Value, string Source);

/// <summary>
/// The seam through which the catalogue of normative documents feeds table 二 (本年制发、本年废止、现行有效 of 规章 and
/// 行政规范性文件). The workspace shows every suggestion next to its cell and prefills empty cells of a new draft;
/// staff decide. The catalogue's implementation is <see cref="Catalog.CatalogTable2Source"/>.
/// </summary>
public interface ITable2Source
{
    Task<IReadOnlyList<Table2Suggestion>> SuggestAsync(Guid agencyId, int year, CancellationToken cancellationToken = default);
}
