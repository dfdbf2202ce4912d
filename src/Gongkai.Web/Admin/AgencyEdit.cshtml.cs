using System.Text.RegularExpressions;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Catalog;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Admin;

/// <summary>
/// Creates an agency (<c>/admin/agencies/new</c>) or edits one of the subtree: name, kind, region, and the guide
/// settings the public guide shows (office, address, hours, phone, fax, e-mail, website, accepted channels, credit code).
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed partial class AgencyEditModel(GongkaiDbContext db, RegionScope scope, AuditLog audit, TimeProvider clock) : PageModel
{
    public bool IsNew { get; private set; }

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public AgencyKind Kind { get; set; } = AgencyKind.Department;

    [BindProperty]
    public Guid? RegionId { get; set; }

    [BindProperty]
    public string? CreditCode { get; set; }

    [BindProperty]
    public string? OfficeName { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? PostalCode { get; set; }

    [BindProperty]
    public string? OfficeHours { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Fax { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Website { get; set; }

    [BindProperty]
    public List<ReceiptChannel> Channels { get; set; } = [];

    [BindProperty]
    public int SortOrder { get; set; }

    /// <summary>When an online application counts as received (条例第三十一条).</summary>
    [BindProperty]
    public OnlineReceiptRule OnlineReceipt { get; set; }

    public static int Flag(ReceiptChannel channel) => 1 << (int)channel;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Regions = await scope.RegionsAsync(cancellationToken);
        if (id == "new")
        {
            IsNew = true;
            Channels = [.. Enum.GetValues<ReceiptChannel>()];
            return Page();
        }

        if (await FindAsync(id, cancellationToken) is not { } agency)
        {
            return NotFound();
        }

        Name = agency.Name;
        Kind = agency.Kind;
        RegionId = agency.RegionId;
        CreditCode = agency.CreditCode;
        OfficeName = agency.OfficeName;
        Address = agency.Address;
        PostalCode = agency.PostalCode;
        OfficeHours = agency.OfficeHours;
        Phone = agency.Phone;
        Fax = agency.Fax;
        Email = agency.Email;
        Website = agency.Website;
        Channels = [.. Enum.GetValues<ReceiptChannel>().Where(c => (agency.AcceptedChannels & Flag(c)) != 0)];
        SortOrder = agency.SortOrder;
        OnlineReceipt = agency.OnlineReceipt ?? OnlineReceiptRule.OnSubmission;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        Regions = await scope.RegionsAsync(cancellationToken);
        IsNew = id == "new";
        var agency = IsNew ? null : await FindAsync(id, cancellationToken);
        if (!IsNew && agency is null)
        {
            return NotFound();
        }

        Validate();
        if (Errors.Count == 0 && await db.Agencies.AnyAsync(a => a.RegionId == RegionId && a.Name == Name && a.Id != (agency == null ? Guid.Empty : agency.Id), cancellationToken))
        {
            Errors[nameof(Name)] = $"该区域已有名为“{Name}”的机关。";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        if (agency is null)
        {
            agency = new Agency { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = Name };
            db.Agencies.Add(agency);
        }

        var renamed = !IsNew && !string.Equals(agency.Name, Name, StringComparison.Ordinal);
        if (renamed)
        {
            // Every letter of the agency is signed with its name: their PDFs may be superseded now.
            await Letters.LetterPdfCleanup.RecheckAgencyAsync(db, agency.Id, cancellationToken);
        }

        agency.Name = Name;
        agency.Kind = Kind;
        agency.RegionId = RegionId!.Value;
        agency.CreditCode = CreditCode;
        agency.OfficeName = OfficeName;
        agency.Address = Address;
        agency.PostalCode = PostalCode;
        agency.OfficeHours = OfficeHours;
        agency.Phone = Phone;
        agency.Fax = Fax;
        agency.Email = Email;
        agency.Website = Website;
        agency.AcceptedChannels = Channels.Distinct().Sum(Flag);
        agency.SortOrder = SortOrder;
        agency.OnlineReceipt = OnlineReceipt;
        audit.Record(IsNew ? "agency.created" : "agency.updated", "Agency", agency.Id.ToString(),
            $"{(IsNew ? "新建" : "修改")}机关“{agency.Name}”（{Regions.Single(r => r.Id == agency.RegionId).Name}）", agency.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (renamed)
        {
            // Search results show the agency's name: every node's search index reads the names again (ADR 0014).
            await CatalogSearchIndex.LogNamesChangedAsync(db, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = $"已保存“{agency.Name}”。";
        return Redirect($"/admin/agencies/{agency.Id}");
    }

    private async Task<Agency?> FindAsync(string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid) && await scope.AgencyAsync(guid, cancellationToken) is not null
            ? await db.Agencies.SingleAsync(a => a.Id == guid, cancellationToken)
            : null;

    private void Validate()
    {
        Name = Name?.Trim() ?? "";
        if (Name.Length is 0 or > 200)
        {
            Errors[nameof(Name)] = "请填写机关名称（不超过200个字）。";
        }

        if (!Enum.IsDefined(Kind))
        {
            Errors[nameof(Kind)] = "请选择机关类型。";
        }

        if (RegionId is not { } region || Regions.All(r => r.Id != region))
        {
            Errors[nameof(RegionId)] = "请选择机关所在的区域。";
        }

        CreditCode = Clean(CreditCode)?.ToUpperInvariant();
        if (CreditCode is not null && !CreditCodePattern().IsMatch(CreditCode) && !OrganizationCodePattern().IsMatch(CreditCode))
        {
            Errors[nameof(CreditCode)] = "统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、Z、S、V），或填写 9 位组织机构代码。";
        }

        OfficeName = Limit(nameof(OfficeName), OfficeName, 200, "政府信息公开工作机构名称");
        Address = Limit(nameof(Address), Address, 300, "地址");
        OfficeHours = Limit(nameof(OfficeHours), OfficeHours, 200, "办公时间");
        PostalCode = Clean(PostalCode);
        if (PostalCode is not null && !PostalCodePattern().IsMatch(PostalCode))
        {
            Errors[nameof(PostalCode)] = "邮政编码应为6位数字。";
        }

        Phone = Clean(Phone);
        if (Phone is not null && !PhonePattern().IsMatch(Phone))
        {
            Errors[nameof(Phone)] = "请填写正确的电话号码，如 0373-5000001。";
        }

        Fax = Clean(Fax);
        if (Fax is not null && !PhonePattern().IsMatch(Fax))
        {
            Errors[nameof(Fax)] = "请填写正确的传真号码，如 0373-5000001。";
        }

        Email = Clean(Email);
        if (Email is not null && (Email.Length > 200 || !EmailPattern().IsMatch(Email)))
        {
            Errors[nameof(Email)] = "电子邮箱格式不正确。";
        }

        Website = Clean(Website);
        if (Website is not null && (Website.Length > 300 || !Uri.TryCreate(Website, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            Errors[nameof(Website)] = "网站地址应以 http:// 或 https:// 开头，如 https://www.example.gov.cn。";
        }

        if (!Enum.IsDefined(OnlineReceipt))
        {
            Errors[nameof(OnlineReceipt)] = "请选择在线申请的收到日期。";
        }

        Channels = [.. Channels.Where(Enum.IsDefined).Distinct()];
        if (Channels.Count == 0)
        {
            Errors[nameof(Channels)] = "请至少选择一种受理渠道（指南中向公众公布）。";
        }
    }

    private string? Limit(string field, string? value, int length, string label)
    {
        var clean = Clean(value);
        if (clean is not null && clean.Length > length)
        {
            Errors[field] = $"{label}不能超过{length}个字。";
        }

        return clean;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")]
    private static partial Regex CreditCodePattern();

    [GeneratedRegex("^[0-9A-Z]{8}-?[0-9X]$")]
    private static partial Regex OrganizationCodePattern();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
