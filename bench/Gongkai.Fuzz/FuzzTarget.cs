using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Documents;

namespace Gongkai.Fuzz;

/// <summary>How an input ended: read (and used everywhere), or refused with the documented error and the limit it hit.</summary>
public sealed record Outcome(bool Read, string? Limit)
{
    public string Label => Read ? "read" : "refused:" + (Limit ?? "unreadable");
}

/// <summary>
/// What the harness does with one input: what the platform does with an upload — read it, check it, render it in
/// every format, store it as JSON and read that back. Only two endings are allowed: a report, or a
/// <see cref="ReportReadException"/> that the readers meant (not the last-resort wrapping of an unforeseen failure,
/// and not the time budget, which is there to stop hangs the other limits missed). Anything else escapes to the
/// caller as a failure.
/// </summary>
public static class FuzzTarget
{
    /// <summary>
    /// Runs one input. The DOCX export (the slowest use, about 15 ms) is made for every report whose text holds a
    /// character that needs cleaning, and otherwise for one input in <paramref name="docxEvery"/> (by number), so that
    /// long runs keep their pace; the CI run makes it for all.
    /// </summary>
    public static async Task<Outcome> RunAsync(FuzzInput input, long index = 0, int docxEvery = 1, ReportReadLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ReportParseResult parsed;
        try
        {
            parsed = await ReportParser.ParseBytesAsync(input.Bytes, input.FileName, limits: limits, cancellationToken: cancellationToken);
        }
        catch (ReportReadException exception) when (!exception.IsUnexpected && exception.Limit != nameof(ReportReadLimits.TimeBudget))
        {
            return new Outcome(false, exception.Limit);
        }

        UseEverywhere(parsed, docx: index % docxEvery == 0 || !IsClean(parsed.Report));
        return new Outcome(true, null);
    }

    /// <summary>True for the exception a reader throws when it failed as intended.</summary>
    public static bool IsDocumented(Exception exception) =>
        exception is ReportReadException { IsUnexpected: false } read && read.Limit != nameof(ReportReadLimits.TimeBudget);

    private static void UseEverywhere(ReportParseResult parsed, bool docx)
    {
        var report = parsed.Report;
        _ = ReportCheck.Findings(parsed);
        _ = HtmlReportRenderer.Render(report);
        _ = MarkdownReportRenderer.Render(report);
        if (docx)
        {
            using var output = new MemoryStream();
            DocxReportRenderer.Render(report, output);
        }

        _ = ReportJson.Deserialize(ReportJson.Serialize(report));
    }

    private static bool IsClean(AnnualReport report) =>
        new[] { report.Title ?? "", report.Organization ?? "" }
            .Concat(report.Sections.Select(s => s.Text))
            .Concat(FormatCell.All(report.Format).Select(c => c.Get(report).Raw))
            .All(SafeText.IsClean);
}
