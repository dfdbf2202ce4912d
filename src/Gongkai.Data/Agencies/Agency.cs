namespace Gongkai.Data.Agencies;

/// <summary>What kind of body an agency is.</summary>
public enum AgencyKind
{
    /// <summary>人民政府 (its report is due by 31 March).</summary>
    Government = 1,

    /// <summary>政府部门 (report due by 31 January).</summary>
    Department = 2,

    /// <summary>乡镇、街道.</summary>
    Township = 3,

    /// <summary>政务公开主管部门 (政务公开办): supervises the agencies of its region.</summary>
    DisclosureOffice = 4,
}

/// <summary>
/// An agency (行政机关) that handles disclosure work. Its guide settings (指南) are what the public guide page shows.
/// </summary>
public sealed class Agency
{
    public Guid Id { get; set; }

    public Guid RegionId { get; set; }

    public Region? Region { get; set; }

    public required string Name { get; set; }

    public AgencyKind Kind { get; set; }

    /// <summary>统一社会信用代码 (18) or 组织机构代码 (9): the prefix of catalogue index numbers.</summary>
    public string? CreditCode { get; set; }

    /// <summary>简称 used in the agency's letter numbers (文号), e.g. "示教" in 示教公复〔2024〕3号.</summary>
    public string? ShortName { get; set; }

    public int SortOrder { get; set; }

    /// <summary>The disclosure office's name as it appears on letters, e.g. "示范县人民政府办公室".</summary>
    public string? OfficeName { get; set; }

    public string? Address { get; set; }

    public string? PostalCode { get; set; }

    public string? OfficeHours { get; set; }

    public string? Phone { get; set; }

    public string? Fax { get; set; }

    public string? Email { get; set; }

    public string? Website { get; set; }

    /// <summary>Which receipt channels the agency announces in its guide (flags of the case engine's channels).</summary>
    public int AcceptedChannels { get; set; }

    /// <summary>
    /// When an online application counts as received (条例第三十一条); null until an administrator chooses, which is
    /// <see cref="Gongkai.Applications.OnlineReceiptRule.OnSubmission"/>, what the platform always did.
    /// </summary>
    public Gongkai.Applications.OnlineReceiptRule? OnlineReceipt { get; set; }
}
