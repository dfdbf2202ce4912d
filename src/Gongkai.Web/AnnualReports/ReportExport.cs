using System.Text;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Rendering;

namespace Gongkai.Web.AnnualReports;

/// <summary>A rendered report file.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>The report as a file in one of the formats the report engine renders (and reads back).</summary>
public static class ReportExport
{
    public static IReadOnlyList<(string Format, string Label)> Formats { get; } =
    [
        ("docx", "Word（DOCX）"),
        ("html", "网页（HTML）"),
        ("md", "Markdown"),
        ("json", "JSON（gongkai-annual-report/v1）"),
    ];

    /// <summary>The file, or null for an unknown format.</summary>
    public static ExportFile? Render(AnnualReport report, string format)
    {
        ArgumentNullException.ThrowIfNull(report);
        var name = report.Title is { Length: > 0 } title ? title : NationalFormat.TitleSuffix;
        switch (format)
        {
            case "docx":
                using (var stream = new MemoryStream())
                {
                    DocxReportRenderer.Render(report, stream);
                    return new ExportFile(stream.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
                }

            case "html":
                return new ExportFile(Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(report)), "text/html; charset=utf-8", name + ".html");
            case "md":
                return new ExportFile(Encoding.UTF8.GetBytes(MarkdownReportRenderer.Render(report)), "text/markdown; charset=utf-8", name + ".md");
            case "json":
                return new ExportFile(Encoding.UTF8.GetBytes(ReportJson.Serialize(report)), "application/json; charset=utf-8", name + ".json");
            default:
                return null;
        }
    }
}
