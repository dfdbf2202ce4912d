using Gongkai.AnnualReports;

namespace Gongkai.Applications;

/// <summary>The three kinds of challenge table 四 counts, in its block order.</summary>
public enum ReviewKind
{
    /// <summary>行政复议.</summary>
    Reconsideration,

    /// <summary>行政诉讼，未经复议直接起诉.</summary>
    LitigationDirect,

    /// <summary>行政诉讼，复议后起诉.</summary>
    LitigationAfterReconsideration,
}

/// <summary>How a challenge ended, in table 四's column order.</summary>
public enum ReviewResult
{
    /// <summary>结果维持.</summary>
    Upheld,

    /// <summary>结果纠正.</summary>
    Corrected,

    /// <summary>其他结果 (e.g. withdrawn, dismissed on procedure).</summary>
    Other,

    /// <summary>尚未审结.</summary>
    Pending,
}

/// <summary>
/// A reconsideration or lawsuit arising from a disclosure application (the agency as respondent or defendant),
/// linked to that application by <see cref="ApplicationId"/>. Invariant: <see cref="ConcludedOn"/> is null exactly
/// when <see cref="Result"/> is <see cref="ReviewResult.Pending"/>, and is not before <see cref="FiledOn"/>.
/// </summary>
public sealed record ReviewRecord
{
    public ReviewRecord(string id, ReviewKind kind, string applicationId, DateOnly filedOn, ReviewResult result, DateOnly? concludedOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        if ((result == ReviewResult.Pending) != (concludedOn is null))
        {
            throw new ArgumentException("尚未审结的记录没有审结日期；已审结的记录必须有审结日期。", nameof(concludedOn));
        }

        if (concludedOn < filedOn)
        {
            throw new ArgumentException("审结日期不能早于立案（申请）日期。", nameof(concludedOn));
        }

        Id = id;
        Kind = kind;
        ApplicationId = applicationId;
        FiledOn = filedOn;
        Result = result;
        ConcludedOn = concludedOn;
    }

    public string Id { get; }

    public ReviewKind Kind { get; }

    public string ApplicationId { get; }

    public DateOnly FiledOn { get; }

    public ReviewResult Result { get; }

    public DateOnly? ConcludedOn { get; }

    public Table4Block Block => Kind switch
    {
        ReviewKind.Reconsideration => Table4Block.Reconsideration,
        ReviewKind.LitigationDirect => Table4Block.LitigationDirect,
        ReviewKind.LitigationAfterReconsideration => Table4Block.LitigationAfterReconsideration,
        _ => throw new InvalidOperationException($"Unknown review kind {Kind}."),
    };

    /// <summary>
    /// The table 四 column this record is counted in for <paramref name="year"/>, or null when it is not counted
    /// that year: decided in the year → its result; filed by 31 December and undecided then → 尚未审结.
    /// </summary>
    public Table4Column? ColumnFor(int year)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        if (FiledOn > yearEnd)
        {
            return null;
        }

        if (ConcludedOn is { } concluded && concluded <= yearEnd)
        {
            return concluded.Year == year ? ResultColumn(Result) : null;
        }

        return Table4Column.Pending;
    }

    private static Table4Column ResultColumn(ReviewResult result) => result switch
    {
        ReviewResult.Upheld => Table4Column.Upheld,
        ReviewResult.Corrected => Table4Column.Corrected,
        ReviewResult.Other => Table4Column.Other,
        _ => Table4Column.Pending,
    };
}
