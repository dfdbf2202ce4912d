using Gongkai.Catalog;

namespace Gongkai.Data.Catalog;

/// <summary>
/// One version of an entry of an agency's 政府信息公开目录 with the catalogue metadata (rules.md §6). Every version
/// of the same item shares <see cref="SeriesId"/> (the first version's id) and, once published, its
/// <see cref="IndexNumber"/>; at most one version of a series is <see cref="CatalogStatus.Published"/>. Content
/// changes only while <see cref="CatalogStatus.Draft"/>. <see cref="SearchKey"/> is set exactly while the version is
/// published and orders search results (publication day, then sequence; larger is newer).
/// </summary>
public sealed class CatalogItem
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public Guid SeriesId { get; set; }

    public int Version { get; set; } = 1;

    public CatalogStatus Status { get; set; } = CatalogStatus.Draft;

    public CatalogItemKind Kind { get; set; } = CatalogItemKind.General;

    /// <summary>索引号: assigned when the first version is published, never changed afterwards.</summary>
    public string? IndexNumber { get; set; }

    /// <summary>名称.</summary>
    public required string Title { get; set; }

    /// <summary>发布机构 (full standard name; for joint documents, the body whose 文号 is used).</summary>
    public required string Publisher { get; set; }

    /// <summary>文号 (发文字号), e.g. 示教〔2024〕12号; required for rules and normative documents.</summary>
    public string? DocumentNumber { get; set; }

    /// <summary>成文日期: for rules and normative documents the issue date counted in table 二（一）.</summary>
    public DateOnly? WrittenOn { get; set; }

    /// <summary>发布日期: set when published.</summary>
    public DateOnly? PublishedOn { get; set; }

    /// <summary>The day the information was formed or (for a later version) changed: day zero of Art. 26.</summary>
    public DateOnly FormedOn { get; set; }

    public Guid? TopicCategoryId { get; set; }

    public Guid? GenreCategoryId { get; set; }

    public DisclosureMode Mode { get; set; } = DisclosureMode.Proactive;

    /// <summary>生效（施行）日期.</summary>
    public DateOnly? EffectiveOn { get; set; }

    /// <summary>有效期至 (in force through this day).</summary>
    public DateOnly? ExpiresOn { get; set; }

    /// <summary>废止日期 (no longer in force from this day).</summary>
    public DateOnly? RepealedOn { get; set; }

    /// <summary>What repealed it, e.g. the repealing document's 文号.</summary>
    public string? RepealNote { get; set; }

    /// <summary>For a 政策解读: the series of the document it explains (the link follows that document's versions).</summary>
    public Guid? InterpretsSeriesId { get; set; }

    /// <summary>
    /// For an item drafted from a replied application (条例第四十四条): the case it came from. Set on the series' first
    /// version only (unique: one case is published once); later versions find it through <see cref="SeriesId"/>.
    /// </summary>
    public Guid? SourceApplicationId { get; set; }

    /// <summary>内容概述.</summary>
    public string? Summary { get; set; }

    /// <summary>主题词.</summary>
    public string? Keywords { get; set; }

    /// <summary>正文 (plain text, paragraphs separated by line breaks).</summary>
    public required string Body { get; set; }

    /// <summary>What a later version changed (shown in the history).</summary>
    public string? ChangeNote { get; set; }

    public string? WithdrawalReason { get; set; }

    public Guid DraftedById { get; set; }

    public required string DraftedByName { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    public long? SearchKey { get; set; }

    /// <summary>Optimistic concurrency: two people acting on the same version at once cannot both win.</summary>
    public int Revision { get; set; }

    public ValidityDates ValidityDates => new(EffectiveOn, ExpiresOn, RepealedOn);
}

/// <summary>
/// One recorded step of an item's history (who, when, what, why). Append-only; <see cref="Sequence"/> numbers the
/// steps of a series from 1, so the history has one order even when two steps share a timestamp.
/// </summary>
public sealed class CatalogReviewStep
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    public Guid SeriesId { get; set; }

    public int Sequence { get; set; }

    public int Version { get; set; }

    public CatalogAction Action { get; set; }

    public Guid? ActorUserId { get; set; }

    public required string ActorName { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The reason for a return or withdrawal, the review opinion, or what was changed.</summary>
    public string? Comment { get; set; }
}

/// <summary>Which classification a category belongs to.</summary>
public enum CategoryScheme
{
    /// <summary>主题分类.</summary>
    Topic = 1,

    /// <summary>体裁分类.</summary>
    Genre = 2,
}

/// <summary>
/// A class of the 主题分类 or 体裁分类. Rows without an agency are the platform's default list; an agency's own rows
/// (its 政务公开标准目录 items) are offered to it in addition. <see cref="Group"/> is the first level, if any.
/// </summary>
public sealed class CatalogCategory
{
    public Guid Id { get; set; }

    public Guid? AgencyId { get; set; }

    public CategoryScheme Scheme { get; set; }

    public string? Group { get; set; }

    public required string Name { get; set; }

    public int SortOrder { get; set; }

    /// <summary>"综合政务\政务公开" for a two-level class, else the name.</summary>
    public string FullName => Group is null ? Name : Group + "\\" + Name;
}

/// <summary>An agency's catalogue settings; an agency without a row uses the defaults.</summary>
public sealed class CatalogSettings
{
    public Guid AgencyId { get; set; }

    /// <summary>The index-number pattern (see <see cref="IndexNumberScheme"/>).</summary>
    public string IndexPattern { get; set; } = IndexNumberScheme.DefaultPattern;

    public IndexPrefixSource PrefixSource { get; set; } = IndexPrefixSource.AsRegistered;

    public DateTime UpdatedAtUtc { get; set; }

    public required string UpdatedBy { get; set; }
}
