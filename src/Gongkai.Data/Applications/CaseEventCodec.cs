using System.Globalization;
using System.Text.Json;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Fees;

namespace Gongkai.Data.Applications;

/// <summary>Stores the case engine's events as (kind, JSON) and reads them back exactly.</summary>
public static class CaseEventCodec
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static (string Kind, string Data) Encode(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            switch (caseEvent)
            {
                case CorrectionRequested e:
                    json.WriteString("correctBy", Day(e.CorrectBy));
                    json.WriteString("items", e.Items);
                    break;
                case ConsultationStarted e:
                    json.WriteString("kind", e.Kind.ToString());
                    json.WriteString("party", e.Party);
                    break;
                case ConsultationAnswered e:
                    json.WriteString("party", e.Party);
                    break;
                case ExtensionApproved e:
                    json.WriteNumber("workingDays", e.WorkingDays);
                    json.WriteString("reason", e.Reason);
                    break;
                case FeeNoticeSent e:
                    json.WriteString("method", e.Fee.Method.ToString());
                    json.WriteNumber("firstUnit", e.Fee.FirstUnit);
                    json.WriteNumber("lastUnit", e.Fee.LastUnit);
                    json.WriteString("receivedOn", Day(e.ReceivedOn));
                    break;
                case Replied e:
                    json.WriteString("outcome", e.Outcome.ToString());
                    json.WriteString("reason", e.Reason);
                    json.WriteString("delivery", e.Delivery.ToString());
                    json.WriteString("postedOn", e.PostedOn is { } posted ? Day(posted) : null);
                    break;
                case Withdrawn e:
                    json.WriteString("reason", e.Reason);
                    break;
                default:
                    break;
            }

            json.WriteEndObject();
        }

        return (caseEvent.GetType().Name, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static CaseEvent Decode(ApplicationEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var at = new DateTimeOffset(DateTime.SpecifyKind(record.AtUtc, DateTimeKind.Utc)).ToOffset(ChinaOffset);
        var by = new Actor(record.ActorName, record.ActorRole);
        using var document = JsonDocument.Parse(record.Data);
        var data = document.RootElement;
        return record.Kind switch
        {
            nameof(Registered) => new Registered(at, by),
            nameof(CorrectionRequested) => new CorrectionRequested(at, by, Day(data, "correctBy"), Text(data, "items")),
            nameof(CorrectionReceived) => new CorrectionReceived(at, by),
            nameof(CorrectionDeadlineMissed) => new CorrectionDeadlineMissed(at, by),
            nameof(ConsultationStarted) => new ConsultationStarted(at, by, Enum.Parse<ConsultationKind>(Text(data, "kind")), Text(data, "party")),
            nameof(ConsultationAnswered) => new ConsultationAnswered(at, by, Text(data, "party")),
            nameof(ExtensionApproved) => new ExtensionApproved(at, by, data.GetProperty("workingDays").GetInt32(), Text(data, "reason")),
            nameof(FeeNoticeSent) => new FeeNoticeSent(at, by, Fee(data), Day(data, "receivedOn")),
            nameof(FeePaid) => new FeePaid(at, by),
            nameof(FeeUnpaid) => new FeeUnpaid(at, by),
            nameof(Replied) => new Replied(
                at,
                by,
                Enum.Parse<Outcome>(Text(data, "outcome")),
                data.GetProperty("reason").GetString(),
                Enum.Parse<DeliveryMethod>(Text(data, "delivery")),
                data.GetProperty("postedOn").GetString() is { } posted ? DateOnly.Parse(posted, CultureInfo.InvariantCulture) : null),
            nameof(Delivered) => new Delivered(at, by),
            nameof(Archived) => new Archived(at, by),
            nameof(Withdrawn) => new Withdrawn(at, by, data.GetProperty("reason").GetString()),
            _ => throw new InvalidOperationException($"Unknown case event kind '{record.Kind}' in application {record.ApplicationId}."),
        };
    }

    private static FeeQuote Fee(JsonElement data)
    {
        var first = data.GetProperty("firstUnit").GetInt32();
        var last = data.GetProperty("lastUnit").GetInt32();
        return Enum.Parse<FeeMethod>(Text(data, "method")) == FeeMethod.ByCount
            ? InformationProcessingFee.ByCount(last - first + 1, first - 1)
            : InformationProcessingFee.ByPages(last);
    }

    private static string Day(DateOnly date) => DateText.Iso(date);

    private static DateOnly Day(JsonElement data, string name) => DateOnly.Parse(Text(data, name), CultureInfo.InvariantCulture);

    private static string Text(JsonElement data, string name) => data.GetProperty(name).GetString() ?? "";
}
