using System.Globalization;

namespace Gongkai.Interaction;

/// <summary>
/// A kind of 公开渠道 an agency publishes through. <see cref="Portal"/> is the agency's column on the platform's portal,
/// which every agency has and every published catalogue item goes out on; the others are registered by the agency.
/// </summary>
public enum ChannelKind
{
    Portal = 0,
    WeChat = 1,
    Weibo = 2,
    App = 3,
    ServiceCentre = 4,
    ReadingRoom = 5,
    Other = 6,
}

/// <summary>The rules of channels (公开渠道): their names, what an entry needs, and when a new-media account is stale.</summary>
public static class ChannelRules
{
    public const int MaxNameLength = 100;

    public const int MaxAddressLength = 300;

    public const int MaxResponsibleLength = 100;

    public const int MaxSourceLength = 200;

    /// <summary>The national inspection's threshold for a 政务新媒体 account without an update (两周), in calendar days.</summary>
    public const int DefaultStaleAfterDays = 14;

    /// <summary>The kinds an agency registers (the portal column is always there).</summary>
    public static IReadOnlyList<ChannelKind> Registrable { get; } =
        [ChannelKind.WeChat, ChannelKind.Weibo, ChannelKind.App, ChannelKind.ServiceCentre, ChannelKind.ReadingRoom, ChannelKind.Other];

    /// <summary>政务新媒体: the accounts the inspection expects updated, which carry a last-updated date.</summary>
    public static bool IsNewMedia(ChannelKind kind) => kind is ChannelKind.WeChat or ChannelKind.Weibo or ChannelKind.App;

    /// <summary>The kind's name as the seed reports write it (政务微信【开封政务服务】发布信息 373 条).</summary>
    public static string Label(ChannelKind kind) => kind switch
    {
        ChannelKind.Portal => "政府网站",
        ChannelKind.WeChat => "政务微信",
        ChannelKind.Weibo => "政务微博",
        ChannelKind.App => "政务客户端",
        ChannelKind.ServiceCentre => "政务公开专区",
        ChannelKind.ReadingRoom => "公共查阅室",
        ChannelKind.Other => "其他渠道",
        _ => kind.ToString(),
    };

    /// <summary>
    /// Days a new-media account has gone without an update on <paramref name="today"/> past the threshold, or null when
    /// it is not stale. Calendar days, as the inspection counts "两周未更新": an account last updated on the 1st is stale
    /// with a threshold of 14 from the 16th. An account with no date entered is stale (nobody has said it is kept up).
    /// Channels other than new media are never stale.
    /// </summary>
    public static bool IsStale(ChannelKind kind, DateOnly? lastUpdatedOn, DateOnly today, int staleAfterDays) =>
        IsNewMedia(kind) && (lastUpdatedOn is not { } last || today.DayNumber - last.DayNumber > staleAfterDays);

    /// <summary>"n 天未更新" or "未登记更新日期" for a stale account.</summary>
    public static string StaleText(DateOnly? lastUpdatedOn, DateOnly today) => lastUpdatedOn is { } last
        ? string.Create(CultureInfo.InvariantCulture, $"{today.DayNumber - last.DayNumber} 天未更新")
        : "未登记更新日期";

    /// <summary>Why a channel entry cannot be saved, by field (empty when it can).</summary>
    public static Dictionary<string, string> Problems(ChannelKind kind, string? name, string? address, string? responsible, DateOnly? lastUpdatedOn, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Registrable.Contains(kind))
        {
            errors["Kind"] = "请选择渠道类型（政府网站栏目已自动列出，无需登记）。";
        }

        Check(errors, "Name", name, "渠道名称", MaxNameLength, required: true);
        Check(errors, "Address", address, "网址、账号或地址", MaxAddressLength, required: true);
        Check(errors, "Responsible", responsible, "责任人", MaxResponsibleLength, required: true);
        if (lastUpdatedOn > today)
        {
            errors["LastUpdatedOn"] = string.Create(CultureInfo.InvariantCulture, $"最近更新日期不能晚于今天（{today:yyyy-MM-dd}）。");
        }

        return errors;
    }

    /// <summary>Why a month's count cannot be saved, by field (empty when it can): a past or current month, 0–1,000,000 items, a source.</summary>
    public static Dictionary<string, string> CountProblems(int year, int month, int? count, string? source, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (year < 2000 || month is < 1 or > 12 || new DateOnly(Math.Clamp(year, 2000, 9999), Math.Clamp(month, 1, 12), 1) > today)
        {
            errors["Month"] = "请选择已经开始的月份。";
        }

        if (count is not (>= 0 and <= 1_000_000))
        {
            errors["Count"] = "请填写发布条数（0 至 1000000 之间的整数）。";
        }

        Check(errors, "Source", source, "数据来源", MaxSourceLength, required: true);
        return errors;
    }

    private static void Check(Dictionary<string, string> errors, string field, string? value, string label, int max, bool required)
    {
        var text = value?.Trim() ?? "";
        if (required && text.Length == 0)
        {
            errors[field] = $"请填写{label}。";
        }
        else if (text.Length > max)
        {
            errors[field] = string.Create(CultureInfo.InvariantCulture, $"{label}不能超过 {max} 个字（现有 {text.Length} 个）。");
        }
    }
}
