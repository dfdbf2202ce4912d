using Gongkai.AnnualReports;

namespace Gongkai.Applications;

/// <summary>Who applied, as table 三 counts it: one value per applicant column, in the table's order.</summary>
public enum ApplicantType
{
    NaturalPerson,
    Commercial,
    Research,
    PublicInterest,
    LegalService,
    Other,
}

public static class ApplicantTypes
{
    /// <summary>The table 三 column an applicant type is counted in.</summary>
    public static Table3Column Column(this ApplicantType type) => type switch
    {
        ApplicantType.NaturalPerson => Table3Column.NaturalPerson,
        ApplicantType.Commercial => Table3Column.Commercial,
        ApplicantType.Research => Table3Column.Research,
        ApplicantType.PublicInterest => Table3Column.PublicInterest,
        ApplicantType.LegalService => Table3Column.LegalService,
        ApplicantType.Other => Table3Column.Other,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The column label, e.g. "自然人".</summary>
    public static string Label(this ApplicantType type) => NationalFormat.Table3ColumnLabels[(int)type.Column()];
}
