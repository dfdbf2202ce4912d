using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Attachments;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// A spot check the user may see, with its agency, the checklist it was drawn with and where that list came from
/// (“示范县第 2 版”, or null for the built-in default list).
/// </summary>
public sealed record SpotCheckView(SpotCheckRecord Check, ScopedAgency Agency, IReadOnlyList<ChecklistQuestion> Checklist, string? ChecklistSource = null);

/// <summary>A stored version of a region's checklist with who made it and when.</summary>
public sealed record StoredChecklist(
    Guid Id, Guid RegionId, string RegionName, int Version, IReadOnlyList<ChecklistQuestion> Questions, string? Note, DateTime CreatedAtUtc, string CreatedBy)
{
    /// <summary>How a check names the version it was drawn with.</summary>
    public string Label => $"{RegionName}第 {Version} 版";
}

/// <summary>A sampled item with what the catalogue says about it and the problems recorded on it.</summary>
public sealed record SpotCheckLine(SpotCheckItemRecord Item, string Title, string? IndexNumber, string? DocumentNumber, DateOnly? PublishedOn, IReadOnlyList<SpotCheckProblemRecord> Problems);

/// <summary>One question's answer on the checking form, as typed.</summary>
public sealed class ChecklistAnswer
{
    public bool Failed { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// Spot checks (抽查) of published catalogue items: drawing a reproducible sample for an agency of the user's region,
/// recording each item against the checklist (problems with a note and an optional evidence file in the attachment
/// store) and reading them back. Every change is audited with the record.
/// </summary>
public sealed class SpotChecks(GongkaiDbContext db, RegionScope scope, AttachmentUploads uploads, AuditLog audit, Staff staff, TimeProvider clock)
{
    public const string DrawnAction = "spot-check.drawn";
    public const string CheckedAction = "spot-check.checked";
    public const string ChecklistSavedAction = "spot-check.checklist-saved";

    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The spot checks of the user's region subtree, newest first.</summary>
    public async Task<IReadOnlyList<SpotCheckRecord>> InScopeAsync(CancellationToken cancellationToken)
    {
        var agencies = (await scope.AgenciesAsync(cancellationToken)).Select(a => a.Id).ToList();
        return await db.SpotChecks.AsNoTracking().Where(s => agencies.Contains(s.AgencyId))
            .OrderByDescending(s => s.DrawnOn).ThenByDescending(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The population a sample is drawn from: the agency's proactively published items in ordinal 索引号 order (then
    /// id), sorted here rather than by the database, whose collation differs between providers, so that the same items
    /// and seed give the same sample anywhere.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> PopulationAsync(Guid agencyId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var items = await db.CatalogItems.AsNoTracking()
            .Where(i => i.AgencyId == agencyId && i.Status == CatalogStatus.Published && i.Mode == DisclosureMode.Proactive && i.PublishedOn <= asOf)
            .Select(i => new { i.Id, i.IndexNumber }).ToListAsync(cancellationToken);
        return [.. items.OrderBy(i => i.IndexNumber, StringComparer.Ordinal).ThenBy(i => i.Id).Select(i => i.Id)];
    }

    /// <summary>Draws a sample for the agency (a random seed when none is given); the Chinese problems, or the new check's id.</summary>
    public async Task<(IReadOnlyList<string> Problems, Guid? Id)> DrawAsync(Guid? agencyId, string? size, string? seed, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var agency = agencyId is { } id && id != staff.AgencyId ? await scope.AgencyAsync(id, cancellationToken) : null;
        if (agency is null)
        {
            problems.Add("请选择要抽查的机关。");
        }

        if (!int.TryParse(size?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > SpotCheckSample.MaxSize)
        {
            problems.Add($"抽查数量应为 1 到 {SpotCheckSample.MaxSize} 的整数。");
        }

        var chosen = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        if (!string.IsNullOrWhiteSpace(seed) && (!int.TryParse(seed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out chosen) || chosen < 1))
        {
            problems.Add("随机种子应为正整数；留空则由系统生成。");
        }

        if (problems.Count > 0)
        {
            return (problems, null);
        }

        var population = await PopulationAsync(agency!.Id, Today, cancellationToken);
        if (population.Count == 0)
        {
            return ([$"{agency.Name}还没有已发布的主动公开信息，无法抽查。"], null);
        }

        var sample = SpotCheckSample.Draw(population, count, chosen);
        var checklist = await scope.RootAsync(cancellationToken) is { } root ? await ChecklistInForceAsync(root, cancellationToken) : null;
        var now = clock.GetUtcNow();
        var check = new SpotCheckRecord
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = agency.Id,
            RaisedByAgencyId = staff.AgencyId,
            DrawnOn = Today,
            Seed = chosen,
            SampleSize = count,
            Population = population.Count,
            ChecklistJson = JsonSerializer.Serialize(checklist?.Questions ?? SpotChecklist.Default, Assessments.Json),
            ChecklistId = checklist?.Id,
            CreatedBy = staff.DisplayName,
            CreatedAtUtc = now.UtcDateTime,
        };
        db.SpotChecks.Add(check);
        for (var i = 0; i < sample.Count; i++)
        {
            db.SpotCheckItems.Add(new SpotCheckItemRecord { Id = Guid.CreateVersion7(now), SpotCheckId = check.Id, Position = i + 1, CatalogItemId = sample[i] });
        }

        audit.Record(DrawnAction, "SpotCheck", check.Id.ToString(),
            $"抽查{agency.Name}：从 {population.Count} 条已发布信息中抽取 {sample.Count} 条（随机种子 {chosen}）", agency.Id);
        await db.SaveChangesAsync(cancellationToken);
        return ([], check.Id);
    }

    /// <summary>A spot check of the user's region subtree, or null.</summary>
    public async Task<SpotCheckView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var check = await db.SpotChecks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (check is null || await scope.AgencyAsync(check.AgencyId, cancellationToken) is not { } agency)
        {
            return null;
        }

        var checklist = JsonSerializer.Deserialize<List<ChecklistQuestion>>(check.ChecklistJson, Assessments.Json) ?? [];
        var source = check.ChecklistId is { } listId
            ? await db.SpotChecklists.AsNoTracking().Where(c => c.Id == listId)
                .Join(db.Regions.AsNoTracking(), c => c.RegionId, r => r.Id, (c, r) => new { r.Name, c.Version }).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new SpotCheckView(check, agency, checklist, source is null ? null : $"{source.Name}第 {source.Version} 版");
    }

    /// <summary>The versions of a region's own checklist, newest first.</summary>
    public async Task<IReadOnlyList<StoredChecklist>> ChecklistVersionsAsync(Region region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        var rows = await db.SpotChecklists.AsNoTracking().Where(c => c.RegionId == region.Id).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(c => c.Version).Select(c => ToStored(c, region.Name))];
    }

    /// <summary>
    /// The checklist a region's supervising office checks with: the latest version of its own list, else of the
    /// nearest region above it that has one (a city's list serves its counties until a county makes its own), else
    /// null — the built-in <see cref="SpotChecklist.Default"/>.
    /// </summary>
    public async Task<StoredChecklist?> ChecklistInForceAsync(Region region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        var path = region.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => Guid.TryParseExact(p, "N", out var id) ? id : Guid.Empty).ToList();
        var latest = await db.SpotChecklists.AsNoTracking().Where(c => path.Contains(c.RegionId))
            .Where(c => c.Version == db.SpotChecklists.Where(o => o.RegionId == c.RegionId).Max(o => o.Version))
            .Join(db.Regions.AsNoTracking(), c => c.RegionId, r => r.Id, (c, r) => new { c, r.Name })
            .ToListAsync(cancellationToken);
        return latest.OrderByDescending(x => path.IndexOf(x.c.RegionId)).Select(x => ToStored(x.c, x.Name)).FirstOrDefault();
    }

    /// <summary>
    /// Saves the next version of <paramref name="region"/>'s own checklist from the form's rows, revised from
    /// <paramref name="current"/> (the list in force); <paramref name="baseVersion"/> is the region's latest version
    /// the form was made from (0 for none), so an edit made on a stale page is refused. The Chinese reasons nothing
    /// was saved, or none.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveChecklistAsync(
        Region region, IReadOnlyList<ChecklistQuestion> current, int baseVersion, IReadOnlyList<ChecklistEdit> rows, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        var (questions, problems) = SpotChecklist.Revise(current, rows, () => "q" + Guid.NewGuid().ToString("N")[..12]);
        var errors = problems.ToList();
        if (note is { Length: > 500 })
        {
            errors.Add("修订说明不超过 500 字。");
        }

        var latest = await db.SpotChecklists.Where(c => c.RegionId == region.Id).MaxAsync(c => (int?)c.Version, cancellationToken) ?? 0;
        if (latest != baseVersion)
        {
            errors.Insert(0, "有人同时保存了新版本，请刷新后重试。");
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var now = clock.GetUtcNow();
        var version = latest + 1;
        db.SpotChecklists.Add(new SpotChecklistRecord
        {
            Id = Guid.CreateVersion7(now),
            RegionId = region.Id,
            Version = version,
            QuestionsJson = JsonSerializer.Serialize(questions, Assessments.Json),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedAtUtc = now.UtcDateTime,
            CreatedBy = staff.DisplayName,
        });
        var retired = current.Where(q => SpotChecklist.Find(questions, q.Key) is null).Select(q => q.Text).ToList();
        audit.Record(ChecklistSavedAction, "SpotChecklist", $"{region.Id:N}/{version}",
            $"{region.Name}抽查检查项第 {version} 版：" + string.Join("、", questions.Select((q, i) => $"{i + 1}. {q.Text}"))
            + (retired.Count > 0 ? "；停用：" + string.Join("、", retired) : ""));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ["有人同时保存了新版本，请刷新后重试。"];
        }

        return [];
    }

    private static StoredChecklist ToStored(SpotChecklistRecord row, string regionName) =>
        new(row.Id, row.RegionId, regionName, row.Version, JsonSerializer.Deserialize<List<ChecklistQuestion>>(row.QuestionsJson, Assessments.Json) ?? [],
            row.Note, row.CreatedAtUtc, row.CreatedBy);

    /// <summary>The sampled items in the order drawn, with their catalogue facts and problems.</summary>
    public async Task<IReadOnlyList<SpotCheckLine>> LinesAsync(Guid checkId, CancellationToken cancellationToken)
    {
        var items = await db.SpotCheckItems.AsNoTracking().Where(i => i.SpotCheckId == checkId).OrderBy(i => i.Position)
            .Join(db.CatalogItems.AsNoTracking(), i => i.CatalogItemId, c => c.Id, (i, c) => new { i, c.Title, c.IndexNumber, c.DocumentNumber, c.PublishedOn })
            .ToListAsync(cancellationToken);
        var ids = items.Select(x => x.i.Id).ToList();
        var problems = (await db.SpotCheckProblems.AsNoTracking().Where(p => ids.Contains(p.SpotCheckItemId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.SpotCheckItemId);
        return [.. items.Select(x => new SpotCheckLine(x.i, x.Title, x.IndexNumber, x.DocumentNumber, x.PublishedOn, [.. problems[x.i.Id]]))];
    }

    /// <summary>
    /// Records the result of checking one sampled item: a problem for every failed question (each needs a note; a
    /// file is kept as its evidence). Null when saved, else the Chinese reason nothing was saved.
    /// </summary>
    public async Task<string?> RecordAsync(
        SpotCheckView view, Guid itemId, IReadOnlyDictionary<string, ChecklistAnswer> answers, IFormFileCollection files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(files);
        var item = await db.SpotCheckItems.SingleOrDefaultAsync(i => i.Id == itemId && i.SpotCheckId == view.Check.Id, cancellationToken);
        if (item is null)
        {
            return "本次抽查没有这条信息。";
        }

        if (item.CheckedOn is not null)
        {
            return "这条信息已经记录过检查结果。";
        }

        var failed = view.Checklist.Where(q => answers.TryGetValue(q.Key, out var a) && a.Failed).ToList();
        foreach (var question in failed)
        {
            if (answers[question.Key].Note is not { } note || string.IsNullOrWhiteSpace(note) || note.Length > 1000)
            {
                return $"“{question.Text}”不符合时，请写明问题（不超过 1000 字）。";
            }
        }

        var title = await db.CatalogItems.AsNoTracking().Where(c => c.Id == item.CatalogItemId).Select(c => c.Title).SingleAsync(cancellationToken);
        var records = new List<SpotCheckProblemRecord>();
        foreach (var question in failed)
        {
            var problem = new SpotCheckProblemRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                SpotCheckItemId = item.Id,
                QuestionKey = question.Key,
                Note = answers[question.Key].Note!.Trim(),
            };
            if (files.GetFile(FileField(question.Key)) is { Length: > 0 } file)
            {
                var upload = await uploads.AddAsync(view.Agency.Id, problem.Id, AttachmentKind.Evidence, file, visibleToApplicant: false, staff.DisplayName, cancellationToken);
                if (upload.Attachment is null)
                {
                    return upload.Problem;
                }

                problem.EvidenceId = upload.Attachment.Id;
            }

            records.Add(problem);
        }

        db.SpotCheckProblems.AddRange(records);
        item.CheckedOn = Today;
        item.CheckedBy = staff.DisplayName;
        audit.Record(CheckedAction, "SpotCheck", view.Check.Id.ToString(), records.Count == 0
            ? $"抽查“{title}”：未发现问题"
            : $"抽查“{title}”：{string.Join("；", failed.Select(q => q.Text + "（" + answers[q.Key].Note!.Trim() + "）"))}", view.Agency.Id);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>An evidence file of a problem of the check, or null.</summary>
    public async Task<AttachmentRecord?> EvidenceAsync(SpotCheckView view, Guid problemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var evidence = await db.SpotCheckProblems.AsNoTracking()
            .Where(p => p.Id == problemId && db.SpotCheckItems.Any(i => i.Id == p.SpotCheckItemId && i.SpotCheckId == view.Check.Id))
            .Select(p => p.EvidenceId).SingleOrDefaultAsync(cancellationToken);
        return evidence is { } id
            ? await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.OwnerId == problemId && a.AgencyId == view.Agency.Id, cancellationToken)
            : null;
    }

    /// <summary>The rectifications raised from the problems, by problem id.</summary>
    public async Task<IReadOnlyDictionary<Guid, Guid>> RectificationsAsync(IEnumerable<Guid> problemIds, CancellationToken cancellationToken)
    {
        var refs = problemIds.Select(SourceRef).ToList();
        var rows = await db.Rectifications.AsNoTracking()
            .Where(r => r.Source == RectificationSource.SpotCheckProblem && r.SourceRef != null && refs.Contains(r.SourceRef))
            .Select(r => new { r.Id, r.SourceRef }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => Guid.ParseExact(r.SourceRef!, "N")).ToDictionary(g => g.Key, g => g.First().Id);
    }

    /// <summary>How a rectification raised from a problem names it.</summary>
    public static string SourceRef(Guid problemId) => problemId.ToString("N");

    /// <summary>The form field of a question's evidence file.</summary>
    public static string FileField(string questionKey) => "File-" + questionKey;
}
