using System.Globalization;

namespace Gongkai.AnnualReports;

/// <summary>
/// Compares two reports as models: organisation, year, format, the six sections (present or absent, text after
/// normalising whitespace) and every cell of the format (kind and value, as <see cref="Cell"/> equality does). The
/// title, section headings, raw cell text, locations and observed labels are not compared.
/// </summary>
public static class ReportComparison
{
    /// <summary>One Chinese line per difference, in report order; empty when the models are the same.</summary>
    public static IReadOnlyList<string> Differences(AnnualReport expected, AnnualReport actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        if (!string.Equals(expected.Organization, actual.Organization, StringComparison.Ordinal))
        {
            differences.Add($"机构名称不同：期望{Quote(expected.Organization)}，实际{Quote(actual.Organization)}");
        }

        if (expected.Year != actual.Year)
        {
            differences.Add($"年度不同：期望{Show(expected.Year)}，实际{Show(actual.Year)}");
        }

        if (expected.Format != actual.Format)
        {
            differences.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"报告格式不同：期望{(int)expected.Format}年格式，实际{(int)actual.Format}年格式"));
        }

        foreach (var definition in NationalFormat.Sections)
        {
            var wanted = expected.Section(definition.Key);
            var found = actual.Section(definition.Key);
            if (wanted is null && found is null)
            {
                continue;
            }

            if (found is null)
            {
                differences.Add($"缺少「{definition.Heading}」部分");
            }
            else if (wanted is null)
            {
                differences.Add($"多出「{definition.Heading}」部分");
            }
            else
            {
                var wantedText = NormalizeText(wanted.Text);
                var foundText = NormalizeText(found.Text);
                if (!string.Equals(wantedText, foundText, StringComparison.Ordinal))
                {
                    differences.Add($"「{definition.Heading}」正文不同：{FirstDifference(wantedText, foundText)}");
                }
            }
        }

        var cells = FormatCell.All(expected.Format).Concat(FormatCell.All(actual.Format)).DistinctBy(c => (c.Table, c.Field, c.Row, c.Column, c.Block, c.Table4Column));
        foreach (var formatCell in cells)
        {
            var wanted = formatCell.Get(expected);
            var found = formatCell.Get(actual);
            if (!wanted.Equals(found))
            {
                differences.Add($"{formatCell.Description}（{formatCell.Path}）：期望 {wanted}，实际 {found}");
            }
        }

        return differences;
    }

    /// <summary>Lines trimmed, empty lines dropped, joined by '\n': layout changes are not differences.</summary>
    public static string NormalizeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var wanted = i < expectedLines.Length ? expectedLines[i] : null;
            var found = i < actualLines.Length ? actualLines[i] : null;
            if (!string.Equals(wanted, found, StringComparison.Ordinal))
            {
                return string.Create(CultureInfo.InvariantCulture, $"第{i + 1}段期望{Quote(wanted)}，实际{Quote(found)}");
            }
        }

        return "";
    }

    private static string Quote(string? text) => text is null ? "（无）" : $"「{text}」";

    private static string Show(int? year) => year is { } y ? y.ToString(CultureInfo.InvariantCulture) : "（无）";
}
