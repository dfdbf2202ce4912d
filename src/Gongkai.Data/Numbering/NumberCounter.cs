using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Numbering;

/// <summary>
/// The last number an agency issued in one series (see <see cref="NumberSeries"/>). Rows are only changed by
/// <see cref="NumberCounters.TakeAsync"/>, one atomic statement inside the transaction that stores the numbered row,
/// so two requests never get the same number and a failed transaction gives its number back. There is no foreign key
/// to Agencies: <see cref="NumberCounters.Platform"/> (the empty id) numbers platform-wide series.
/// </summary>
public sealed class NumberCounter
{
    public Guid AgencyId { get; set; }

    public string Series { get; set; } = "";

    /// <summary>The last number issued; 0 when none has been.</summary>
    public long Last { get; set; }
}

/// <summary>The names of the numbered series, one place for every kind of number the platform issues.</summary>
public static class NumberSeries
{
    /// <summary>The longest series name: "letter/" and a 文号 series of up to 100 characters.</summary>
    public const int MaxLength = 120;

    /// <summary>申请编号 of the applications an agency received in a year ("2024-0001").</summary>
    public static string Applications(int year) => "application/" + year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The serial (后段码) of the 索引号 an agency assigned in a year.</summary>
    public static string IndexNumbers(int year) => "index/" + year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The 序号 of a 文号 series: the agency's pattern with its short name and year filled in.</summary>
    public static string Letters(string series) => "letter/" + series;

    /// <summary>The sequence of catalogue search keys within a publication day (platform-wide), by the day's number.</summary>
    public static string SearchKeys(DateOnly day) => "search/" + day.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class NumberCounterConfiguration : IEntityTypeConfiguration<NumberCounter>
{
    public void Configure(EntityTypeBuilder<NumberCounter> builder)
    {
        builder.ToTable("NumberCounters");
        builder.HasKey(c => new { c.AgencyId, c.Series });
        builder.Property(c => c.Series).HasMaxLength(NumberSeries.MaxLength);
    }
}
