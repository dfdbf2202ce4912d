namespace Gongkai.Catalog;

/// <summary>有效性 of an item on a given day.</summary>
public enum Validity
{
    /// <summary>有效.</summary>
    Valid = 1,

    /// <summary>尚未施行: the effective date is later.</summary>
    NotYetEffective = 2,

    /// <summary>失效: the validity period (有效期) has ended.</summary>
    Expired = 3,

    /// <summary>废止: repealed.</summary>
    Repealed = 4,
}

/// <summary>
/// The dates that decide an item's validity. A repeal takes effect on <see cref="RepealedOn"/> (the document is no
/// longer in force that day); a validity period includes <see cref="ExpiresOn"/> (in force through that day).
/// </summary>
public sealed record ValidityDates(DateOnly? EffectiveOn, DateOnly? ExpiresOn, DateOnly? RepealedOn)
{
    public Validity On(DateOnly date)
    {
        if (RepealedOn is { } repealed && repealed <= date)
        {
            return Validity.Repealed;
        }

        if (ExpiresOn is { } expires && expires < date)
        {
            return Validity.Expired;
        }

        return EffectiveOn is { } effective && effective > date ? Validity.NotYetEffective : Validity.Valid;
    }

    public static string Label(Validity validity) => validity switch
    {
        Validity.Valid => "有效",
        Validity.NotYetEffective => "尚未施行",
        Validity.Expired => "失效",
        Validity.Repealed => "废止",
        _ => throw new ArgumentOutOfRangeException(nameof(validity), validity, null),
    };
}
