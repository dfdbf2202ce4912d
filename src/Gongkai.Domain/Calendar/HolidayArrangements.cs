using System.Globalization;

namespace Gongkai.Calendar;

/// <summary>
/// Reads holiday arrangements from CSV: header <c>year,date,kind,name,notice</c>, one row per date, <c>#</c> starts a
/// comment line. <c>year</c> is the arrangement the row belongs to, which is not always the date's year. Fields are
/// plain (no quoting): names use the Chinese enumeration comma 、, never an ASCII comma.
/// </summary>
public static class HolidayArrangements
{
    private const string Header = "year,date,kind,name,notice";
    private const string ResourceName = "Gongkai.Calendar.holidays.csv";

    private static readonly Lazy<IReadOnlyList<HolidayArrangement>> EmbeddedArrangements = new(LoadEmbedded);

    /// <summary>The arrangements shipped with Gongkai (<c>Calendar/Data/holidays.csv</c>, 2023–2026).</summary>
    public static IReadOnlyList<HolidayArrangement> Embedded => EmbeddedArrangements.Value;

    /// <summary>Parses CSV text. Throws <see cref="FormatException"/> with a Chinese message naming the bad line.</summary>
    public static IReadOnlyList<HolidayArrangement> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var byYear = new SortedDictionary<int, List<CalendarDay>>();
        var notices = new Dictionary<int, string>();
        var headerSeen = false;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                if (!string.Equals(text, Header, StringComparison.Ordinal))
                {
                    throw Bad(lineNumber, $"表头应为「{Header}」");
                }

                headerSeen = true;
                continue;
            }

            var fields = text.Split(',');
            if (fields.Length != 5)
            {
                throw Bad(lineNumber, "应有5列：year,date,kind,name,notice");
            }

            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                throw Bad(lineNumber, $"年度「{fields[0]}」不是整数");
            }

            if (!DateOnly.TryParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Bad(lineNumber, $"日期「{fields[1]}」应为 YYYY-MM-DD");
            }

            var kind = fields[2] switch
            {
                "off" => CalendarDayKind.Off,
                "work" => CalendarDayKind.Work,
                _ => throw Bad(lineNumber, $"类型「{fields[2]}」应为 off 或 work"),
            };
            var name = fields[3].Trim();
            var notice = fields[4].Trim();
            if (name.Length == 0 || notice.Length == 0)
            {
                throw Bad(lineNumber, "节日名称和通知文号不能为空");
            }

            if (notices.TryGetValue(year, out var known) && !string.Equals(known, notice, StringComparison.Ordinal))
            {
                throw Bad(lineNumber, $"{year}年的安排已注明通知「{known}」，本行却为「{notice}」");
            }

            notices[year] = notice;
            if (!byYear.TryGetValue(year, out var days))
            {
                byYear[year] = days = [];
            }

            days.Add(new CalendarDay(date, kind, name, notice));
        }

        if (!headerSeen)
        {
            throw new FormatException($"节假日数据为空，缺少表头「{Header}」。");
        }

        return [.. byYear.Select(pair => new HolidayArrangement(pair.Key, notices[pair.Key], pair.Value))];
    }

    private static IReadOnlyList<HolidayArrangement> LoadEmbedded()
    {
        using var stream = typeof(HolidayArrangements).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    private static FormatException Bad(int line, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"节假日数据第{line}行：{problem}。"));
}
