using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;

namespace Gongkai.Tests.AnnualReports.Json;

/// <summary>
/// Generates docs/schema/gongkai-annual-report.v1.schema.json from the cell paths and labels of
/// <see cref="NationalFormat"/>, so that the committed schema cannot drift from the serializer (the golden test in
/// <see cref="ReportSchemaTests"/> compares them; set GONGKAI_UPDATE_GOLDEN=1 to rewrite the file deliberately).
/// </summary>
internal static class ReportSchema
{
    public const string RelativePath = "docs/schema/gongkai-annual-report.v1.schema.json";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // English names of the JSON keys; the Chinese labels come from NationalFormat.
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["overview"] = "Overview",
        ["proactiveDisclosure"] = "Proactive disclosure",
        ["applications"] = "Disclosure applications received and handled",
        ["reviewAndLitigation"] = "Administrative reconsideration and litigation",
        ["problems"] = "Main problems and improvements",
        ["other"] = "Other",
        ["regulations"] = "Rules",
        ["normativeDocuments"] = "Normative documents",
        ["issued"] = "Issued this year",
        ["repealed"] = "Repealed this year",
        ["inForce"] = "In force",
        ["licensing"] = "Administrative licensing",
        ["penalty"] = "Administrative penalties",
        ["enforcement"] = "Administrative compulsory measures",
        ["feesWanYuan"] = "Administrative fees collected this year, in 10,000 yuan",
        ["made"] = "Made this year",
        ["published"] = "Published this year",
        ["total"] = "Total",
        ["previous"] = "Items last year",
        ["change"] = "Change this year (signed)",
        ["decisions"] = "Decisions",
        ["otherServices"] = "Other external management and service matters",
        ["fees"] = "Administrative fees",
        ["procurement"] = "Centralised government procurement",
        ["count"] = "Number of procurement items",
        ["amountWanYuan"] = "Total procurement amount, in 10,000 yuan",
        ["newReceived"] = "New applications received this year",
        ["carriedOver"] = "Applications carried over from last year",
        ["granted"] = "Disclosed",
        ["partiallyGranted"] = "Partly disclosed (an application handled by separation counts here only)",
        ["withheld"] = "Not disclosed",
        ["stateSecret"] = "State secret",
        ["prohibitedByLaw"] = "Prohibited by other laws and administrative regulations",
        ["threeSecurityOneStability"] = "Would endanger the three securities and social stability",
        ["thirdPartyRights"] = "Protects the lawful rights of third parties",
        ["internalAffairs"] = "Internal affairs information",
        ["processInformation"] = "Process information",
        ["enforcementCaseFiles"] = "Administrative enforcement case files",
        ["administrativeQuery"] = "Administrative query matters",
        ["unableToProvide"] = "Cannot be provided",
        ["notHeld"] = "Not held by this agency",
        ["needsCreation"] = "Would have to be created",
        ["unclearAfterCorrection"] = "Still unclear after correction",
        ["notProcessed"] = "Not processed",
        ["petitionComplaint"] = "Petitions, reports and complaints",
        ["duplicate"] = "Repeated applications",
        ["publication"] = "Requests for publications",
        ["excessive"] = "Large numbers of repeated applications without good reason",
        ["confirmation"] = "Requests to confirm or re-issue information already obtained",
        ["otherDisposal"] = "Other handling",
        ["noCorrection"] = "Not corrected in time, no longer processed",
        ["unpaidFee"] = "Fee not paid in time, no longer processed",
        ["totalProcessed"] = "Total handled",
        ["carriedForward"] = "Carried forward to next year",
        ["naturalPerson"] = "Natural persons",
        ["commercial"] = "Commercial enterprises",
        ["research"] = "Research institutions",
        ["publicInterest"] = "Public-interest organisations",
        ["legalService"] = "Legal service organisations",
        ["reconsideration"] = "Administrative reconsideration",
        ["litigationDirect"] = "Litigation without prior reconsideration",
        ["litigationAfterReconsideration"] = "Litigation after reconsideration",
        ["upheld"] = "Upheld",
        ["corrected"] = "Corrected",
        ["pending"] = "Not yet concluded",
    };

    public static string Generate() => Schema().ToJsonString(WriteOptions) + "\n";

    private static JsonObject Schema()
    {
        var sections = new JsonObject();
        foreach (var section in NationalFormat.Sections)
        {
            sections[section.JsonName] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = $"{English[section.JsonName]} — {section.Heading}. The section's text, one paragraph per line.",
            };
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "urn:gongkai:schema:gongkai-annual-report:v1",
            ["title"] = ReportJson.SchemaId,
            ["description"] =
                $"A government information disclosure annual report — {NationalFormat.TitleSuffix} — in the national format: "
                + "title, organisation, year, format, the six sections, tables 二/三/四 (a number, or null where the source had none) "
                + "and, in cells, what the source wrote in every cell and where.",
            ["type"] = "object",
            ["required"] = Strings("schema", "title", "organization", "year", "format", "sections", "table2", "table3", "table4"),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["schema"] = new JsonObject { ["const"] = ReportJson.SchemaId, ["description"] = "The name and version of this form." },
                ["title"] = new JsonObject
                {
                    ["type"] = Strings("string", "null"),
                    ["description"] = $"The title as the source wrote it — 标题, e.g. \"{NationalFormat.Title("××市××局", 2023)}\".",
                },
                ["organization"] = new JsonObject { ["type"] = Strings("string", "null"), ["description"] = "The reporting organisation — 机关名称." },
                ["year"] = new JsonObject { ["type"] = Strings("integer", "null"), ["description"] = "The report year — 年度." },
                ["format"] = new JsonObject
                {
                    ["enum"] = Strings("2021", "2019"),
                    ["description"] = "The national format: \"2021\" = 国办公开办函〔2021〕30号; \"2019\" = 国办公开办函〔2019〕60号 (2019 and 2020 reports).",
                },
                ["sections"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "The sections the report has, in the order the source has them; absent sections are left out.",
                    ["additionalProperties"] = false,
                    ["properties"] = sections,
                },
                ["table2"] = TableProperty(ReportTable.Table2, SectionKey.ProactiveDisclosure, "Its shape depends on format: $defs/table2Format2021 or $defs/table2Format2019."),
                ["table3"] = TableProperty(ReportTable.Table3, SectionKey.Applications, "Its shape depends on format: $defs/table3Format2021 or $defs/table3Format2019."),
                ["table4"] = TableProperty(ReportTable.Table4, SectionKey.ReviewAndLitigation, "The same in both formats: $defs/table4."),
                ["cells"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] =
                        "Provenance of every cell of the format, keyed by cell path (e.g. \"table3.newReceived.total\"). "
                        + "Optional when reading: without it, kinds follow the values (number → number or zero, null → blank).",
                    ["propertyNames"] = new JsonObject { ["pattern"] = "^table[234](\\.[A-Za-z]+)+$" },
                    ["additionalProperties"] = Ref("cell"),
                },
            },
            ["if"] = new JsonObject
            {
                ["properties"] = new JsonObject { ["format"] = new JsonObject { ["const"] = "2019" } },
                ["required"] = Strings("format"),
            },
            ["then"] = FormatShapes(ReportFormat.Format2019),
            ["else"] = FormatShapes(ReportFormat.Format2021),
            ["$defs"] = new JsonObject
            {
                ["value"] = new JsonObject
                {
                    ["type"] = Strings("number", "null"),
                    ["description"] = "The number in the cell (counts; amounts in 万元 may have fractions; 本年增/减 may be negative), or null where the source had no number.",
                },
                ["cell"] = CellSchema(),
                ["applicantCounts"] = Columns(
                    "One row of table 三 across the applicant columns — 申请人情况.",
                    NationalFormat.Table3ColumnJsonNames,
                    NationalFormat.Table3ColumnLabels),
                ["table4Block"] = Columns(
                    "One block of table 四.", NationalFormat.Table4ColumnJsonNames, NationalFormat.Table4ColumnLabels),
                ["table2Format2021"] = Table(ReportFormat.Format2021, ReportTable.Table2),
                ["table2Format2019"] = Table(ReportFormat.Format2019, ReportTable.Table2),
                ["table3Format2021"] = Table(ReportFormat.Format2021, ReportTable.Table3),
                ["table3Format2019"] = Table(ReportFormat.Format2019, ReportTable.Table3),
                ["table4"] = Table(ReportFormat.Format2021, ReportTable.Table4),
            },
        };
    }

    private static JsonObject TableProperty(ReportTable table, SectionKey section, string shape) => new()
    {
        ["type"] = "object",
        ["description"] = $"Table {(int)table} — {NationalFormat.Section(section).Heading}. {shape}",
    };

    private static JsonObject FormatShapes(ReportFormat format)
    {
        var suffix = format == ReportFormat.Format2019 ? "Format2019" : "Format2021";
        return new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["table2"] = Ref("table2" + suffix),
                ["table3"] = Ref("table3" + suffix),
                ["table4"] = Ref("table4"),
            },
        };
    }

    private static JsonObject CellSchema()
    {
        var properties = new JsonObject
        {
            ["kind"] = new JsonObject
            {
                ["enum"] = Strings("number", "zero", "blank", "placeholder", "text", "missing"),
                ["description"] =
                    "What the source wrote: a number other than 0; 0; nothing; a stand-in such as \"/\" or \"无\"; words; "
                    + "or no such cell at all.",
            },
            ["raw"] = new JsonObject { ["type"] = "string", ["description"] = "The cell's text exactly as the source wrote it." },
        };
        foreach (var (name, description) in new[]
        {
            ("line", "Line in a text source, 1-based."),
            ("column", "Column (in characters) in a text source, 1-based."),
            ("table", "Table number in an HTML or Word source, counted in document order from 1."),
            ("row", "Row in that table, 1-based."),
            ("cell", "Cell in that row, 1-based."),
            ("page", "Page in a PDF source, 1-based."),
        })
        {
            properties[name] = new JsonObject { ["type"] = "integer", ["description"] = description };
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = Strings("kind", "raw"),
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
    }

    private static JsonObject Columns(string description, IReadOnlyList<string> names, IReadOnlyList<string> labels)
    {
        var properties = new JsonObject();
        for (var i = 0; i < names.Count; i++)
        {
            properties[names[i]] = Described(Ref("value"), $"{English[names[i]]} — {labels[i]}");
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = description,
            ["required"] = Strings([.. names]),
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
    }

    /// <summary>The nested object of one table, built from the cell paths of the format.</summary>
    private static JsonObject Table(ReportFormat format, ReportTable table)
    {
        var cells = FormatCell.All(format).Where(c => c.Table == table).ToList();
        var schema = Node(format, cells, 1);
        var section = table switch
        {
            ReportTable.Table2 => SectionKey.ProactiveDisclosure,
            ReportTable.Table3 => SectionKey.Applications,
            _ => SectionKey.ReviewAndLitigation,
        };
        schema["description"] = $"Table {(int)table}, {(int)format} format — {NationalFormat.Section(section).Heading}";
        return schema;
    }

    private static JsonObject Node(ReportFormat format, List<FormatCell> cells, int depth)
    {
        var properties = new JsonObject();
        foreach (var group in cells.GroupBy(c => c.Path.Split('.')[depth]))
        {
            var name = group.Key;
            var members = group.ToList();
            var first = members[0];
            var isLeaf = members.Count == 1 && first.Path.Split('.').Length == depth + 1;
            properties[name] = first.Table switch
            {
                _ when isLeaf => Described(Ref("value"), $"{English[name]} — {first.Description}"),
                ReportTable.Table2 => Described(
                    Node(format, members, depth + 1), $"{English[name]} — {NationalFormat.Table2FieldDefinition(first.Field!.Value).RowLabel}"),
                ReportTable.Table4 => Described(Ref("table4Block"), $"{English[name]} — {NationalFormat.Table4BlockLabels[(int)first.Block!.Value]}"),
                _ when members.All(m => m.Row == first.Row) => Described(
                    Ref("applicantCounts"), $"{English[name]} — {NationalFormat.Table3RowDefinition(format, first.Row!.Value)!.Label}"),
                _ => Described(
                    Node(format, members, depth + 1), $"{English[name]} — {NationalFormat.Table3RowDefinition(format, first.Row!.Value)!.Group}"),
            };
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = Strings([.. properties.Select(p => p.Key)]),
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
    }

    private static JsonObject Described(JsonObject schema, string description)
    {
        var result = new JsonObject { ["description"] = description };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            result[key] = value;
        }

        return result;
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/$defs/" + name };

    private static JsonArray Strings(params string[] items) => [.. items.Select(i => (JsonNode)i)];
}
