using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace Gongkai.Web.Supervision;

/// <summary>A table to export: a sheet name, Chinese column headers and rows of text or numbers (null for empty).</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes supervision tables as CSV (UTF-8 with a byte-order mark, for spreadsheet programs) and as Excel workbooks
/// (ClosedXML): one sheet per table, the header row bold and frozen, numbers as numbers. Headers are the Chinese column
/// names the pages show, never JSON paths.
/// </summary>
public static class SheetExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";

    // A decimal's trailing zeros are its scale, not its value: 60.00 points are written 60.
    private const string NumberFormat = "0.############################";

    public static byte[] Csv(Sheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in sheet.Headers)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var row in sheet.Rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value switch
                    {
                        null => "",
                        decimal d => d.ToString(NumberFormat, CultureInfo.InvariantCulture),
                        int i => i.ToString(CultureInfo.InvariantCulture),
                        _ => value.ToString(),
                    });
                }

                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(params IReadOnlyList<Sheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var workbook = new XLWorkbook();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in sheets)
        {
            var worksheet = workbook.Worksheets.Add(SheetName(sheet.Name, names));
            for (var c = 0; c < sheet.Headers.Count; c++)
            {
                worksheet.Cell(1, c + 1).Value = sheet.Headers[c];
            }

            worksheet.Row(1).Style.Font.Bold = true;
            for (var r = 0; r < sheet.Rows.Count; r++)
            {
                var row = sheet.Rows[r];
                for (var c = 0; c < row.Count; c++)
                {
                    var cell = worksheet.Cell(r + 2, c + 1);
                    switch (row[c])
                    {
                        case null:
                            break;
                        case decimal d:
                            cell.Value = d;
                            break;
                        case int i:
                            cell.Value = i;
                            break;
                        case var other:
                            // Text stays text: "001" or "1-2" must not become a number or a date.
                            cell.SetValue(other.ToString() ?? "");
                            cell.DataType = XLDataType.Text;
                            break;
                    }
                }
            }

            worksheet.SheetView.FreezeRows(1);
            // Widths from the text (a CJK character is about two Latin ones); ClosedXML's AdjustToContents measures
            // with System.Drawing, which does not run on Linux.
            for (var c = 0; c < sheet.Headers.Count; c++)
            {
                var longest = sheet.Rows.Take(500).Select(row => c < row.Count ? Width(row[c]) : 0).Append(Width(sheet.Headers[c])).Max();
                worksheet.Column(c + 1).Width = Math.Clamp(longest + 2, 8, 60);
            }
        }

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static int Width(object? value) =>
        value switch
        {
            null => 0,
            decimal d => d.ToString(CultureInfo.InvariantCulture).Length,
            var other => (other.ToString() ?? "").Sum(ch => ch > 0x2E80 ? 2 : 1),
        };

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    public static string SheetName(string name, ISet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var clean = new string([.. (name ?? "").Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\') && !char.IsControl(c))]).Trim('\'', ' ');
        clean = clean.Length == 0 ? "表" : clean.Length > 28 ? clean[..28] : clean;
        var candidate = clean;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = clean + "（" + i.ToString(CultureInfo.InvariantCulture) + "）";
        }

        return candidate;
    }
}
