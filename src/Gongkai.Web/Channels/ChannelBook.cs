using System.Globalization;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Channels;

/// <summary>A registered channel as the pages show it, with whether it is stale today.</summary>
public sealed record ChannelRow(Guid Id, ChannelKind Kind, string Name, string Address, string Responsible, DateOnly? LastUpdatedOn, DateOnly OpenedOn, bool IsStale, string? StaleText)
{
    /// <summary>政务微信【开封政务服务】: the kind and the name, as the seed reports write a channel.</summary>
    public string Display => ChannelRules.Label(Kind) + "【" + Name + "】";
}

/// <summary>
/// The signed-in person's agency's channels (公开渠道): reading them with their staleness, registering and changing
/// them, entering a month's count. Every change is audited; another agency's channel is never found.
/// </summary>
public sealed class ChannelBook(GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock, IOptions<ChannelOptions> options)
{
    public int StaleAfterDays => options.Value.StaleAfterDays;

    public async Task<IReadOnlyList<ChannelRow>> ForAgencyAsync(Guid agencyId, CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.Today(clock);
        var rows = await db.PublicationChannels.AsNoTracking().Where(c => c.AgencyId == agencyId)
            .OrderBy(c => c.Kind).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(c => Row(c, today))];
    }

    public ChannelRow Row(PublicationChannel channel, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var stale = ChannelRules.IsStale(channel.Kind, channel.LastUpdatedOn, today, StaleAfterDays);
        return new ChannelRow(channel.Id, channel.Kind, channel.Name, channel.Address, channel.Responsible, channel.LastUpdatedOn, channel.OpenedOn,
            stale, stale ? ChannelRules.StaleText(channel.LastUpdatedOn, today) : null);
    }

    /// <summary>Registers a channel (<paramref name="id"/> null) or changes one of the agency's; the messages by field when it cannot.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(Guid? id, ChannelInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = ChinaTime.Today(clock);
        var lastUpdated = ParseDate(input.LastUpdatedOn, out var dateError);
        var errors = ChannelRules.Problems(input.Kind, input.Name, input.Address, input.Responsible, lastUpdated, today);
        if (dateError)
        {
            errors[nameof(ChannelInput.LastUpdatedOn)] = $"最近更新日期“{input.LastUpdatedOn!.Trim()}”不是有效日期；请写成 2024-03-05 这样的格式。";
        }

        PublicationChannel? channel = null;
        if (id is { } existing)
        {
            channel = await db.PublicationChannels.SingleOrDefaultAsync(c => c.Id == existing && c.AgencyId == staff.AgencyId, cancellationToken);
            if (channel is null)
            {
                errors[""] = "未找到该渠道（可能已被删除，或不属于本机关）。";
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var isNew = channel is null;
        channel ??= new PublicationChannel
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = staff.AgencyId,
            Name = "",
            Address = "",
            Responsible = "",
            OpenedOn = today,
        };
        var before = isNew ? null : Describe(channel);
        channel.Kind = input.Kind;
        channel.Name = input.Name!.Trim();
        channel.Address = input.Address!.Trim();
        channel.Responsible = input.Responsible!.Trim();
        channel.LastUpdatedOn = lastUpdated;
        channel.UpdatedAtUtc = now;
        if (isNew)
        {
            db.PublicationChannels.Add(channel);
            audit.Record("channel.registered", "PublicationChannel", channel.Id.ToString(), "登记公开渠道 " + Describe(channel));
        }
        else
        {
            audit.Record("channel.changed", "PublicationChannel", channel.Id.ToString(), $"修改公开渠道：{before} → {Describe(channel)}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Records (or replaces) a month's count of one of the agency's channels; the messages by field when it cannot.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveCountAsync(ChannelCountInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = ChinaTime.Today(clock);
        var (year, month) = ParseMonth(input.Month);
        var errors = ChannelRules.CountProblems(year, month, input.Count, input.Source, today);
        var channel = input.ChannelId is { } channelId
            ? await db.PublicationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId && c.AgencyId == staff.AgencyId, cancellationToken)
            : null;
        if (channel is null)
        {
            errors[nameof(ChannelCountInput.ChannelId)] = "请选择本机关登记的渠道。";
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var row = await db.ChannelMonthlyCounts.SingleOrDefaultAsync(c => c.ChannelId == channel!.Id && c.Year == year && c.Month == month, cancellationToken);
        var previous = row?.Count;
        if (row is null)
        {
            row = new ChannelMonthlyCount { ChannelId = channel!.Id, Year = year, Month = month, Source = "", EnteredBy = "" };
            db.ChannelMonthlyCounts.Add(row);
        }

        row.Count = input.Count!.Value;
        row.Source = input.Source!.Trim();
        row.EnteredBy = staff.DisplayName;
        row.EnteredAtUtc = clock.GetUtcNow().UtcDateTime;
        var label = string.Create(CultureInfo.InvariantCulture, $"{ChannelRules.Label(channel!.Kind)}【{channel.Name}】{year}年{month}月发布信息 {row.Count} 条（来源：{row.Source}）");
        audit.Record("channel.count.entered", "PublicationChannel", channel.Id.ToString(),
            previous is null ? "登记" + label : string.Create(CultureInfo.InvariantCulture, $"更正{label}，原为 {previous} 条"));
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>The year's monthly counts of the agency's channels.</summary>
    public Task<List<ChannelMonthlyCount>> CountsAsync(Guid agencyId, int year, CancellationToken cancellationToken = default) =>
        db.ChannelMonthlyCounts.AsNoTracking()
            .Where(c => c.Year == year && db.PublicationChannels.Any(p => p.Id == c.ChannelId && p.AgencyId == agencyId))
            .OrderBy(c => c.Month).ToListAsync(cancellationToken);

    /// <summary>Reads 2024-03 (the month input's format) or 2024年3月; (0, 0) otherwise.</summary>
    public static (int Year, int Month) ParseMonth(string? text)
    {
        var value = (text ?? "").Trim();
        foreach (var format in new[] { "yyyy-MM", "yyyy-M", "yyyy年M月" })
        {
            if (DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return (parsed.Year, parsed.Month);
            }
        }

        return (0, 0);
    }

    private static DateOnly? ParseDate(string? text, out bool invalid)
    {
        invalid = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var date = Catalog.CatalogDates.Parse(text);
        invalid = date is null;
        return date;
    }

    private static string Describe(PublicationChannel channel) =>
        $"{ChannelRules.Label(channel.Kind)}【{channel.Name}】（{channel.Address}，责任人 {channel.Responsible}，最近更新 {(channel.LastUpdatedOn is { } last ? DateText.Iso(last) : "未登记")}）";
}

/// <summary>What staff type for a channel: strings for the dates, so a wrong value is kept and shown with its message.</summary>
public sealed class ChannelInput
{
    public ChannelKind Kind { get; set; } = ChannelKind.WeChat;

    public string? Name { get; set; }

    public string? Address { get; set; }

    public string? Responsible { get; set; }

    public string? LastUpdatedOn { get; set; }
}

/// <summary>A month's count of a channel outside the platform, with where it comes from.</summary>
public sealed class ChannelCountInput
{
    public Guid? ChannelId { get; set; }

    /// <summary>2024-03, as the month input sends it.</summary>
    public string? Month { get; set; }

    public int? Count { get; set; }

    public string? Source { get; set; }
}
