using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gongkai.AnnualReports.Json;

namespace Gongkai.Tests.AnnualReports.Json;

public class ReportSchemaTests
{
    [Fact]
    public void The_committed_schema_is_the_one_generated_from_the_national_format()
    {
        var path = Path.Combine(RepositoryRoot(), ReportSchema.RelativePath);
        var generated = ReportSchema.Generate();
        if (Environment.GetEnvironmentVariable("GONGKAI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, generated);
        }

        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(generated);
    }

    [Fact]
    public void Serialized_reports_of_both_formats_conform_to_the_schema()
    {
        var schema = CommittedSchema();
        var reports = new[]
        {
            SampleReports.Complete2021(),
            SampleReports.Complete2019(),
            ReportJsonTests.WithEveryKindOfCell(SampleReports.Complete2021()),
            ReportJsonTests.WithEveryKindOfCell(SampleReports.Complete2019()),
            new Gongkai.AnnualReports.AnnualReport(),
        };

        foreach (var report in reports)
        {
            using var document = JsonDocument.Parse(ReportJson.Serialize(report));

            SchemaWalker.Problems(schema, document.RootElement).ShouldBeEmpty();
        }
    }

    [Theory]
    [InlineData("extra root key", "$.comment: not allowed")]
    [InlineData("missing row", "$.table3.withheld.stateSecret: required")]
    [InlineData("string value", "$.table4.reconsideration.total: type")]
    [InlineData("unknown kind", "$.cells.table3.granted.total.kind: enum")]
    [InlineData("2019 table 二 in a 2021 report", "$.table2.fees: not allowed")]
    [InlineData("unknown section", "$.sections.preface: not allowed")]
    public void The_schema_walker_finds_documents_that_do_not_conform(string change, string problem)
    {
        var node = JsonNode.Parse(ReportJson.Serialize(SampleReports.Complete2021()))!.AsObject();
        switch (change)
        {
            case "extra root key":
                node["comment"] = "x";
                break;
            case "missing row":
                node["table3"]!["withheld"]!.AsObject().Remove("stateSecret");
                break;
            case "string value":
                node["table4"]!["reconsideration"]!["total"] = "4";
                break;
            case "unknown kind":
                node["cells"]!["table3.granted.total"]!["kind"] = "guess";
                break;
            case "2019 table 二 in a 2021 report":
                node["table2"]!["fees"] = new JsonObject { ["previous"] = 1, ["change"] = 0 };
                break;
            case "unknown section":
                node["sections"]!["preface"] = "前言";
                break;
        }

        using var document = JsonDocument.Parse(node.ToJsonString());

        SchemaWalker.Problems(CommittedSchema(), document.RootElement).ShouldContain(problem);
    }

    private static JsonObject CommittedSchema() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), ReportSchema.RelativePath)))!.AsObject();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gongkai.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Gongkai.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Checks a document against the subset of JSON Schema 2020-12 the report schema uses: local $ref, type, const, enum,
    /// properties, required, additionalProperties, propertyNames/pattern and if/then/else. Any other keyword is a
    /// problem, so the schema cannot grow rules this check silently ignores.
    /// </summary>
    private static class SchemaWalker
    {
        private static readonly HashSet<string> Annotations = ["$schema", "$id", "$defs", "title", "description"];

        public static List<string> Problems(JsonObject root, JsonElement document)
        {
            var problems = new List<string>();
            Check(root, root, document, "$", problems);
            return problems;
        }

        private static void Check(JsonObject root, JsonObject schema, JsonElement value, string path, List<string> problems)
        {
            foreach (var (keyword, argument) in schema)
            {
                switch (keyword)
                {
                    case "$ref":
                        var name = ((string)argument!)["#/$defs/".Length..];
                        Check(root, root["$defs"]![name]!.AsObject(), value, path, problems);
                        break;
                    case "type":
                        var types = argument is JsonArray array ? array.Select(t => (string)t!).ToArray() : [(string)argument!];
                        if (!types.Any(t => HasType(value, t)))
                        {
                            problems.Add(path + ": type");
                        }

                        break;
                    case "const":
                        if (value.ValueKind != JsonValueKind.String || value.GetString() != (string)argument!)
                        {
                            problems.Add(path + ": const");
                        }

                        break;
                    case "enum":
                        if (value.ValueKind != JsonValueKind.String || !argument!.AsArray().Any(e => (string)e! == value.GetString()))
                        {
                            problems.Add(path + ": enum");
                        }

                        break;
                    case "properties":
                        if (value.ValueKind == JsonValueKind.Object)
                        {
                            foreach (var (property, subschema) in argument!.AsObject())
                            {
                                if (value.TryGetProperty(property, out var child))
                                {
                                    Check(root, subschema!.AsObject(), child, path + "." + property, problems);
                                }
                            }
                        }

                        break;
                    case "required":
                        foreach (var property in argument!.AsArray().Select(p => (string)p!))
                        {
                            if (value.ValueKind == JsonValueKind.Object && !value.TryGetProperty(property, out _))
                            {
                                problems.Add($"{path}.{property}: required");
                            }
                        }

                        break;
                    case "additionalProperties":
                        if (value.ValueKind == JsonValueKind.Object)
                        {
                            var declared = schema["properties"]?.AsObject();
                            foreach (var property in value.EnumerateObject().Where(p => declared?.ContainsKey(p.Name) != true))
                            {
                                if (argument is JsonObject additional)
                                {
                                    Check(root, additional, property.Value, path + "." + property.Name, problems);
                                }
                                else if (!(bool)argument!)
                                {
                                    problems.Add($"{path}.{property.Name}: not allowed");
                                }
                            }
                        }

                        break;
                    case "propertyNames":
                        var pattern = new Regex((string)argument!["pattern"]!, RegexOptions.None, TimeSpan.FromSeconds(1));
                        if (value.ValueKind == JsonValueKind.Object)
                        {
                            foreach (var property in value.EnumerateObject().Where(p => !pattern.IsMatch(p.Name)))
                            {
                                problems.Add($"{path}.{property.Name}: propertyNames");
                            }
                        }

                        break;
                    case "if":
                        var branch = Problems(root, argument!.AsObject(), value).Count == 0 ? "then" : "else";
                        if (schema[branch] is JsonObject chosen)
                        {
                            Check(root, chosen, value, path, problems);
                        }

                        break;
                    case "then" or "else":
                        break;
                    default:
                        if (!Annotations.Contains(keyword))
                        {
                            problems.Add($"{path}: unsupported keyword {keyword}");
                        }

                        break;
                }
            }
        }

        private static List<string> Problems(JsonObject root, JsonObject schema, JsonElement value)
        {
            var problems = new List<string>();
            Check(root, schema, value, "$", problems);
            return problems;
        }

        private static bool HasType(JsonElement value, string type) => type switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => false,
        };
    }
}
