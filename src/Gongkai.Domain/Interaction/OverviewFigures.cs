using System.Globalization;
using System.Text;

namespace Gongkai.Interaction;

/// <summary>
/// What a registered channel published in a year: the platform's items marked as going out on it, and the counts
/// entered per month for what it published outside the platform. Its figure is the sum.
/// </summary>
public sealed record ChannelFigure(ChannelKind Kind, string Name, int FromPlatform, int Entered)
{
    public int Total => FromPlatform + Entered;

    /// <summary>政务微信【开封政务服务】.</summary>
    public string Display => ChannelRules.Label(Kind) + "【" + Name + "】";
}

/// <summary>
/// One agency's year on the platform as section 一 (总体情况) states it: items published on the portal and on each
/// channel, messages (<see cref="MessageStatistics"/>), consultations opened with their comments received and adopted
/// (采纳 and 部分采纳), ratings of disclosure applications, FAQ entries written for 智能问答 and the portal's unanswered
/// questions they answered.
/// </summary>
public sealed record OverviewFigures(
    int Year,
    int PortalItems,
    IReadOnlyList<ChannelFigure> Channels,
    MessageStatistics Messages,
    int ConsultationsOpened,
    int CommentsReceived,
    int CommentsAdopted,
    int ApplicationRatings,
    decimal? ApplicationsSatisfiedPercent,
    int FaqEntries,
    int QuestionsAnswered)
{
    /// <summary>The opening words of the paragraph, by which an earlier insertion is found and replaced.</summary>
    public const string Opening = "本机关通过政府网站主动公开政府信息";

    /// <summary>
    /// The drafted paragraph in the seed reports' phrasing ("政务微信【开封政务服务】发布信息 373 条…回复群众留言 58 条"),
    /// without spaces around numbers as the national template writes them. Channels that published nothing, and the
    /// clauses of consultations, ratings and FAQ when there were none, are left out; the messages clause is always there.
    /// </summary>
    public string Paragraph()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Year}年，{Opening}{PortalItems}条");
        foreach (var channel in Channels.Where(c => c.Total > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"，{channel.Display}发布信息{channel.Total}条");
        }

        text.Append(CultureInfo.InvariantCulture, $"。收到群众留言{Messages.Received}条，回复群众留言{Messages.Replied}条");
        if (Messages.Replied > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"，其中按期回复{Messages.RepliedOnTime}条，平均用时{Number(Messages.AverageWorkingDays)}个工作日");
        }

        if (Messages.Rated > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"；留言人评价{Messages.Rated}次，满意率{Number(Messages.SatisfiedPercent)}%");
        }

        text.Append('。');
        if (ConsultationsOpened > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"开展意见征集{ConsultationsOpened}次，收到意见{CommentsReceived}条，采纳（含部分采纳）{CommentsAdopted}条。");
        }

        if (ApplicationRatings > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"政府信息公开申请人评价办理情况{ApplicationRatings}次，满意率{Number(ApplicationsSatisfiedPercent)}%。");
        }

        if (FaqEntries > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"智能问答新增常见问题{FaqEntries}条");
            text.Append(QuestionsAnswered > 0 ? string.Create(CultureInfo.InvariantCulture, $"，其中答复群众提出的未解答问题{QuestionsAnswered}个。") : "。");
        }

        return text.ToString();
    }

    /// <summary>Whether a line of section 一 is an earlier insertion of <see cref="Paragraph"/>.</summary>
    public static bool IsParagraph(string line) =>
        line.Length > 5 && line[4] == '年' && line.AsSpan(0, 4).IndexOfAnyExceptInRange('0', '9') < 0
        && line.AsSpan(5).StartsWith("，" + Opening, StringComparison.Ordinal);

    /// <summary>
    /// Section 一 with <paramref name="paragraph"/> in place of an earlier insertion (where that was), or after the
    /// first paragraph when there was none (the table sentence, when inserted, stays first); the rest is kept.
    /// </summary>
    public static string Insert(string? text, string paragraph)
    {
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var at = lines.FindIndex(line => IsParagraph(line.Trim()));
        if (at >= 0)
        {
            lines.RemoveAll(line => IsParagraph(line.Trim()));
            lines.Insert(Math.Min(at, lines.Count), paragraph);
            return string.Join("\n", lines).Trim();
        }

        if (lines.All(line => line.Trim().Length == 0))
        {
            return paragraph;
        }

        lines.Insert(1, paragraph);
        return string.Join("\n", lines).Trim();
    }

    private static string Number(decimal? value) => (value ?? 0m).ToString("0.#", CultureInfo.InvariantCulture);
}
