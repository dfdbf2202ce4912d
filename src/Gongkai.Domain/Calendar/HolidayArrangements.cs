using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Gongkai.Calendar;

/// <summary>
/// Reads and writes holiday arrangements as CSV (CsvHelper): the Chinese header <c>年度,日期,类型,名称,通知文号</c> (or the
/// shipped file's <c>year,date,kind,name,notice</c>), one row per date, <c>#</c> starts a comment line. The year is the
/// arrangement the row belongs to, which is not always the date's year; the type is 休息 or 上班 (off and work, and
/// 放假 and 调休上班, are read too). Fields may be quoted as spreadsheet programs write them.
/// </summary>
public static class HolidayArrangements
{
    /// <summary>The header users read and write.</summary>
    public const string Header = "年度,日期,类型,名称,通知文号";

    /// <summary>The header of the shipped file (<c>Calendar/Data/holidays.csv</c>), still read.</summary>
    public const string MachineHeader = "year,date,kind,name,notice";
    private const string ResourceName = "Gongkai.Calendar.holidays.csv";

    private static readonly Lazy<IReadOnlyList<HolidayArrangement>> EmbeddedArrangements = new(LoadEmbedded);

    /// <summary>The arrangements shipped with Gongkai (<c>Calendar/Data/holidays.csv</c>, 2023–2026).</summary>
    public static IReadOnlyList<HolidayArrangement> Embedded => EmbeddedArrangements.Value;

    /// <summary>
    /// Parses CSV text. Throws <see cref="HolidayDataException"/> naming every bad line (number and Chinese reason), so a
    /// file is corrected in one pass; nothing is returned from a file with any bad line.
    /// </summary>
    public static IReadOnlyList<HolidayArrangement> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var byYear = new SortedDictionary<int, List<CalendarDay>>();
        var notices = new Dictionary<int, string>();
        var dateLines = new Dictionary<DateOnly, int>();
        var problems = new List<string>();
        var headerSeen = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            AllowComments = true,
            Comment = '#',
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            BadDataFound = null,
        };
        using var parser = new CsvParser(reader, configuration, leaveOpen: true);
        while (parser.Read())
        {
            var lineNumber = (int)parser.RawRow;
            var fields = parser.Record ?? [];
            if (fields.All(string.IsNullOrWhiteSpace) || fields[0].StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                var header = string.Join(',', fields);
                if (!string.Equals(header, Header, StringComparison.Ordinal) && !string.Equals(header, MachineHeader, StringComparison.OrdinalIgnoreCase))
                {
                    // Without the header the columns mean nothing: the lines after it are not checked.
                    throw new HolidayDataException([Bad(lineNumber, $"表头应为「{Header}」")]);
                }

                headerSeen = true;
                continue;
            }

            if (ReadRow(fields, lineNumber, notices, dateLines, problems) is { } row)
            {
                if (!byYear.TryGetValue(row.Year, out var days))
                {
                    byYear[row.Year] = days = [];
                }

                days.Add(row.Day);
            }
        }

        if (!headerSeen)
        {
            throw new HolidayDataException([$"节假日数据为空，缺少表头「{Header}」。"]);
        }

        if (problems.Count > 0)
        {
            throw new HolidayDataException(problems);
        }

        return [.. byYear.Select(pair => new HolidayArrangement(pair.Key, notices[pair.Key], pair.Value))];
    }

    /// <summary>One data line as a day of its arrangement year, or null with the line's problems added.</summary>
    private static (int Year, CalendarDay Day)? ReadRow(
        string[] fields, int lineNumber, Dictionary<int, string> notices, Dictionary<DateOnly, int> dateLines, List<string> problems)
    {
        if (fields.Length != 5)
        {
            problems.Add(Bad(lineNumber, "应有5列：" + Header));
            return null;
        }

        var count = problems.Count;
        var yearRead = int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year);
        if (!yearRead)
        {
            problems.Add(Bad(lineNumber, $"年度「{fields[0]}」不是整数"));
        }

        if (!DateText.TryParseIso(fields[1], out var date))
        {
            problems.Add(Bad(lineNumber, $"日期「{fields[1]}」不是有效日期（格式为 YYYY-MM-DD）"));
        }
        else if (dateLines.TryGetValue(date, out var first))
        {
            problems.Add(Bad(lineNumber, string.Create(CultureInfo.InvariantCulture, $"日期「{fields[1]}」与第{first}行重复")));
        }
        else
        {
            dateLines[date] = lineNumber;
        }

        var kind = CalendarDayKindText.Parse(fields[2]);
        if (kind is null)
        {
            problems.Add(Bad(lineNumber, $"类型「{fields[2]}」应为{CalendarDayKindText.Value(CalendarDayKind.Off)}或{CalendarDayKindText.Value(CalendarDayKind.Work)}"));
        }

        var name = fields[3].Trim();
        var notice = fields[4].Trim();
        if (name.Length == 0 || notice.Length == 0)
        {
            problems.Add(Bad(lineNumber, "节日名称和通知文号不能为空"));
        }
        else if (yearRead && notices.TryGetValue(year, out var known) && !string.Equals(known, notice, StringComparison.Ordinal))
        {
            problems.Add(Bad(lineNumber, $"{year}年的安排已注明通知「{known}」，本行却为「{notice}」"));
        }
        else if (yearRead)
        {
            notices[year] = notice;
        }

        return problems.Count == count ? (year, new CalendarDay(date, kind!.Value, name, notice)) : null;
    }

    /// <summary>Writes arrangements as users download them: the Chinese header, one row per day, 休息 or 上班.</summary>
    public static void Write(TextWriter writer, IEnumerable<HolidayArrangement> arrangements)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(arrangements);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var field in Header.Split(','))
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
        foreach (var arrangement in arrangements)
        {
            foreach (var day in arrangement.Days)
            {
                csv.WriteField(arrangement.Year.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(DateText.Iso(day.Date));
                csv.WriteField(CalendarDayKindText.Value(day.Kind));
                csv.WriteField(day.Name);
                csv.WriteField(day.Notice);
                csv.NextRecord();
            }
        }
    }

    private static IReadOnlyList<HolidayArrangement> LoadEmbedded()
    {
        using var stream = typeof(HolidayArrangements).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    private static string Bad(int line, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"节假日数据第{line}行：{problem}。");
}

/// <summary>
/// Holiday data that cannot be read. <see cref="Problems"/> holds every problem found, in line order, each a Chinese
/// sentence naming its line; <see cref="Exception.Message"/> is the same sentences, one per line.
/// </summary>
public sealed class HolidayDataException : FormatException
{
    public HolidayDataException(IReadOnlyList<string> problems)
        : base(string.Join("\n", problems ?? throw new ArgumentNullException(nameof(problems))))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
