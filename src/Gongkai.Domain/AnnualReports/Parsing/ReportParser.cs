namespace Gongkai.AnnualReports.Parsing;

/// <summary>Reads a report from text in any of the supported text formats.</summary>
public static class ReportParser
{
    /// <summary>Plain text or Markdown, already decoded.</summary>
    public static ReportParseResult ParseText(string text) => ReportRecognizer.Recognize(TextSource.Read(text));
}
