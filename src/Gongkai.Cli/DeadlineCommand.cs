using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gongkai.Applications;

namespace Gongkai.Cli;

/// <summary>
/// `gongkai deadline`: the reply due date of one application and how it was computed, from the receipt date and the
/// optional correction, consultations and extension.
/// </summary>
internal static class DeadlineCommand
{
    private static readonly Dictionary<string, ReceiptChannel> Channels = new(StringComparer.Ordinal)
    {
        ["in-person"] = ReceiptChannel.InPerson,
        ["post"] = ReceiptChannel.PostWithSignature,
        ["letter"] = ReceiptChannel.OrdinaryLetter,
        ["online"] = ReceiptChannel.Online,
        ["email"] = ReceiptChannel.Email,
        ["fax"] = ReceiptChannel.Fax,
    };

    public static Command Create(CliContext context)
    {
        var received = new Option<string?>("--received") { Description = "收到申请的日期 YYYY-MM-DD（需确认的渠道为到达日期）" };
        var channel = new Option<string>("--channel")
        {
            Description = "提交渠道：in-person（当面）、post（邮寄需签收）、letter（平常信函）、online、email、fax",
            DefaultValueFactory = _ => "in-person",
        };
        var confirmed = new Option<string?>("--confirmed") { Description = "平常信函、互联网、电子邮件、传真的确认日期；不填则按到达当日确认" };
        var correctionRequested = new Option<string?>("--correction-requested") { Description = "发出补正告知的日期" };
        var correctionReceived = new Option<string?>("--correction-received") { Description = "收到补正后申请的日期（答复期限自该日重新起算）" };
        var consultation = new Option<string[]>("--consultation") { Description = "征求意见期间 FROM..TO（开始日仍计入，至答复日不计入；可多次使用）" };
        var extended = new Option<bool>("--extended") { Description = "经批准延长答复期限" };
        var extensionDays = new Option<string?>("--extension-days") { Description = "延长的工作日数（1–20，默认20）" };
        var format = new Option<string>("--format") { Description = "输出格式：text 或 json", DefaultValueFactory = _ => "text" };
        var command = new Command("deadline", "计算依申请公开的答复期限，并说明计算过程（节假日、调休、补正、征求意见、延期）")
        {
            received, channel, confirmed, correctionRequested, correctionReceived, consultation, extended, extensionDays, format,
        };
        command.SetAction(parse =>
        {
            try
            {
                var json = CliFormats.IsJson(parse.GetValue(format)!);
                var input = ReadInput(
                    parse.GetValue(received), parse.GetValue(channel)!, parse.GetValue(confirmed),
                    parse.GetValue(correctionRequested), parse.GetValue(correctionReceived),
                    parse.GetValue(consultation) ?? [], parse.GetValue(extended), parse.GetValue(extensionDays));
                var rules = CaseRules.Default;
                var problems = input.Validate(rules);
                if (problems.Count > 0)
                {
                    foreach (var problem in problems)
                    {
                        context.Error.WriteLine($"gongkai deadline: {problem}");
                    }

                    return GongkaiCommand.InputError;
                }

                var computation = DeadlineCalculator.Compute(input, rules);
                return Write(context, computation, json);
            }
            catch (CommandLineInputException e)
            {
                context.Error.WriteLine($"gongkai deadline: {e.Message}");
                return GongkaiCommand.InputError;
            }
        });
        return command;
    }

    private static DeadlineInput ReadInput(
        string? receivedText, string channelText, string? confirmedText, string? correctionRequestedText,
        string? correctionReceivedText, string[] consultations, bool extended, string? extensionDaysText)
    {
        var rules = CaseRules.Default;
        var arrived = receivedText is null
            ? throw new CommandLineInputException("缺少 --received（收到申请的日期，YYYY-MM-DD）。")
            : CliDates.Parse("--received", receivedText);
        if (!Channels.TryGetValue(channelText, out var channel))
        {
            throw new CommandLineInputException($"--channel 的值「{channelText}」无效，应为 {string.Join("、", Channels.Keys)} 之一。");
        }

        var confirmedOn = confirmedText is null ? (DateOnly?)null : CliDates.Parse("--confirmed", confirmedText);
        var assumed = confirmedOn is null && Receipt.NeedsConfirmation(channel);
        Receipt receipt;
        try
        {
            receipt = Receipt.Create(channel, arrived, assumed ? arrived : confirmedOn);
        }
        catch (CaseRuleException e)
        {
            throw new CommandLineInputException(e.Message);
        }

        CorrectionPeriod? correction = null;
        if (correctionRequestedText is not null)
        {
            correction = new CorrectionPeriod(
                CliDates.Parse("--correction-requested", correctionRequestedText),
                null,
                correctionReceivedText is null ? null : CliDates.Parse("--correction-received", correctionReceivedText));
        }
        else if (correctionReceivedText is not null)
        {
            throw new CommandLineInputException("--correction-received 须与 --correction-requested 一起使用。");
        }

        var pauses = new List<ClockPause>();
        for (var i = 0; i < consultations.Length; i++)
        {
            var (from, to) = CliDates.ParseRange("--consultation", consultations[i]);
            pauses.Add(ClockPause.Consultation(
                ConsultationKind.ThirdParty, string.Create(CultureInfo.InvariantCulture, $"第{i + 1}次"), from, to, null, rules));
        }

        DeadlineExtension? extension = null;
        if (extended)
        {
            extension = new DeadlineExtension(extensionDaysText is null
                ? rules.Policy.MaxExtensionWorkingDays
                : CliNumbers.Parse("--extension-days", extensionDaysText, 1));
        }
        else if (extensionDaysText is not null)
        {
            throw new CommandLineInputException("--extension-days 须与 --extended 一起使用。");
        }

        var note = $"{Receipt.Label(channel)}，{Receipt.ReceiptRule(channel)}" + (assumed ? "（未填写确认日期，按到达当日确认）" : "");
        return new DeadlineInput(receipt.ReceiptDate ?? receipt.ArrivedOn, correction, pauses, extension, note);
    }

    private static int Write(CliContext context, DeadlineComputation computation, bool json)
    {
        if (!json)
        {
            context.Out.WriteLine(computation.ToChinese());
            return GongkaiCommand.Success;
        }

        context.Out.WriteLine(JsonSerializer.Serialize(
            new DeadlineJson(
                computation.Received,
                computation.CountFrom,
                computation.WorkingDaysAllowed,
                computation.ExtensionWorkingDays,
                computation.OriginalDue,
                computation.Due,
                computation.AwaitingCorrection,
                computation.IsProvisional,
                computation.MissingYears,
                [.. computation.Steps.Select(s => new DeadlineStepJson(s.Date, Name(s.Kind), s.Text))],
                [.. computation.Days.Select(d => new DeadlineDayJson(d.Date, Name(d.Treatment), d.Ordinal, d.Note))],
                computation.Warnings,
                computation.ToChinese()),
            CliJson.Output.DeadlineJson));
        return GongkaiCommand.Success;
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
