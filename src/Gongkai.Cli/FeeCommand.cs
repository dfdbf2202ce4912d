using System.CommandLine;
using Gongkai.Fees;

namespace Gongkai.Cli;

/// <summary>`gongkai fee`: the 信息处理费 for a number of applications (按件) or pages (按量), with each band.</summary>
internal static class FeeCommand
{
    public static Command Create(CliContext context)
    {
        var byCount = new Option<string?>("--by-count") { Description = "按件计收：本次的申请件数" };
        var earlier = new Option<string?>("--earlier") { Description = "按件计收：同一申请人本自然月此前已有的件数（默认0）" };
        var byPages = new Option<string?>("--by-pages") { Description = "按量计收：同一申请的页数" };
        var format = new Option<string>("--format") { Description = "输出格式：text 或 json", DefaultValueFactory = _ => "text" };
        var command = new Command("fee", "计算政府信息公开信息处理费（国办函〔2020〕109号），按件或按量择一") { byCount, earlier, byPages, format };
        command.SetAction(parse =>
        {
            try
            {
                var json = CliFormats.IsJson(parse.GetValue(format)!);
                var quote = Quote(parse.GetValue(byCount), parse.GetValue(earlier), parse.GetValue(byPages));
                Write(context, quote, json);
                return GongkaiCommand.Success;
            }
            catch (CommandLineInputException e)
            {
                context.Error.WriteLine($"gongkai fee: {e.Message}");
                return GongkaiCommand.InputError;
            }
        });
        return command;
    }

    private static FeeQuote Quote(string? byCount, string? earlier, string? byPages)
    {
        if (byCount is not null && byPages is not null)
        {
            throw new CommandLineInputException("同一申请只能按件或按量择一计收，--by-count 与 --by-pages 不能同时使用。");
        }

        if (byCount is not null)
        {
            var earlierCount = earlier is null ? 0 : CliNumbers.Parse("--earlier", earlier, 0);
            return InformationProcessingFee.ByCount(CliNumbers.Parse("--by-count", byCount, 1), earlierCount);
        }

        if (earlier is not null)
        {
            throw new CommandLineInputException("--earlier 只用于按件计收（--by-count）。");
        }

        return byPages is not null
            ? InformationProcessingFee.ByPages(CliNumbers.Parse("--by-pages", byPages, 0))
            : throw new CommandLineInputException("请指定 --by-count（件数）或 --by-pages（页数）之一。");
    }

    private static void Write(CliContext context, FeeQuote quote, bool json)
    {
        if (!json)
        {
            context.Out.WriteLine(quote.ToChinese());
            return;
        }

        context.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(
            new FeeJson(
                quote.Method == FeeMethod.ByCount ? "byCount" : "byPages",
                quote.FirstUnit,
                quote.LastUnit,
                quote.Quantity,
                quote.Amount,
                [.. quote.Bands.Select(b => new FeeBandJson(b.From, b.To, b.Quantity, b.Rate, b.Amount))],
                InformationProcessingFee.Basis,
                quote.ToChinese()),
            CliJson.Output.FeeJson));
    }
}
