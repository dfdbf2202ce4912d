using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Admin;

/// <summary>The region tree of the administrator's subtree with its agencies, and creating a region below one of it.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed partial class AgenciesModel(GongkaiDbContext db, RegionScope scope, AuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public IReadOnlyList<ScopedAgency> Agencies { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    [BindProperty]
    public Guid? ParentId { get; set; }

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public RegionLevel? Level { get; set; }

    public static string LevelTitle(RegionLevel level) => level switch
    {
        RegionLevel.Province => "省级",
        RegionLevel.City => "市级",
        RegionLevel.County => "县级",
        _ => "乡级",
    };

    public static string KindTitle(AgencyKind kind) => kind switch
    {
        AgencyKind.Government => "人民政府",
        AgencyKind.Department => "政府部门",
        AgencyKind.Township => "乡镇、街道",
        _ => "政务公开主管部门",
    };

    /// <summary>How deep a region sits below the subtree's root (0 for the root), for indenting the tree.</summary>
    public int Depth(Region region) => region.Path.Count(c => c == '/') - Regions[0].Path.Count(c => c == '/');

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRegionAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var parent = Regions.FirstOrDefault(r => r.Id == ParentId);
        if (parent is null)
        {
            Errors[nameof(ParentId)] = "请选择上级区域。";
        }

        Name = Name?.Trim() ?? "";
        if (Name.Length is 0 or > 100)
        {
            Errors[nameof(Name)] = "请填写区域名称（不超过100个字）。";
        }
        else if (parent is not null && await db.Regions.AnyAsync(r => r.ParentId == parent.Id && r.Name == Name, cancellationToken))
        {
            Errors[nameof(Name)] = $"“{parent.Name}”下已有名为“{Name}”的区域。";
        }

        Code = string.IsNullOrWhiteSpace(Code) ? null : Code.Trim();
        if (Code is not null && !DivisionCode().IsMatch(Code))
        {
            Errors[nameof(Code)] = "行政区划代码应为 6 位数字（乡级为 9 或 12 位）。";
        }

        if (Level is not { } level || !Enum.IsDefined(level))
        {
            Errors[nameof(Level)] = "请选择区域层级。";
        }
        else if (parent is not null && level <= parent.Level)
        {
            Errors[nameof(Level)] = $"下级区域的层级应低于“{parent.Name}”（{LevelTitle(parent.Level)}）。";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        db.Regions.Add(new Region { Id = id, ParentId = parent!.Id, Name = Name, Code = Code, Level = Level!.Value, Path = Region.ChildPath(parent.Path, id) });
        audit.Record("region.created", "Region", id.ToString(), $"新建区域“{Name}”（上级：{parent.Name}）");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = string.Create(CultureInfo.InvariantCulture, $"已新建区域“{Name}”。");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Regions = await scope.RegionsAsync(cancellationToken);
        var agencies = await scope.AgenciesAsync(cancellationToken);
        Agencies = agencies;

        // Parents before children, siblings by code: a depth-first order for the tree.
        var ordered = new List<Region>();
        void Add(Region region)
        {
            ordered.Add(region);
            foreach (var child in Regions.Where(r => r.ParentId == region.Id).OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                Add(child);
            }
        }

        if (Regions.Count > 0)
        {
            Add(Regions[0]);
        }

        Regions = ordered;
    }

    [GeneratedRegex(@"^(\d{6}|\d{9}|\d{12})$")]
    private static partial Regex DivisionCode();
}
