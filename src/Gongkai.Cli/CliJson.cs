using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gongkai.Cli;

/// <summary>
/// The JSON the commands print, serialized by the platform's source generator: indented, camelCase, Chinese kept
/// readable (not \u-escaped). The shapes below are the documented output; change them deliberately.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckJson))]
[JsonSerializable(typeof(DeadlineJson))]
[JsonSerializable(typeof(FeeJson))]
[JsonSerializable(typeof(IReadOnlyList<RuleJson>))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>The context the commands write with.</summary>
    public static CliJson Output { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>`gongkai report check --format json`.</summary>
internal sealed record CheckJson(IReadOnlyList<CheckedReportJson> Reports, CheckSummaryJson Summary);

/// <summary>One input: read (<see cref="ReadReportJson"/>) or not (<see cref="UnreadableReportJson"/>), written without a type field.</summary>
[JsonDerivedType(typeof(ReadReportJson))]
[JsonDerivedType(typeof(UnreadableReportJson))]
internal abstract record CheckedReportJson;

internal sealed record UnreadableReportJson(string File, string? Error) : CheckedReportJson;

internal sealed record ReadReportJson(string File, string? Organization, int? Year, string Format, IReadOnlyList<FindingJson> Findings) : CheckedReportJson;

internal sealed record FindingJson(string Rule, string Severity, string Message, string? Location, string? Expected, string? Actual, IReadOnlyList<string> Cells);

internal sealed record CheckSummaryJson(
    int Reports, int WithErrors, int WithWarningsOnly, int NeedsReview, int Clean, int Unreadable, int Errors, int Warnings, int Reviews,
    IReadOnlyDictionary<string, int> ByRule);

/// <summary>`gongkai deadline --format json`.</summary>
internal sealed record DeadlineJson(
    DateOnly Received,
    DateOnly CountFrom,
    int WorkingDays,
    int ExtensionWorkingDays,
    DateOnly? OriginalDue,
    DateOnly? Due,
    bool AwaitingCorrection,
    bool Provisional,
    IReadOnlyList<int> MissingYears,
    IReadOnlyList<DeadlineStepJson> Steps,
    IReadOnlyList<DeadlineDayJson> Days,
    IReadOnlyList<string> Warnings,
    string Explanation);

internal sealed record DeadlineStepJson(DateOnly Date, string Kind, string Text);

internal sealed record DeadlineDayJson(DateOnly Date, string Treatment, int? Ordinal, string? Note);

/// <summary>`gongkai fee --format json`.</summary>
internal sealed record FeeJson(string Method, int FirstUnit, int LastUnit, int Quantity, decimal AmountYuan, IReadOnlyList<FeeBandJson> Bands, string Basis, string Explanation);

internal sealed record FeeBandJson(int From, int To, int Quantity, decimal RateYuan, decimal AmountYuan);

/// <summary>`gongkai rules --format json`.</summary>
internal sealed record RuleJson(string Id, string Severity, string Basis, string Title, string Description);
