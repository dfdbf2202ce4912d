using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.Documents;

namespace Gongkai.AnnualReports.Json;

/// <summary>
/// The JSON form of a report, <c>gongkai-annual-report/v1</c> (docs/report-json.md, docs/schema/). Tables hold a number
/// or null per cell, nested by the cell paths of <see cref="NationalFormat"/>; <c>cells</c> keeps what the source wrote
/// and where. <see cref="Deserialize"/> of <see cref="Serialize"/> gives back the same title, organisation, year,
/// format, section texts and cells (kind, value, raw text and location). Not carried: section headings as the source
/// wrote them and their locations, the title's location and the observed labels.
/// </summary>
public static class ReportJson
{
    public const string SchemaId = "gongkai-annual-report/v1";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // The form is read by people too: keep Chinese readable instead of \u-escaping it.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] RootKeys =
        ["schema", "title", "organization", "year", "format", "sections", "table2", "table3", "table4", "cells"];

    private static readonly string[] RequiredRootKeys =
        ["schema", "title", "organization", "year", "format", "sections", "table2", "table3", "table4"];

    private static readonly string[] LocationKeys = ["line", "column", "table", "row", "cell", "page"];

    public static string Serialize(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", SchemaId);
            writer.WriteString("title", Clean(report.Title));
            writer.WriteString("organization", Clean(report.Organization));
            if (report.Year is { } year)
            {
                writer.WriteNumber("year", year);
            }
            else
            {
                writer.WriteNull("year");
            }

            writer.WriteString("format", FormatName(report.Format));
            WriteSections(writer, report);
            foreach (var table in Enum.GetValues<ReportTable>())
            {
                writer.WritePropertyName(TableName(table));
                WriteValues(writer, report, PathTree.Of(report.Format, table));
            }

            WriteProvenance(writer, report);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads the JSON form back into a report. Strings are kept as written — control characters too, since this is the
    /// platform's lossless storage form and every renderer cleans what it writes — except half a surrogate pair, which
    /// no format can write and is refused; nesting deeper than <see cref="ReportReadLimits.MaxDepth"/> is refused
    /// before parsing.
    /// </summary>
    /// <exception cref="ReportReadException">The text is not JSON, or not a valid <c>gongkai-annual-report/v1</c>
    /// document (a string holding half a surrogate pair, <c>"\ud800"</c>, included); the message names the JSON path of
    /// the problem.</exception>
    public static AnnualReport Deserialize(string json, ReportReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var budget = new ReadBudget(limits ?? ReportReadLimits.Default, "JSON");
        return ReportParser.Guarded(budget, () => DeserializeWithin(json, budget));
    }

    internal static AnnualReport DeserializeWithin(string json, ReadBudget budget)
    {
        ArgumentNullException.ThrowIfNull(json);
        RequireDepth(json, budget);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = budget.Limits.MaxDepth + 1 });
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            var position = (exception.BytePositionInLine ?? 0) + 1;
            throw new ReportReadException(
                string.Create(CultureInfo.InvariantCulture, $"报告 JSON 无法解析：第{line}行第{position}字节附近不是合法的 JSON（{exception.Path ?? "$"}）。"),
                exception);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>Counts the nesting of objects and arrays outside strings, so that a deep document gets the depth message.</summary>
    private static void RequireDepth(string json, ReadBudget budget)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                budget.RequireDepth(++depth, "JSON 对象和数组");
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
        }
    }

    /// <summary>Half surrogate pairs, which JSON cannot write, as U+FFFD; everything else as it is.</summary>
    private static string? Clean(string? text) => text is null ? null : SafeText.CleanSurrogates(text);

    internal static string FormatName(ReportFormat format) => format == ReportFormat.Format2019 ? "2019" : "2021";

    internal static string KindName(CellKind kind) => kind switch
    {
        CellKind.Number => "number",
        CellKind.Zero => "zero",
        CellKind.Blank => "blank",
        CellKind.Placeholder => "placeholder",
        CellKind.Text => "text",
        _ => "missing",
    };

    private static string TableName(ReportTable table) => table switch
    {
        ReportTable.Table2 => "table2",
        ReportTable.Table3 => "table3",
        _ => "table4",
    };

    private static void WriteSections(Utf8JsonWriter writer, AnnualReport report)
    {
        writer.WriteStartObject("sections");
        var written = new HashSet<SectionKey>();
        foreach (var section in report.Sections)
        {
            // An object has one value per key; the first section of a key is the one AnnualReport.Section returns.
            if (written.Add(section.Key))
            {
                writer.WriteString(NationalFormat.Section(section.Key).JsonName, Clean(section.Text));
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter writer, AnnualReport report, PathTree node)
    {
        if (node.Cell is { } formatCell)
        {
            if (formatCell.Get(report).Value is { } value)
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }

            return;
        }

        writer.WriteStartObject();
        foreach (var (name, child) in node.Children)
        {
            writer.WritePropertyName(name);
            WriteValues(writer, report, child);
        }

        writer.WriteEndObject();
    }

    private static void WriteProvenance(Utf8JsonWriter writer, AnnualReport report)
    {
        writer.WriteStartObject("cells");
        foreach (var formatCell in FormatCell.All(report.Format))
        {
            var cell = formatCell.Get(report);
            writer.WriteStartObject(formatCell.Path);
            writer.WriteString("kind", KindName(cell.Kind));
            writer.WriteString("raw", Clean(cell.Raw));
            if (cell.Location is { } location)
            {
                WriteIfSet(writer, "line", location.Line);
                WriteIfSet(writer, "column", location.Column);
                WriteIfSet(writer, "table", location.Table);
                WriteIfSet(writer, "row", location.Row);
                WriteIfSet(writer, "cell", location.Cell);
                WriteIfSet(writer, "page", location.Page);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static AnnualReport Read(JsonElement root)
    {
        var rootKeys = Keys(root, "$", RootKeys, RequiredRootKeys);
        var schema = rootKeys["schema"];
        if (schema.ValueKind != JsonValueKind.String || !schema.ValueEquals(SchemaId))
        {
            throw Invalid("$.schema", $"应为「{SchemaId}」，实际为{Show(schema)}");
        }

        var report = new AnnualReport
        {
            Title = OptionalString(rootKeys["title"], "$.title"),
            Organization = OptionalString(rootKeys["organization"], "$.organization"),
            Year = ReadYear(rootKeys["year"]),
            Format = ReadFormat(rootKeys["format"]),
        };
        ReadSections(rootKeys["sections"], report);

        var values = new Dictionary<FormatCell, decimal?>();
        foreach (var table in Enum.GetValues<ReportTable>())
        {
            var name = TableName(table);
            ReadValues(rootKeys[name], "$." + name, PathTree.Of(report.Format, table), values);
        }

        var provenance = rootKeys.TryGetValue("cells", out var cells)
            ? ReadProvenance(cells, report.Format)
            : new Dictionary<string, (CellKind Kind, string Raw, SourceLocation? Location)>();
        foreach (var formatCell in FormatCell.All(report.Format))
        {
            var value = values[formatCell];
            formatCell.Set(report, provenance.TryGetValue(formatCell.Path, out var entry)
                ? Restore(formatCell, value, entry.Kind, entry.Raw, entry.Location)
                : value is { } number ? Cell.Of(number) : Cell.Parse(""));
        }

        return report;
    }

    private static Cell Restore(FormatCell formatCell, decimal? value, CellKind kind, string raw, SourceLocation? location)
    {
        var path = $"$.cells['{formatCell.Path}']";
        if (value is { } number)
        {
            if (kind is not (CellKind.Number or CellKind.Zero))
            {
                throw Invalid(path + ".kind", $"表格中的值为 {number.ToString(CultureInfo.InvariantCulture)}，kind 应为「number」或「zero」，实际为「{KindName(kind)}」");
            }

            var parsed = Cell.Parse(raw, location);

            // The value is the data (number or zero follows from it); raw is kept only while it still says the same number.
            return parsed.Value == number ? parsed : Cell.Of(number, location);
        }

        if (kind is CellKind.Number or CellKind.Zero)
        {
            throw Invalid(path + ".kind", $"kind 为「{KindName(kind)}」，但表格中的值为 null");
        }

        if (kind == CellKind.Missing)
        {
            return Cell.Missing with { Location = location };
        }

        var cell = Cell.Parse(raw, location);
        if (cell.Kind != kind)
        {
            throw Invalid(path + ".raw", $"原文「{raw}」读作「{KindName(cell.Kind)}」，与 kind「{KindName(kind)}」不一致");
        }

        return cell;
    }

    private static ReportFormat ReadFormat(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? Text(element, "$.format") switch
            {
                "2021" => ReportFormat.Format2021,
                "2019" => ReportFormat.Format2019,
                _ => throw Invalid("$.format", $"应为 \"2021\" 或 \"2019\"，实际为{Show(element)}"),
            }
            : throw Invalid("$.format", $"应为字符串 \"2021\" 或 \"2019\"，实际为{Show(element)}");

    private static void ReadSections(JsonElement element, AnnualReport report)
    {
        var names = NationalFormat.Sections.Select(s => s.JsonName).ToArray();
        foreach (var (name, value) in Keys(element, "$.sections", names, []))
        {
            var path = "$.sections." + name;
            if (value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(path, $"应为字符串，实际为{Show(value)}");
            }

            var definition = NationalFormat.Sections.First(s => s.JsonName == name);
            report.Sections.Add(new ReportSection(definition.Key, definition.Heading, Text(value, path)));
        }
    }

    private static void ReadValues(JsonElement element, string path, PathTree node, Dictionary<FormatCell, decimal?> values)
    {
        if (node.Cell is { } formatCell)
        {
            values[formatCell] = element.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number when element.TryGetDecimal(out var number) => number,
                _ => throw Invalid(path, $"应为数字或 null，实际为{Show(element)}"),
            };
            return;
        }

        var names = node.Children.Select(c => c.Name).ToArray();
        var children = Keys(element, path, names, names);
        foreach (var (name, child) in node.Children)
        {
            ReadValues(children[name], path + "." + name, child, values);
        }
    }

    private static Dictionary<string, (CellKind Kind, string Raw, SourceLocation? Location)> ReadProvenance(
        JsonElement element, ReportFormat format)
    {
        var paths = FormatCell.All(format).Select(c => c.Path).ToArray();
        var result = new Dictionary<string, (CellKind, string, SourceLocation?)>(StringComparer.Ordinal);
        foreach (var (cellPath, entry) in Keys(element, "$.cells", paths, []))
        {
            var path = $"$.cells['{cellPath}']";
            var keys = Keys(entry, path, ["kind", "raw", .. LocationKeys], ["kind", "raw"]);
            var kindElement = keys["kind"];
            var kind = kindElement.ValueKind == JsonValueKind.String
                ? Text(kindElement, path + ".kind") switch
                {
                    "number" => CellKind.Number,
                    "zero" => CellKind.Zero,
                    "blank" => CellKind.Blank,
                    "placeholder" => CellKind.Placeholder,
                    "text" => CellKind.Text,
                    "missing" => CellKind.Missing,
                    _ => (CellKind?)null,
                }
                : null;
            if (kind is null)
            {
                throw Invalid(path + ".kind", $"应为 number、zero、blank、placeholder、text 或 missing，实际为{Show(kindElement)}");
            }

            var raw = keys["raw"];
            if (raw.ValueKind != JsonValueKind.String)
            {
                throw Invalid(path + ".raw", $"应为字符串，实际为{Show(raw)}");
            }

            int? Location(string name) =>
                keys.TryGetValue(name, out var value) ? OptionalInt(value, path + "." + name) : null;
            SourceLocation? location = new(Location("line"), Location("column"), Location("table"), Location("row"), Location("cell"), Location("page"));
            if (location == new SourceLocation())
            {
                location = null;
            }

            result[cellPath] = (kind.Value, Text(raw, path + ".raw"), location);
        }

        return result;
    }

    /// <summary>
    /// The properties of an object, in document order, after checking that each is allowed, none repeats and every
    /// required one is there.
    /// </summary>
    private static OrderedDictionary<string, JsonElement> Keys(JsonElement element, string path, string[] allowed, string[] required)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"应为 JSON 对象，实际为{Show(element)}");
        }

        var result = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException exception)
            {
                throw new ReportReadException($"报告 JSON 有误：{path}：{BrokenText}。", exception);
            }

            if (Array.IndexOf(allowed, name) < 0)
            {
                throw Invalid(Child(path, SafeText.Clean(name)), "不认识的键");
            }

            if (!result.TryAdd(name, property.Value))
            {
                throw Invalid(Child(path, name), "键重复出现");
            }
        }

        foreach (var name in required)
        {
            if (!result.ContainsKey(name))
            {
                throw Invalid(Child(path, name), "缺少这个键");
            }
        }

        return result;
    }

    private static string Child(string path, string name) =>
        name.Contains('.', StringComparison.Ordinal) ? $"{path}['{name}']" : path + "." + name;

    private const string BrokenText = "字符串中有无效的 Unicode 转义（单独的半个代理对，如 \\ud800），文件可能已损坏。请用生成它的程序重新导出";

    /// <summary>A string value; half a surrogate pair (which no output format can write) is refused.</summary>
    private static string Text(JsonElement element, string path)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            throw new ReportReadException($"报告 JSON 有误：{path}：{BrokenText}。", exception);
        }
    }

    private static string? OptionalString(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => Text(element, path),
        _ => throw Invalid(path, $"应为字符串或 null，实际为{Show(element)}"),
    };

    private static int? OptionalInt(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when element.TryGetInt32(out var number) => number,
        _ => throw Invalid(path, $"应为整数或 null，实际为{Show(element)}"),
    };

    private static int? ReadYear(JsonElement element) => OptionalInt(element, "$.year") switch
    {
        { } year when !AnnualReport.IsPlausibleYear(year) => throw Invalid(
            "$.year", string.Create(CultureInfo.InvariantCulture, $"应为 {AnnualReport.EarliestYear} 至 {AnnualReport.LatestYear} 之间的年份或 null，实际为{Show(element)}")),
        var year => year,
    };

    private static string Show(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "对象",
        JsonValueKind.Array => "数组",
        JsonValueKind.String => $"字符串「{ShowString(element)}」",
        JsonValueKind.Number => "数字 " + element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "布尔值 " + element.GetRawText(),
        _ => "null",
    };

    private static string ShowString(JsonElement element)
    {
        try
        {
            return SafeText.Clean(element.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return "（含无效字符）";
        }
    }

    private static ReportReadException Invalid(string path, string problem) => new($"报告 JSON 有误：{path}：{problem}。");

    /// <summary>The nesting of one table's values, derived from the cell paths of a format (segments after "tableN.").</summary>
    private sealed class PathTree
    {
        private static readonly Dictionary<(ReportFormat, ReportTable), PathTree> Trees = Build();

        private readonly List<(string Name, PathTree Child)> _children = [];

        public IReadOnlyList<(string Name, PathTree Child)> Children => _children;

        public FormatCell? Cell { get; private set; }

        public static PathTree Of(ReportFormat format, ReportTable table) => Trees[(format, table)];

        private static Dictionary<(ReportFormat, ReportTable), PathTree> Build()
        {
            var trees = new Dictionary<(ReportFormat, ReportTable), PathTree>();
            foreach (var format in Enum.GetValues<ReportFormat>())
            {
                foreach (var table in Enum.GetValues<ReportTable>())
                {
                    trees[(format, table)] = new PathTree();
                }

                foreach (var formatCell in FormatCell.All(format))
                {
                    var node = trees[(format, formatCell.Table)];
                    foreach (var segment in formatCell.Path.Split('.').Skip(1))
                    {
                        node = node.ChildNamed(segment);
                    }

                    node.Cell = formatCell;
                }
            }

            return trees;
        }

        private PathTree ChildNamed(string name)
        {
            foreach (var (existing, child) in _children)
            {
                if (existing == name)
                {
                    return child;
                }
            }

            var created = new PathTree();
            _children.Add((name, created));
            return created;
        }
    }
}
