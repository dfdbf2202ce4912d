using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// A list's total counted only up to <see cref="Cap"/>: exact while it is small, "超过 1000" beyond, in the words of
/// the portal search's "找到超过 1000 条信息". Counting a large agency's whole history (500,000 cases on the province
/// bench) costs more than the rest of the request, and nobody pages past a thousand rows before narrowing the filters,
/// so the lists' pages stop at the cap as search's do (ADR 0014, "Staff pages at 20 connections").
/// </summary>
public readonly record struct CappedCount(int Value, bool IsCapped)
{
    /// <summary>Counts stop here (the portal search's cap too).</summary>
    public const int Cap = 1_000;

    /// <summary>Counts at most <paramref name="cap"/> + 1 rows of <paramref name="query"/> (one statement, LIMIT cap + 1).</summary>
    public static async Task<CappedCount> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken, int cap = Cap)
    {
        var counted = await query.Take(cap + 1).CountAsync(cancellationToken);
        return new(Math.Min(counted, cap), counted > cap);
    }

    /// <summary>The count in words with its unit, e.g. "12 件" or "超过 1000 件".</summary>
    public string Text(string unit) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(IsCapped ? "超过 " : "")}{Value} {unit}");
}
