using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Fees;

namespace Gongkai.Data.Applications;

/// <summary>
/// Stores the case engine's events as (kind, JSON) and reads them back exactly. Each kind's fields are one small record
/// serialized by the platform's source generator; encoding and decoding of a kind sit together in one table row, so
/// they cannot drift apart. Events without fields store <c>{}</c>.
/// </summary>
public static class CaseEventCodec
{
    private static readonly FrozenDictionary<CaseEventKind, Codec> Codecs = new Codec[]
    {
        Plain(CaseEventKind.Registered, (at, by) => new Registered(at, by)),
        Fields<CorrectionRequested, CorrectionRequestedData>(
            CaseEventKind.CorrectionRequested, e => new(e.CorrectBy, e.Items), (at, by, d) => new CorrectionRequested(at, by, d.CorrectBy, d.Items ?? "")),
        Plain(CaseEventKind.CorrectionReceived, (at, by) => new CorrectionReceived(at, by)),
        Plain(CaseEventKind.CorrectionDeadlineMissed, (at, by) => new CorrectionDeadlineMissed(at, by)),
        Fields<ConsultationStarted, ConsultationStartedData>(
            CaseEventKind.ConsultationStarted, e => new(e.Kind, e.Party), (at, by, d) => new ConsultationStarted(at, by, d.Kind, d.Party ?? "")),
        Fields<ConsultationAnswered, ConsultationAnsweredData>(
            CaseEventKind.ConsultationAnswered, e => new(e.Party), (at, by, d) => new ConsultationAnswered(at, by, d.Party ?? "")),
        Fields<ExtensionApproved, ExtensionApprovedData>(
            CaseEventKind.ExtensionApproved, e => new(e.WorkingDays, e.Reason), (at, by, d) => new ExtensionApproved(at, by, d.WorkingDays, d.Reason ?? "")),
        Fields<FeeNoticeSent, FeeNoticeSentData>(
            CaseEventKind.FeeNoticeSent,
            e => new(e.Fee.Method, e.Fee.FirstUnit, e.Fee.LastUnit, e.ReceivedOn),
            (at, by, d) => new FeeNoticeSent(at, by, d.Quote(), d.ReceivedOn)),
        Plain(CaseEventKind.FeePaid, (at, by) => new FeePaid(at, by)),
        Plain(CaseEventKind.FeeUnpaid, (at, by) => new FeeUnpaid(at, by)),
        Fields<Replied, RepliedData>(
            CaseEventKind.Replied, e => new(e.Outcome, e.Reason, e.Delivery, e.PostedOn), (at, by, d) => new Replied(at, by, d.Outcome, d.Reason, d.Delivery, d.PostedOn)),
        Plain(CaseEventKind.Delivered, (at, by) => new Delivered(at, by)),
        Plain(CaseEventKind.Archived, (at, by) => new Archived(at, by)),
        Fields<Withdrawn, WithdrawnData>(CaseEventKind.Withdrawn, e => new(e.Reason), (at, by, d) => new Withdrawn(at, by, d.Reason)),
    }.ToFrozenDictionary(c => c.Kind);

    public static (string Kind, string Data) Encode(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        return (caseEvent.EventKind.ToString(), Codecs[caseEvent.EventKind].Encode(caseEvent));
    }

    public static CaseEvent Decode(ApplicationEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Enum.TryParse<CaseEventKind>(record.Kind, out var kind) || !string.Equals(kind.ToString(), record.Kind, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unknown case event kind '{record.Kind}' in application {record.ApplicationId}.");
        }

        var at = new DateTimeOffset(DateTime.SpecifyKind(record.AtUtc, DateTimeKind.Utc)).ToOffset(DateText.ChinaOffset);
        return Codecs[kind].Decode(at, new Actor(record.ActorName, record.ActorRole), record.Data);
    }

    private static Codec Plain(CaseEventKind kind, Func<DateTimeOffset, Actor, CaseEvent> make) =>
        new(kind, _ => "{}", (at, by, _) => make(at, by));

    private static Codec Fields<TEvent, TData>(CaseEventKind kind, Func<TEvent, TData> toData, Func<DateTimeOffset, Actor, TData, CaseEvent> fromData)
        where TEvent : CaseEvent
        where TData : class
    {
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<TData>)CaseEventJson.Default.GetTypeInfo(typeof(TData))!;
        return new(
            kind,
            e => JsonSerializer.Serialize(toData((TEvent)e), info),
            (at, by, json) => fromData(at, by, JsonSerializer.Deserialize(json, info)
                ?? throw new InvalidOperationException($"Case event {kind} has no fields stored.")));
    }

    private sealed record Codec(CaseEventKind Kind, Func<CaseEvent, string> Encode, Func<DateTimeOffset, Actor, string, CaseEvent> Decode);
}

internal sealed record CorrectionRequestedData(DateOnly CorrectBy, string? Items);

internal sealed record ConsultationStartedData(ConsultationKind Kind, string? Party);

internal sealed record ConsultationAnsweredData(string? Party);

internal sealed record ExtensionApprovedData(int WorkingDays, string? Reason);

/// <summary>A fee notice's quote is stored as its method and units and computed again on reading.</summary>
internal sealed record FeeNoticeSentData(FeeMethod Method, int FirstUnit, int LastUnit, DateOnly ReceivedOn)
{
    public FeeQuote Quote() => Method == FeeMethod.ByCount
        ? InformationProcessingFee.ByCount(LastUnit - FirstUnit + 1, FirstUnit - 1)
        : InformationProcessingFee.ByPages(LastUnit);
}

internal sealed record RepliedData(Outcome Outcome, string? Reason, DeliveryMethod Delivery, DateOnly? PostedOn);

internal sealed record WithdrawnData(string? Reason);

/// <summary>The stored fields of the case events: camelCase, enums by name, dates as yyyy-MM-dd.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CorrectionRequestedData))]
[JsonSerializable(typeof(ConsultationStartedData))]
[JsonSerializable(typeof(ConsultationAnsweredData))]
[JsonSerializable(typeof(ExtensionApprovedData))]
[JsonSerializable(typeof(FeeNoticeSentData))]
[JsonSerializable(typeof(RepliedData))]
[JsonSerializable(typeof(WithdrawnData))]
internal sealed partial class CaseEventJson : JsonSerializerContext;
