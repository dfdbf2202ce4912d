using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Gongkai.AnnualReports.Parsing;
using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Data.Numbering;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>One problem of an import: the spreadsheet row (as Excel numbers it, the header is row 1), the column and what to do.</summary>
public sealed record CatalogImportError(int Line, string Column, string Message);

/// <summary>The outcome of an import: the number of items published, or the errors (and then nothing was imported).</summary>
public sealed record CatalogImportResult(int Imported, IReadOnlyList<CatalogImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Bulk import of an agency's existing catalogue (items already published on its old site) from CSV, as Excel saves
/// it ("CSV UTF-8" or the GBK "CSV (逗号分隔)"), with a header row of Chinese column names in any order. Every row is
/// checked first and every problem is reported with its row and column; only when there is none are all rows
/// published, in one transaction with their search entries — nothing is ever half imported. Imported items keep their
/// 索引号 and 发布日期 when given; a missing 索引号 is generated from the 发布日期.
/// </summary>
public sealed class CatalogImport(GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock, CatalogPublishing publishing)
{
    public const int MaxRows = 20_000;

    /// <summary>The columns, in the order of the template; 名称、发布日期、主题分类 are required.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "索引号", "名称", "类别", "发布机构", "文号", "成文日期", "发布日期", "形成日期", "主题分类", "体裁分类", "公开方式",
        "施行日期", "有效期至", "废止日期", "有效性", "被解读文件索引号", "内容概述", "主题词", "正文",
    ];

    private static readonly string[] RequiredColumns = ["名称", "发布日期", "主题分类"];

    private static readonly Dictionary<string, string> FieldColumns = new(StringComparer.Ordinal)
    {
        [nameof(CatalogDraftInput.Title)] = "名称",
        [nameof(CatalogDraftInput.Publisher)] = "发布机构",
        [nameof(CatalogDraftInput.Kind)] = "类别",
        [nameof(CatalogDraftInput.Mode)] = "公开方式",
        [nameof(CatalogDraftInput.DocumentNumber)] = "文号",
        [nameof(CatalogDraftInput.WrittenOn)] = "成文日期",
        [nameof(CatalogDraftInput.FormedOn)] = "形成日期",
        [nameof(CatalogDraftInput.TopicCategoryId)] = "主题分类",
        [nameof(CatalogDraftInput.GenreCategoryId)] = "体裁分类",
        [nameof(CatalogDraftInput.EffectiveOn)] = "施行日期",
        [nameof(CatalogDraftInput.ExpiresOn)] = "有效期至",
        [nameof(CatalogDraftInput.RepealedOn)] = "废止日期",
        [nameof(CatalogDraftInput.InterpretsIndexNumber)] = "被解读文件索引号",
        [nameof(CatalogDraftInput.Summary)] = "内容概述",
        [nameof(CatalogDraftInput.Keywords)] = "主题词",
        [nameof(CatalogDraftInput.Body)] = "正文",
    };

    /// <summary>A template with the header row and one example row (UTF-8 with BOM, so Excel opens it correctly).</summary>
    public static string Template()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            string[] example =
            [
                "", "关于做好2024年春季学期学生资助工作的通知", "行政规范性文件", "示范县教育局", "示教〔2024〕2号", "2024-02-20", "2024-02-22", "",
                "科技、教育\\教育", "通知", "主动公开", "2024-03-01", "2029-02-28", "", "有效", "", "明确学生资助对象、标准和程序。", "学生资助",
                "各中小学：\n现将有关事项通知如下……",
            ];
            foreach (var line in new[] { Columns.ToArray(), example })
            {
                foreach (var field in line)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    private sealed record Row(int Line, CatalogDraftInput Input, string? IndexNumber, DateOnly PublishedOn, string? InterpretsIndexNumber);

    public async Task<CatalogImportResult> ImportAsync(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var actor = publishing.Actor;
        if (!CatalogWorkflow.IsAllowed(CatalogStatus.Draft, CatalogAction.Imported, actor, Guid.Empty, out var refusal))
        {
            return Fail(0, "", refusal!);
        }

        string text;
        try
        {
            text = SourceDecoding.DecodeText(content, fileName);
        }
        catch (ReportReadException exception)
        {
            return Fail(0, "", exception.Message);
        }

        var agencyName = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var categories = await CatalogCategories.ForAgencyAsync(db, staff.AgencyId, cancellationToken);
        var today = ChinaTime.Today(clock);
        var errors = new List<CatalogImportError>();
        var rows = new List<Row>();
        try
        {
            ReadRows(text, agencyName, categories, today, rows, errors);
        }
        catch (CsvHelperException exception)
        {
            var line = exception.Context?.Parser?.Row ?? 0;
            return Fail(line, "", $"第 {line} 行的引号不配对或格式有误，无法读取；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试。");
        }

        if (errors.Count > 0 || rows.Count == 0)
        {
            return new CatalogImportResult(0, errors.Count > 0 ? errors : [new CatalogImportError(0, "", "文件中没有数据行；第 1 行是列名，从第 2 行起每行一条信息。")]);
        }

        await CheckAgainstDatabaseAsync(rows, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return new CatalogImportResult(0, [.. errors.OrderBy(e => e.Line)]);
        }

        await PublishAsync(rows, cancellationToken);
        return new CatalogImportResult(rows.Count, []);
    }

    private static void ReadRows(string text, string agencyName, IReadOnlyList<CatalogCategory> categories, DateOnly today, List<Row> rows, List<CatalogImportError> errors)
    {
        var lineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = lineEnd < 0 ? text : text[..lineEnd];
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = firstLine.Contains('\t') && !firstLine.Contains(',') ? "\t" : ",",
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        if (!parser.Read())
        {
            return;
        }

        var header = parser.Record!.Select(h => h.Trim()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                continue;
            }

            if (!Columns.Contains(header[i]))
            {
                errors.Add(new CatalogImportError(1, header[i], $"无法识别列名“{header[i]}”；列名须为：{string.Join("、", Columns)}。"));
            }
            else if (!columns.TryAdd(header[i], i))
            {
                errors.Add(new CatalogImportError(1, header[i], $"列“{header[i]}”出现了两次；请删除多余的一列。"));
            }
        }

        foreach (var required in RequiredColumns.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(new CatalogImportError(1, required, $"缺少必填列“{required}”；请在第 1 行加上这一列。"));
        }

        if (errors.Count > 0)
        {
            return;
        }

        var seenIndexNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        while (parser.Read())
        {
            var line = parser.Row;
            var record = parser.Record!;
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count + 1 > MaxRows)
            {
                errors.Add(new CatalogImportError(line, "", $"一次最多导入 {MaxRows} 条；请把文件拆分后分批导入。"));
                return;
            }

            string? Cell(string column) => columns.TryGetValue(column, out var index) && index < record.Length && !string.IsNullOrWhiteSpace(record[index])
                ? record[index].Trim()
                : null;

            var rowErrors = new List<CatalogImportError>();
            var input = new CatalogDraftInput
            {
                Title = Cell("名称"),
                Publisher = Cell("发布机构") ?? agencyName,
                DocumentNumber = Cell("文号"),
                WrittenOn = Cell("成文日期"),
                FormedOn = Cell("形成日期") ?? Valid(Cell("成文日期")) ?? Valid(Cell("发布日期")),
                EffectiveOn = Cell("施行日期"),
                ExpiresOn = Cell("有效期至"),
                RepealedOn = Cell("废止日期"),
                InterpretsIndexNumber = Cell("被解读文件索引号"),
                Summary = Cell("内容概述"),
                Keywords = Cell("主题词"),
                Body = columns.TryGetValue("正文", out var bodyIndex) && bodyIndex < record.Length ? record[bodyIndex] : "",
            };

            input.Kind = Cell("类别") switch
            {
                null or "其他" or "其他政府信息" => CatalogItemKind.General,
                "规章" => CatalogItemKind.Rule,
                "行政规范性文件" or "规范性文件" => CatalogItemKind.NormativeDocument,
                "政策解读" or "解读" => CatalogItemKind.Interpretation,
                var other => Invalid(rowErrors, line, "类别", $"类别“{other}”无法识别；请填写 规章、行政规范性文件、政策解读 或 其他政府信息。", CatalogItemKind.General),
            };
            input.Mode = Cell("公开方式") switch
            {
                null or "主动公开" => DisclosureMode.Proactive,
                "依申请公开" => DisclosureMode.OnRequest,
                var other => Invalid(rowErrors, line, "公开方式", $"公开方式“{other}”无法识别；请填写 主动公开 或 依申请公开。", DisclosureMode.Proactive),
            };
            input.TopicCategoryId = Category(Cell("主题分类"), CategoryScheme.Topic, categories, rowErrors, line, "主题分类");
            input.GenreCategoryId = Category(Cell("体裁分类"), CategoryScheme.Genre, categories, rowErrors, line, "体裁分类");

            foreach (var (field, message) in input.Validate(categories, today))
            {
                // Without its own column, the formation date is the 发布日期, whose own message says what is wrong.
                if (field == nameof(CatalogDraftInput.FormedOn) && Cell("形成日期") is null)
                {
                    continue;
                }

                var column = FieldColumns[field];
                if (!rowErrors.Any(e => e.Column == column))
                {
                    rowErrors.Add(new CatalogImportError(line, column, message));
                }
            }

            var published = CatalogDates.Parse(Cell("发布日期"));
            if (published is null)
            {
                rowErrors.Add(new CatalogImportError(line, "发布日期", Cell("发布日期") is { } raw
                    ? $"发布日期“{raw}”不是有效日期；请写成 2024-03-05 这样的格式。"
                    : "请填写发布日期（该信息在原网站上的发布日期）。"));
            }
            else if (published > today)
            {
                rowErrors.Add(new CatalogImportError(line, "发布日期", $"发布日期不能晚于今天（{DateText.Iso(today)}）。"));
            }
            else if (CatalogDates.Parse(input.WrittenOn) is { } written && written > published)
            {
                rowErrors.Add(new CatalogImportError(line, "发布日期", "发布日期早于成文日期；请核对两个日期。"));
            }

            if (Cell("有效性") is { } validity)
            {
                var repealed = CatalogDates.Parse(input.RepealedOn);
                var expected = validity switch
                {
                    "有效" or "现行有效" => (Validity?)Validity.Valid,
                    "废止" or "已废止" => Validity.Repealed,
                    "失效" or "已失效" => Validity.Expired,
                    _ => null,
                };
                if (expected is null)
                {
                    rowErrors.Add(new CatalogImportError(line, "有效性", $"有效性“{validity}”无法识别；请填写 有效、失效 或 废止（也可留空，由日期推算）。"));
                }
                else if (expected == Validity.Repealed && repealed is null)
                {
                    rowErrors.Add(new CatalogImportError(line, "废止日期", "有效性为“废止”时须填写废止日期（统计年报表二“本年废止件数”按此日期）。"));
                }
                else if (expected == Validity.Expired && CatalogDates.Parse(input.ExpiresOn) is null)
                {
                    rowErrors.Add(new CatalogImportError(line, "有效期至", "有效性为“失效”时须填写有效期截止日期。"));
                }
                else if (expected == Validity.Valid && repealed is { } r && r <= today)
                {
                    rowErrors.Add(new CatalogImportError(line, "有效性", $"填写了废止日期 {DateText.Iso(r)}，有效性却为“有效”；请核对。"));
                }
            }

            var indexNumber = Cell("索引号");
            if (indexNumber is not null)
            {
                if (indexNumber.Length > 50)
                {
                    rowErrors.Add(new CatalogImportError(line, "索引号", "索引号不能超过 50 个字符。"));
                }
                else if (seenIndexNumbers.TryGetValue(indexNumber, out var earlierLine))
                {
                    rowErrors.Add(new CatalogImportError(line, "索引号", $"索引号“{indexNumber}”与第 {earlierLine} 行重复；索引号必须唯一。"));
                }
                else
                {
                    seenIndexNumbers[indexNumber] = line;
                }
            }

            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0)
            {
                rows.Add(new Row(line, input, indexNumber, published!.Value, CatalogDraftInput.Clean(input.InterpretsIndexNumber)));
            }
        }
    }

    private async Task CheckAgainstDatabaseAsync(List<Row> rows, List<CatalogImportError> errors, CancellationToken cancellationToken)
    {
        var numbers = rows.Where(r => r.IndexNumber is not null).Select(r => r.IndexNumber!).ToList();
        var taken = (await db.CatalogItems.Where(i => i.IndexNumber != null && numbers.Contains(i.IndexNumber)).Select(i => i.IndexNumber!).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var inFile = numbers.ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.IndexNumber is { } number && taken.Contains(number))
            {
                errors.Add(new CatalogImportError(row.Line, "索引号", $"索引号“{number}”已被平台上的另一条信息使用；如是重复导入，请删除此行。"));
            }

            if (row.InterpretsIndexNumber is { } target && !inFile.Contains(target) && await publishing.PublishedSeriesAsync(target, cancellationToken) is null)
            {
                errors.Add(new CatalogImportError(row.Line, "被解读文件索引号", $"未找到索引号为“{target}”的已发布文件（平台上和本文件中都没有）；请核对。"));
            }
        }

        if (errors.Count == 0)
        {
            // Generated numbers must be possible: the agency needs a code and a valid scheme.
            try
            {
                if (rows.Any(r => r.IndexNumber is null))
                {
                    await IndexNumbers.SchemeAsync(db, staff.AgencyId, cancellationToken);
                }
            }
            catch (CatalogRuleException exception)
            {
                errors.Add(new CatalogImportError(rows.First(r => r.IndexNumber is null).Line, "索引号", exception.Message + "（或在文件中填写索引号）"));
            }
        }
    }

    private async Task PublishAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The counters in the fixed order (NumberCounters.TakeAsync): this agency's index-number years, then the search
        // keys of each day as one block, so that a concurrent import or publication never waits in a circle with this one.
        foreach (var year in rows.Where(r => r.IndexNumber is null).Select(r => r.PublishedOn.Year).Distinct().Order())
        {
            await NumberCounters.TakeAsync(db, staff.AgencyId, NumberSeries.IndexNumbers(year), 0, cancellationToken);
        }

        var nextKeys = new Dictionary<DateOnly, long>();
        foreach (var day in rows.GroupBy(r => r.PublishedOn).OrderBy(g => g.Key))
        {
            nextKeys[day.Key] = await CatalogSearchIndex.NextKeyAsync(db, day.Key, day.Count(), cancellationToken);
        }

        var items = new List<(Row Row, CatalogItem Item)>();
        foreach (var row in rows)
        {
            var id = Guid.CreateVersion7(now);
            var item = new CatalogItem
            {
                Id = id,
                SeriesId = id,
                AgencyId = staff.AgencyId,
                Title = "",
                Publisher = "",
                Body = "",
                Status = CatalogStatus.Published,
                DraftedById = staff.UserId,
                DraftedByName = staff.DisplayName,
                CreatedAtUtc = now.UtcDateTime,
                UpdatedAtUtc = now.UtcDateTime,
                PublishedAtUtc = now.UtcDateTime,
            };
            row.Input.ApplyTo(item, null);
            item.PublishedOn = row.PublishedOn;
            item.IndexNumber = row.IndexNumber ?? await IndexNumbers.NextAsync(db, staff.AgencyId, row.PublishedOn, cancellationToken);
            item.SearchKey = nextKeys[row.PublishedOn]++;
            db.CatalogItems.Add(item);
            db.CatalogReviewSteps.Add(new CatalogReviewStep
            {
                Id = Guid.CreateVersion7(now),
                ItemId = item.Id,
                SeriesId = item.SeriesId,
                Sequence = 1,
                Version = 1,
                Action = CatalogAction.Imported,
                ActorUserId = staff.UserId,
                ActorName = staff.DisplayName,
                AtUtc = now.UtcDateTime,
                Comment = string.Create(CultureInfo.InvariantCulture, $"导入文件第 {row.Line} 行，原发布日期 {DateText.Iso(row.PublishedOn)}"),
            });
            items.Add((row, item));
        }

        var bySeries = items.Where(i => i.Item.IndexNumber is not null).ToDictionary(i => i.Item.IndexNumber!, i => i.Item.SeriesId, StringComparer.Ordinal);
        foreach (var (row, item) in items.Where(i => i.Row.InterpretsIndexNumber is not null))
        {
            item.InterpretsSeriesId = bySeries.TryGetValue(row.InterpretsIndexNumber!, out var series)
                ? series
                : await publishing.PublishedSeriesAsync(row.InterpretsIndexNumber!, cancellationToken);
        }

        audit.Record("catalog.imported", "CatalogItem", null, string.Create(CultureInfo.InvariantCulture, $"批量导入目录信息 {items.Count} 条"), staff.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (_, item) in items)
        {
            await CatalogSearchIndex.AddAsync(db, CatalogSearchDocument.From(item), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static Guid? Category(string? text, CategoryScheme scheme, IReadOnlyList<CatalogCategory> categories, List<CatalogImportError> errors, int line, string column)
    {
        if (text is null)
        {
            return null;
        }

        var wanted = text.Replace('/', '\\').Replace('／', '\\').Replace('＼', '\\');
        var matches = categories.Where(c => c.Scheme == scheme && c.FullName == wanted).ToList();
        if (matches.Count == 0)
        {
            matches = [.. categories.Where(c => c.Scheme == scheme && c.Name == wanted)];
        }

        if (matches.Count == 1)
        {
            return matches[0].Id;
        }

        errors.Add(new CatalogImportError(line, column, matches.Count == 0
            ? $"{column}“{text}”不在本机关的分类中；请填写分类列表中的名称，例如“{categories.First(c => c.Scheme == scheme).FullName}”。"
            : $"{column}“{text}”对应多个分类；请写完整名称（一级分类\\二级分类）。"));
        return null;
    }

    /// <summary>A date cell used as a fallback only when it is a date (its own column reports it otherwise).</summary>
    private static string? Valid(string? date) => CatalogDates.Parse(date) is null ? null : date;

    private static T Invalid<T>(List<CatalogImportError> errors, int line, string column, string message, T fallback)
    {
        errors.Add(new CatalogImportError(line, column, message));
        return fallback;
    }

    private static CatalogImportResult Fail(int line, string column, string message) => new(0, [new CatalogImportError(line, column, message)]);
}
