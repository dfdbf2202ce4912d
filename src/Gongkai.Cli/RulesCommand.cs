using System.CommandLine;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Cli;

/// <summary>`gongkai rules`: the rule catalogue, one rule per line, or as JSON.</summary>
internal static class RulesCommand
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "输出格式：text 或 json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("rules", "列出全部检查规则：编号、严重程度、依据（法定/经验）与说明") { format };
        command.SetAction(parse =>
        {
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                    [.. RuleCatalogue.All.Select(r => new RuleJson(
                        r.Id, SeverityText.Name(r.Severity), r.Basis == RuleBasis.Statutory ? "statutory" : "heuristic", r.Title, r.Description))],
                    CliJson.Output.IReadOnlyListRuleJson));
                return GongkaiCommand.Success;
            }

            foreach (var rule in RuleCatalogue.All)
            {
                context.Out.WriteLine($"{rule.Id,-20} {SeverityText.Label(rule.Severity)}  {BasisLabel(rule.Basis)}  {rule.Title}");
                context.Out.WriteLine($"{"",-20} {rule.Description}");
            }

            return GongkaiCommand.Success;
        });
        return command;
    }

    public static string BasisLabel(RuleBasis basis) => basis == RuleBasis.Statutory ? "法定" : "经验";
}
