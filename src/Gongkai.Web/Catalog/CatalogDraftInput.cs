using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Data.Catalog;

namespace Gongkai.Web.Catalog;

/// <summary>
/// What a person types for a catalogue item (the edit form and one CSV row alike): strings, so a wrong value is kept
/// and shown next to its message. <see cref="Validate"/> checks every field and says in Chinese what to do.
/// </summary>
public sealed class CatalogDraftInput
{
    public string? Title { get; set; }

    public string? Publisher { get; set; }

    public CatalogItemKind Kind { get; set; } = CatalogItemKind.General;

    public DisclosureMode Mode { get; set; } = DisclosureMode.Proactive;

    public string? DocumentNumber { get; set; }

    public string? WrittenOn { get; set; }

    public string? FormedOn { get; set; }

    public Guid? TopicCategoryId { get; set; }

    public Guid? GenreCategoryId { get; set; }

    public string? EffectiveOn { get; set; }

    public string? ExpiresOn { get; set; }

    public string? RepealedOn { get; set; }

    /// <summary>For a 政策解读: the 索引号 of the document it explains.</summary>
    public string? InterpretsIndexNumber { get; set; }

    public string? Summary { get; set; }

    public string? Keywords { get; set; }

    public string? Body { get; set; }

    /// <summary>The registered channels (公开渠道) the item also goes out on; the portal is always one and not listed.</summary>
    public List<Guid> ChannelIds { get; set; } = [];

    public static CatalogDraftInput From(CatalogItem item, string? interpretsIndexNumber, IEnumerable<Guid>? channelIds = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new CatalogDraftInput
        {
            Title = item.Title,
            Publisher = item.Publisher,
            Kind = item.Kind,
            Mode = item.Mode,
            DocumentNumber = item.DocumentNumber,
            WrittenOn = DateText.Iso(item.WrittenOn),
            FormedOn = DateText.Iso(item.FormedOn),
            TopicCategoryId = item.TopicCategoryId,
            GenreCategoryId = item.GenreCategoryId,
            EffectiveOn = DateText.Iso(item.EffectiveOn),
            ExpiresOn = DateText.Iso(item.ExpiresOn),
            RepealedOn = DateText.Iso(item.RepealedOn),
            InterpretsIndexNumber = interpretsIndexNumber,
            Summary = item.Summary,
            Keywords = item.Keywords,
            Body = item.Body,
            ChannelIds = channelIds?.ToList() ?? [],
        };
    }

    /// <summary>
    /// Checks the fields; <paramref name="categories"/> are those the agency may use, <paramref name="today"/> the
    /// China date. Returns the messages by field name (empty when valid).
    /// </summary>
    public Dictionary<string, string> Validate(IReadOnlyCollection<CatalogCategory> categories, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Require(nameof(Title), Title, "名称", 300, errors);
        Require(nameof(Publisher), Publisher, "发布机构", 200, errors);
        Limit(nameof(DocumentNumber), DocumentNumber, "文号", 100, errors);
        Limit(nameof(Summary), Summary, "内容概述", 1000, errors);
        Limit(nameof(Keywords), Keywords, "主题词", 200, errors);
        if (!Enum.IsDefined(Kind))
        {
            errors[nameof(Kind)] = "请选择信息类别。";
        }

        if (!Enum.IsDefined(Mode))
        {
            errors[nameof(Mode)] = "请选择公开方式。";
        }

        var normative = Kind is CatalogItemKind.Rule or CatalogItemKind.NormativeDocument;
        if (normative && string.IsNullOrWhiteSpace(DocumentNumber))
        {
            errors[nameof(DocumentNumber)] = $"{CatalogWorkflow.KindLabel(Kind)}必须填写文号，例如“示教〔2024〕12号”。";
        }

        var written = Date(nameof(WrittenOn), WrittenOn, "成文日期", errors);
        if (normative && written is null && !errors.ContainsKey(nameof(WrittenOn)))
        {
            errors[nameof(WrittenOn)] = $"{CatalogWorkflow.KindLabel(Kind)}必须填写成文日期（统计年报表二“本年制发件数”按此日期）。";
        }

        var formed = Date(nameof(FormedOn), FormedOn, "形成日期", errors);
        if (formed is null && written is null && !errors.ContainsKey(nameof(FormedOn)))
        {
            errors[nameof(FormedOn)] = "请填写信息形成（或变更）日期；公开时限（20 个工作日）从这一天起算。";
        }

        foreach (var (field, date, label) in new[] { (nameof(WrittenOn), written, "成文日期"), (nameof(FormedOn), formed, "形成日期") })
        {
            if (date > today && !errors.ContainsKey(field))
            {
                errors[field] = $"{label}不能晚于今天（{DateText.Iso(today)}）。";
            }
        }

        var effective = Date(nameof(EffectiveOn), EffectiveOn, "施行日期", errors);
        var expires = Date(nameof(ExpiresOn), ExpiresOn, "有效期至", errors);
        var repealed = Date(nameof(RepealedOn), RepealedOn, "废止日期", errors);
        if (effective is not null && expires is not null && expires < effective && !errors.ContainsKey(nameof(ExpiresOn)))
        {
            errors[nameof(ExpiresOn)] = "有效期截止日期不能早于施行日期。";
        }

        if (repealed is not null && written is not null && repealed < written && !errors.ContainsKey(nameof(RepealedOn)))
        {
            errors[nameof(RepealedOn)] = "废止日期不能早于成文日期。";
        }

        if (TopicCategoryId is not { } topic || !categories.Any(c => c.Id == topic && c.Scheme == CategoryScheme.Topic))
        {
            errors[nameof(TopicCategoryId)] = "请选择主题分类。";
        }

        if (GenreCategoryId is { } genre && !categories.Any(c => c.Id == genre && c.Scheme == CategoryScheme.Genre))
        {
            errors[nameof(GenreCategoryId)] = "请从列表中选择体裁分类。";
        }

        if (Kind != CatalogItemKind.Interpretation && !string.IsNullOrWhiteSpace(InterpretsIndexNumber))
        {
            errors[nameof(InterpretsIndexNumber)] = "只有“政策解读”才关联被解读的文件；请把类别改为政策解读，或清空此项。";
        }

        return errors;
    }

    /// <summary>Copies the (validated) values onto a draft.</summary>
    public void ApplyTo(CatalogItem item, Guid? interpretsSeriesId)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Title = Clean(Title)!;
        item.Publisher = Clean(Publisher)!;
        item.Kind = Kind;
        item.Mode = Mode;
        item.DocumentNumber = Clean(DocumentNumber);
        item.WrittenOn = CatalogDates.Parse(WrittenOn);
        item.FormedOn = CatalogDates.Parse(FormedOn) ?? item.WrittenOn!.Value;
        item.TopicCategoryId = TopicCategoryId;
        item.GenreCategoryId = GenreCategoryId;
        item.EffectiveOn = CatalogDates.Parse(EffectiveOn);
        item.ExpiresOn = CatalogDates.Parse(ExpiresOn);
        item.RepealedOn = CatalogDates.Parse(RepealedOn);
        item.InterpretsSeriesId = Kind == CatalogItemKind.Interpretation ? interpretsSeriesId : null;
        item.Summary = Clean(Summary);
        item.Keywords = Clean(Keywords);
        item.Body = (Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : Regex.Replace(value.Trim(), @"[ \t]+", " ");

    private static void Require(string field, string? value, string label, int max, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = $"请填写{label}。";
            return;
        }

        Limit(field, value, label, max, errors);
    }

    private static void Limit(string field, string? value, string label, int max, Dictionary<string, string> errors)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors[field] = string.Create(CultureInfo.InvariantCulture, $"{label}不能超过 {max} 个字（现有 {value.Trim().Length} 个）。");
        }
    }

    private static DateOnly? Date(string field, string? value, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (CatalogDates.Parse(value) is { } date)
        {
            return date;
        }

        errors[field] = $"{label}“{value.Trim()}”不是有效日期；请写成 2024-03-05 这样的格式。";
        return null;
    }
}

/// <summary>Dates as the catalogue shows and accepts them.</summary>
public static class CatalogDates
{
    private static readonly string[] Formats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-M-d H:mm", "yyyy/M/d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss",
    ];

    /// <summary>Reads 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305 (Excel adds a time sometimes); null otherwise.</summary>
    public static DateOnly? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? DateOnly.FromDateTime(value)
            : null;
    }
}
