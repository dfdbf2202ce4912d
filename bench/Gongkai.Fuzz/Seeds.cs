using System.Text;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Rendering;

namespace Gongkai.Fuzz;

/// <summary>A file the harness starts from: its name, extension (with the dot, lower case) and bytes.</summary>
public sealed record Seed(string Name, string Extension, byte[] Bytes)
{
    public bool IsText => Extension is ".txt" or ".md" or ".html" or ".json";
}

/// <summary>
/// The seeds: every sample report, every test file of a report format (copied next to the harness as FuzzSeeds/),
/// and each sample rendered as HTML, Markdown, DOCX and JSON, so that every sample exists in every format.
/// </summary>
public static class Seeds
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "FuzzSeeds");

    public static IReadOnlyList<Seed> Load() => Load(Folder);

    public static IReadOnlyList<Seed> Load(string folder)
    {
        var seeds = new List<Seed>();
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            seeds.Add(new Seed(name, Path.GetExtension(path).ToLowerInvariant(), File.ReadAllBytes(path)));
        }

        foreach (var sample in seeds.Where(s => s.Extension == ".txt" && s.Name[0] is >= '0' and <= '9').ToList())
        {
            var report = ReportParser.ParseText(Encoding.UTF8.GetString(sample.Bytes)).Report;
            var stem = Path.GetFileNameWithoutExtension(sample.Name);
            seeds.Add(new Seed(stem + ".rendered.html", ".html", Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(report))));
            seeds.Add(new Seed(stem + ".rendered.md", ".md", Encoding.UTF8.GetBytes(MarkdownReportRenderer.Render(report))));
            seeds.Add(new Seed(stem + ".rendered.json", ".json", Encoding.UTF8.GetBytes(ReportJson.Serialize(report))));
            using var docx = new MemoryStream();
            DocxReportRenderer.Render(report, docx);
            seeds.Add(new Seed(stem + ".rendered.docx", ".docx", docx.ToArray()));
        }

        if (seeds.Count == 0)
        {
            throw new InvalidOperationException($"No seeds in {folder}.");
        }

        return seeds;
    }
}
