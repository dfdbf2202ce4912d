using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// One agency's assessment for a period, line by line: the indicator's 口径 and version, the value, the points, and the
/// records behind the number (the cases, items, reviews or rectifications counted, and those examined but not
/// counted). A supervisor scores manual lines here, with a note.
/// </summary>
[Authorize(Roles = Roles.Supervisor + "," + Roles.Administrator)]
public sealed class AssessmentDetailModel(
    Assessments assessments, AssessmentSnapshots snapshots, RegionScope scope, GongkaiDbContext db, AuditLog audit, Staff staff, TimeProvider clock, Attachments.AttachmentUploads uploads, Attachments.IFileStore store, Trends trends) : PageModel
{
    /// <summary>A record behind a number: what it is, its dates, and whether it was counted in the numerator.</summary>
    public sealed record CountedRow(Guid Id, string Label, string? Link, IReadOnlyList<string> Cells, bool Counted);

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    [BindProperty]
    public int Line { get; set; }

    [BindProperty]
    public string? Rate { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public ScopedAgency Agency { get; private set; } = null!;

    public AssessmentPeriod SelectedPeriod { get; private set; } = AssessmentPeriod.OfYear(2025);

    public Region SelectedRegion { get; private set; } = null!;

    public AssessmentResult? Result { get; private set; }

    public RankedScore? Row { get; private set; }

    /// <summary>The total in the ranking the rank comes from (a background ranking's, as of its 数据截至), when this page shows live values.</summary>
    public decimal? RankedTotal { get; private set; }

    public Dictionary<int, ManualScoreRecord> Manual { get; private set; } = [];

    public Dictionary<int, IReadOnlyList<CountedRow>> Rows { get; } = [];

    public Dictionary<int, IReadOnlyList<string>> Headers { get; } = [];

    public string? Error { get; private set; }

    /// <summary>The agency's trends: the last twelve months and its totals in the closed periods.</summary>
    public IReadOnlyList<TrendChart> Charts { get; private set; } = [];

    public bool CanScore => staff.IsInRole(Roles.Supervisor) && Result is { ClosedAtUtc: null };

    /// <summary>Supervisors raise rectifications from an overdue case or a line that lost points.</summary>
    public bool CanRaise => staff.IsInRole(Roles.Supervisor);

    public async Task<IActionResult> OnGetAsync(Guid agencyId, CancellationToken cancellationToken) =>
        await LoadAsync(agencyId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostScoreAsync(Guid agencyId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(agencyId, cancellationToken))
        {
            return NotFound();
        }

        var lines = Result?.Scheme.Scheme.Indicators ?? [];
        if (!CanScore || Line < 0 || Line >= lines.Count || lines[Line].Kind != IndicatorKind.Manual)
        {
            Error = Result?.ClosedAtUtc is not null ? "本考核期的结果已经定稿，不能再评分。" : "只能为考核方案中的人工评分项评分。";
            return Page();
        }

        if (!int.TryParse(Rate, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rate) || rate > 100)
        {
            Error = "得分率应为 0 到 100 的整数。";
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Note) || Note.Length > 1000)
        {
            Error = "请写明评分理由（不超过 1000 字）。";
            return Page();
        }

        var scheme = Result!.Scheme;
        var existing = await db.ManualScores.SingleOrDefaultAsync(
            m => m.SchemeId == scheme.Id && m.PeriodKey == SelectedPeriod.Key && m.AgencyId == agencyId && m.Line == Line, cancellationToken);
        if (existing is null)
        {
            existing = db.ManualScores.Add(new ManualScoreRecord
            {
                Id = Guid.CreateVersion7(),
                SchemeId = scheme.Id,
                PeriodKey = SelectedPeriod.Key,
                AgencyId = agencyId,
                Line = Line,
                Note = "",
                ScoredBy = "",
            }).Entity;
        }

        if (Request.HasFormContentType && Request.Form.Files.GetFile("Evidence") is { Length: > 0 } file)
        {
            var upload = await uploads.AddAsync(agencyId, existing.Id, Data.Applications.AttachmentKind.Evidence, file, visibleToApplicant: false, staff.DisplayName, cancellationToken);
            if (upload.Attachment is null)
            {
                Error = upload.Problem;
                return Page();
            }

            existing.EvidenceId = upload.Attachment.Id;
        }

        existing.Rate = rate;
        existing.Note = Note.Trim();
        existing.ScoredAtUtc = clock.GetUtcNow().UtcDateTime;
        existing.ScoredBy = staff.DisplayName;
        audit.Record("assessment.manual-scored", "Agency", agencyId.ToString(),
            $"{SelectedPeriod.Label}“{lines[Line].Name}”评分 {rate}%：{existing.Note}", agencyId);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/supervision/assessment/{agencyId}?period={SelectedPeriod.Key}&region={SelectedRegion.Id}#line-{Line}");
    }

    /// <summary>The evidence file of a manual line's score.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid agencyId, int line, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(agencyId, cancellationToken) || !Manual.TryGetValue(line, out var score) || score.EvidenceId is not { } evidence)
        {
            return NotFound();
        }

        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == evidence && a.OwnerId == score.Id && a.AgencyId == agencyId, cancellationToken);
        if (attachment is null || await store.OpenAsync(attachment.Sha256, cancellationToken) is not { } content)
        {
            return NotFound();
        }

        audit.Record("attachment.downloaded", "Attachment", attachment.Id.ToString(), $"下载考核证明材料“{attachment.FileName}”（{Agency.Name}）", agencyId);
        await db.SaveChangesAsync(cancellationToken);
        return Attachments.AttachmentFile.Send(Response, content, attachment);
    }

    private async Task<bool> LoadAsync(Guid agencyId, CancellationToken cancellationToken)
    {
        if (await assessments.RegionAsync(Region, cancellationToken) is not { } region
            || await scope.AgencyAsync(agencyId, cancellationToken) is not { } agency
            || !agency.RegionPath.StartsWith(region.Path, StringComparison.Ordinal))
        {
            return false;
        }

        SelectedRegion = region;
        Agency = agency;
        var monthly = await trends.MonthlyAsync([agency.Id], cancellationToken);
        Charts = await trends.ScoresAsync(region.Id, agency.Id, cancellationToken) is { } scores ? [.. monthly, scores] : monthly;
        SelectedPeriod = AssessmentPeriod.TryParse(Period, out var period) ? period : AssessmentPeriod.Containing(assessments.Today, PeriodKind.Quarter);
        Result = (await snapshots.ReadAsync(region, SelectedPeriod, cancellationToken)).Result;
        Row = Result?.Ranking.FirstOrDefault(r => r.Score.AgencyId == agencyId);
        if (Result is null || Row is null)
        {
            return true;
        }

        // The ranking is counted without ids; this agency's records behind each number are read here only.
        RankedTotal = Row.Score.Total;
        Row = Row with { Score = await assessments.DrillDownAsync(Result, agency, cancellationToken) ?? Row.Score };

        Manual = (await assessments.ManualScoresAsync(Result.Scheme.Id, SelectedPeriod, cancellationToken)).GetValueOrDefault(agencyId) ?? [];
        await LoadRowsAsync(cancellationToken);
        return true;
    }

    private async Task LoadRowsAsync(CancellationToken cancellationToken)
    {
        var lines = Row!.Score.Lines;
        var ids = lines.SelectMany(l => l.Value.Base).Distinct().ToList();
        var cases = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Number, a.ReceivedOn, a.DueOn, a.ConcludedOn }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var reviews = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Kind, r.FiledOn, r.ConcludedOn, r.Result, r.CaseNumber }).ToDictionaryAsync(r => r.Id, cancellationToken);
        var items = await db.CatalogItems.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Title, i.IndexNumber, i.FormedOn, i.PublishedOn }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var rectifications = await db.Rectifications.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Title, r.DueOn, r.AnsweredOn, r.State }).ToDictionaryAsync(r => r.Id, cancellationToken);
        var sampled = await db.SpotCheckItems.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Join(db.SpotChecks.AsNoTracking(), i => i.SpotCheckId, c => c.Id, (i, c) => new { i.Id, i.SpotCheckId, i.Position, i.CatalogItemId, c.DrawnOn, i.CheckedOn })
            .Join(db.CatalogItems.AsNoTracking(), x => x.CatalogItemId, c => c.Id, (x, c) => new
            {
                x.Id, x.SpotCheckId, x.Position, x.DrawnOn, x.CheckedOn, c.Title, Problems = db.SpotCheckProblems.Count(p => p.SpotCheckItemId == x.Id),
            })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var messages = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id, m.Title, m.ReceivedOn, m.DueOn, m.RepliedOn,
                Rating = db.Ratings.Where(r => r.Subject == Gongkai.Interaction.RatedSubject.Message && r.SubjectId == m.Id).Select(r => (Gongkai.Interaction.Satisfaction?)r.Level).FirstOrDefault(),
            })
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        var calendar = await assessments.CalendarAsync(cancellationToken);

        for (var i = 0; i < lines.Count; i++)
        {
            var value = lines[i].Value;
            var counted = value.Counted.ToHashSet();
            var rows = new List<CountedRow>();
            foreach (var id in value.Base)
            {
                if (cases.TryGetValue(id, out var c))
                {
                    Headers[i] = ["编号", "收到日期", "答复期限", "办结日期"];
                    rows.Add(new CountedRow(id, c.Number, $"/applications/{id}", [DateText.Iso(c.ReceivedOn), DateText.Iso(c.DueOn), DateText.Iso(c.ConcludedOn)], counted.Contains(id)));
                }
                else if (reviews.TryGetValue(id, out var r))
                {
                    Headers[i] = ["案件", "提起日期", "审结日期", "结果"];
                    rows.Add(new CountedRow(id, Reviews.ReviewLabels.Kind(r.Kind) + (r.CaseNumber is { Length: > 0 } n ? " " + n : ""), null,
                        [DateText.Iso(r.FiledOn), DateText.Iso(r.ConcludedOn), Reviews.ReviewLabels.Result(r.Result)], counted.Contains(id)));
                }
                else if (items.TryGetValue(id, out var item))
                {
                    var deadline = Gongkai.Catalog.PublicationDeadline.Compute(calendar, item.FormedOn, item.PublishedOn, assessments.Today);
                    Headers[i] = ["信息", "形成日期", "发布日期", "第几个工作日"];
                    rows.Add(new CountedRow(id, item.Title, $"/catalog/{id}", [DateText.Iso(item.FormedOn), DateText.Iso(item.PublishedOn),
                        deadline.WorkingDays.ToString(System.Globalization.CultureInfo.InvariantCulture)], counted.Contains(id)));
                }
                else if (rectifications.TryGetValue(id, out var rect))
                {
                    Headers[i] = ["整改事项", "整改期限", "答复日期", "状态"];
                    rows.Add(new CountedRow(id, rect.Title, $"/supervision/rectifications/{id}",
                        [DateText.Iso(rect.DueOn), DateText.Iso(rect.AnsweredOn), RectificationFlow.StateLabel(rect.State)], counted.Contains(id)));
                }
                else if (sampled.TryGetValue(id, out var spot))
                {
                    Headers[i] = ["抽查的信息", "抽样日期", "检查日期", "问题数"];
                    rows.Add(new CountedRow(id, spot.Title, $"/supervision/spot-checks/{spot.SpotCheckId}#item-{spot.Position}",
                        [DateText.Iso(spot.DrawnOn), DateText.Iso(spot.CheckedOn), spot.Problems.ToString(System.Globalization.CultureInfo.InvariantCulture)], counted.Contains(id)));
                }
                else if (messages.TryGetValue(id, out var message))
                {
                    // Titles only: the writer's name and phone stay on the interaction desk.
                    Headers[i] = ["留言", "收到日期", lines[i].Line.Kind == IndicatorKind.MessageSatisfaction ? "回复日期" : "回复期限",
                        lines[i].Line.Kind == IndicatorKind.MessageSatisfaction ? "评价" : "回复日期"];
                    rows.Add(new CountedRow(id, message.Title, null, lines[i].Line.Kind == IndicatorKind.MessageSatisfaction
                        ? [DateText.Iso(message.ReceivedOn), DateText.Iso(message.RepliedOn), message.Rating is { } level ? Gongkai.Interaction.InteractionText.Satisfaction(level) : ""]
                        : [DateText.Iso(message.ReceivedOn), DateText.Iso(message.DueOn), DateText.Iso(message.RepliedOn)], counted.Contains(id)));
                }
                else
                {
                    Headers[i] = ["记录", "", "", ""];
                    rows.Add(new CountedRow(id, "（记录已不存在）", null, ["", "", ""], counted.Contains(id)));
                }
            }

            Rows[i] = rows;
        }
    }
}
