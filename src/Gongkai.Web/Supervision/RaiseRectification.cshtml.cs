using Gongkai.Data.Accounts;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Supervision;

/// <summary>
/// 提出整改: the form, filled in from where the supervisor came (a report finding names the agency, year and rule; its
/// messages become the requirement), with the deadline in working days.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class RaiseRectificationModel(Rectifications rectifications, RegionScope scope, SupervisedReports reports, Staff staff) : PageModel
{
    [BindProperty]
    public RaiseRectificationInput Input { get; set; } = new();

    public IReadOnlyList<ScopedAgency> Agencies { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(Guid? agency, RectificationSource? source, string? rule, int? year, string? title, string? detail, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = new RaiseRectificationInput
        {
            AgencyId = agency,
            Source = source is { } s && Enum.IsDefined(s) ? s : RectificationSource.Manual,
            ReportYear = year is >= 2000 and <= 2100 ? year : null,
            SourceRef = rule is { Length: <= 100 } ? rule : null,
            Title = title is { Length: <= 200 } ? title : null,
            Detail = detail is { Length: <= 4000 } ? detail : null,
        };
        if (Input.Source == RectificationSource.ReportFinding && Rectifications.Rule(rule) is { } definition && agency is { } agencyId && Input.ReportYear is { } reportYear)
        {
            Input.Title ??= $"{reportYear} 年度报告：{definition.Title}";
            if (Input.Detail is null && await reports.ForAgencyAsync(agencyId, reportYear, cancellationToken: cancellationToken) is { } report)
            {
                var messages = report.Findings.Where(f => f.RuleId == definition.Id).Select(f => "· " + f.Message).Distinct().Take(20);
                Input.Detail = $"{reportYear} 年度报告经检查存在以下问题（{definition.Id}）：\n" + string.Join("\n", messages)
                    + "\n请核实更正后发布新版本报告，并说明整改情况。";
            }
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (problems, id) = await rectifications.RaiseAsync(Input, cancellationToken);
        if (id is { } created)
        {
            return Redirect($"/supervision/rectifications/{created}");
        }

        await LoadAsync(cancellationToken);
        Problems = problems;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Agencies = [.. (await scope.AgenciesAsync(cancellationToken)).Where(a => a.Id != staff.AgencyId)];
}
