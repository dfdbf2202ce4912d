using System.Globalization;
using Gongkai.Calendar;

namespace Gongkai.Cli;

/// <summary>A command-line value the user must fix; the message is Chinese and names the option.</summary>
internal sealed class CommandLineInputException(string message) : Exception(message);

internal static class CliDates
{
    public static DateOnly Parse(string option, string text) =>
        DateText.TryParseIso(text.Trim(), out var date)
            ? date
            : throw new CommandLineInputException($"{option} 的值「{text}」不是有效日期，应为 YYYY-MM-DD，例如 2023-09-25。");

    /// <summary>Reads FROM..TO; TO may equal FROM but not precede it.</summary>
    public static (DateOnly From, DateOnly To) ParseRange(string option, string text)
    {
        var parts = text.Split("..");
        if (parts.Length != 2)
        {
            throw new CommandLineInputException($"{option} 的值「{text}」应为 FROM..TO，例如 2023-10-09..2023-10-13。");
        }

        var from = Parse(option, parts[0]);
        var to = Parse(option, parts[1]);
        return to < from
            ? throw new CommandLineInputException($"{option} 的期间「{text}」结束日期早于开始日期。")
            : (from, to);
    }
}

internal static class CliNumbers
{
    /// <summary>Far above any real count of pages or applications, and low enough that the fee bands stay small.</summary>
    public const int Maximum = 100_000;

    public static int Parse(string option, string text, int minimum)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new CommandLineInputException(string.Create(CultureInfo.InvariantCulture, $"{option} 的值「{text}」应为不小于{minimum}的整数。"));
        }

        return value <= Maximum
            ? value
            : throw new CommandLineInputException(string.Create(CultureInfo.InvariantCulture,
                $"{option} 的值「{text}」太大：应为 {minimum} 至 {Maximum} 之间的整数，请核对是否多输了数字。"));
    }
}

internal static class CliFormats
{
    /// <summary>True for json, false for text; anything else is an input error.</summary>
    public static bool IsJson(string format) => format switch
    {
        "json" => true,
        "text" => false,
        _ => throw new CommandLineInputException($"--format 的值「{format}」无效，应为 text 或 json。"),
    };
}
