using System.Text.Json;
using System.Text.Json.Nodes;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.AnnualReports.Accuracy;

/// <summary>
/// A real defect of a published report, as a person found it by reading the source: the cells it concerns and, where
/// it is not about cells (a section heading, the format as a whole), the rule ids that report it.
/// </summary>
public sealed record ExpectedDefect(IReadOnlyList<string> Cells, IReadOnlyList<string> Rules, string What);

/// <summary>
/// What a person read by eye in one real report (the <c>NNN-name.expected.json</c> beside it in a corpus folder):
/// its layout class, the organisation, year and format, every cell of tables 二, 三 and 四 in the report JSON form's
/// shapes (null where the source has no number), and the report's real defects.
/// </summary>
public sealed record ExpectedReading(string Layout, string Level, AnnualReport Report, IReadOnlyList<ExpectedDefect> Defects)
{
    /// <summary>Reads an expected file.</summary>
    /// <exception cref="ReportReadException">Not JSON, a key missing or of the wrong type, a table not in the format's shape.</exception>
    public static ExpectedReading Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new ReportReadException("预期值文件应为 JSON 对象。");
        }
        catch (JsonException exception)
        {
            throw new ReportReadException("预期值文件不是合法的 JSON：" + exception.Message, exception);
        }

        var report = new JsonObject
        {
            ["schema"] = ReportJson.SchemaId,
            ["title"] = null,
            ["organization"] = root["organization"]?.DeepClone(),
            ["year"] = root["year"]?.DeepClone(),
            ["format"] = root["format"]?.DeepClone(),
            ["sections"] = new JsonObject(),
            ["table2"] = root["table2"]?.DeepClone(),
            ["table3"] = root["table3"]?.DeepClone(),
            ["table4"] = root["table4"]?.DeepClone(),
        };
        var defects = new List<ExpectedDefect>();
        if (root["defects"] is JsonArray array)
        {
            foreach (var item in array.OfType<JsonObject>())
            {
                defects.Add(new ExpectedDefect(
                    Strings(item["cells"]),
                    Strings(item["rules"]),
                    item["what"]?.GetValue<string>() ?? ""));
            }
        }

        return new ExpectedReading(
            root["layout"]?.GetValue<string>() ?? "unknown",
            root["level"]?.GetValue<string>() ?? "unknown",
            ReportJson.Deserialize(report.ToJsonString()),
            defects);
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n?.GetValue<string>()).OfType<string>()] : [];
}
