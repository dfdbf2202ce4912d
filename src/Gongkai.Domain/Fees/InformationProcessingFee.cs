using System.Globalization;
using System.Text;

namespace Gongkai.Fees;

/// <summary>The two ways 国办函〔2020〕109号 lets an agency charge; one application uses exactly one.</summary>
public enum FeeMethod
{
    /// <summary>按件计收: by the applicant's cumulative number of applications in the calendar month.</summary>
    ByCount,

    /// <summary>按量计收: by the pages of one application.</summary>
    ByPages,
}

/// <summary>
/// One band of a progressive fee: units <see cref="From"/>..<see cref="To"/> (1-based, inclusive) at
/// <see cref="Rate"/> yuan each. Invariant: <see cref="Amount"/> = (To − From + 1) × Rate.
/// </summary>
public sealed record FeeBand(int From, int To, decimal Rate)
{
    public int Quantity => To - From + 1;

    public decimal Amount => Quantity * Rate;
}

/// <summary>
/// A computed 信息处理费: the method, the units charged (<see cref="FirstUnit"/>..<see cref="LastUnit"/>; for
/// <see cref="FeeMethod.ByCount"/> the applicant's 1-based ordinal within the month), each band, and the total in
/// yuan. Invariant: <see cref="Amount"/> is the sum of the bands' amounts and the bands cover the units exactly.
/// </summary>
public sealed record FeeQuote(FeeMethod Method, int FirstUnit, int LastUnit, IReadOnlyList<FeeBand> Bands)
{
    public int Quantity => LastUnit - FirstUnit + 1;

    public decimal Amount => Bands.Sum(b => b.Amount);

    /// <summary>The computation in Chinese, one band per line, for notices, the UI and the CLI.</summary>
    public string ToChinese()
    {
        var unit = Method == FeeMethod.ByCount ? "件" : "页";
        var text = new StringBuilder();
        text.Append(Method == FeeMethod.ByCount
            ? "按件计收（同一申请人同一自然月内累计件数，超额累进）"
            : "按量计收（同一申请的页数，超额累进）");
        text.Append('，').Append(InformationProcessingFee.Basis).AppendLine("：");
        if (Method == FeeMethod.ByCount && FirstUnit > 1)
        {
            text.AppendLine(Invariant($"  本月此前已有{FirstUnit - 1}件，本次为第{FirstUnit}至{LastUnit}件"));
        }

        foreach (var band in Bands)
        {
            text.Append(Invariant($"  第{band.From}至{band.To}{unit}：{band.Quantity}{unit}"));
            text.AppendLine(band.Rate == 0
                ? "，免费"
                : Invariant($" × {Yuan(band.Rate)}元 = {Yuan(band.Amount)}元"));
        }

        text.Append(Invariant($"  合计：{Yuan(Amount)}元"));
        return text.ToString();
    }

    internal static string Yuan(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// 信息处理费 under 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）. Both methods are progressive:
/// 按件 (per applicant per calendar month, cumulative) 1–10 free, 11–30 at 100 yuan, then bands of 10 each 100 yuan
/// dearer (31–40: 200, 41–50: 300 …); 按量 (per application) pages 1–30 free, 31–100 at 10, 101–200 at 20, 201+ at 40.
/// </summary>
public static class InformationProcessingFee
{
    public const string Basis = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";

    /// <summary>The applicant has this many working days, from the day after receiving the notice, to pay.</summary>
    public const int PaymentWorkingDays = 20;

    private static readonly (int From, decimal Rate)[] PageBands = [(1, 0m), (31, 10m), (101, 20m), (201, 40m)];

    /// <summary>
    /// The fee for <paramref name="count"/> applications by one applicant that follow <paramref name="earlierInMonth"/>
    /// earlier applications of the same calendar month (so the first of them is number earlierInMonth + 1).
    /// </summary>
    public static FeeQuote ByCount(int count, int earlierInMonth = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(earlierInMonth);
        var first = earlierInMonth + 1;
        var last = checked(earlierInMonth + count);
        var bands = new List<FeeBand>();
        for (var from = first; from <= last;)
        {
            var bandEnd = Math.Min(CountBandEnd(from), last);
            bands.Add(new FeeBand(from, bandEnd, RatePerApplication(from)));
            from = bandEnd + 1;
        }

        return new FeeQuote(FeeMethod.ByCount, first, last, bands);
    }

    /// <summary>The fee for one application of <paramref name="pages"/> pages (0 pages: nothing to charge, no bands).</summary>
    public static FeeQuote ByPages(int pages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        var bands = new List<FeeBand>();
        for (var i = 0; i < PageBands.Length && PageBands[i].From <= pages; i++)
        {
            var to = i + 1 < PageBands.Length ? Math.Min(PageBands[i + 1].From - 1, pages) : pages;
            bands.Add(new FeeBand(PageBands[i].From, to, PageBands[i].Rate));
        }

        return new FeeQuote(FeeMethod.ByPages, 1, pages, bands);
    }

    /// <summary>The rate of the <paramref name="ordinal"/>-th application of an applicant in a calendar month.</summary>
    public static decimal RatePerApplication(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        return ordinal switch
        {
            <= 10 => 0m,
            <= 30 => 100m,
            _ => 100m * (2 + ((ordinal - 31) / 10)),
        };
    }

    /// <summary>The rate of the <paramref name="page"/>-th page of an application.</summary>
    public static decimal RatePerPage(int page)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var rate = 0m;
        foreach (var (from, bandRate) in PageBands)
        {
            if (page >= from)
            {
                rate = bandRate;
            }
        }

        return rate;
    }

    private static int CountBandEnd(int ordinal) => ordinal switch
    {
        <= 10 => 10,
        <= 30 => 30,
        _ => 30 + ((((ordinal - 31) / 10) + 1) * 10),
    };
}
