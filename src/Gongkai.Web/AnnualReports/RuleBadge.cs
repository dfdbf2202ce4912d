using Gongkai.AnnualReports.Validation;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// A rule as every page that shows findings names it: its Chinese name as a badge, the stable id (e.g. CELL-BLANK) only
/// in the tooltip (<c>title</c>) and in <c>data-rule</c>, never as visible text.
/// </summary>
public static class RuleBadge
{
    /// <summary>What a finding of a rule the catalogue no longer has is called (stored findings outlive rules).</summary>
    public const string UnknownRule = "其他检查规则";

    public static string Name(string ruleId) =>
        RuleCatalogue.All.FirstOrDefault(r => string.Equals(r.Id, ruleId, StringComparison.Ordinal))?.Title ?? UnknownRule;

    public static IHtmlContent For(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        var badge = new TagBuilder("span");
        badge.AddCssClass("rule-badge");
        badge.Attributes["title"] = ruleId;
        badge.Attributes["data-rule"] = ruleId;
        badge.InnerHtml.Append(Name(ruleId));
        return badge;
    }
}
