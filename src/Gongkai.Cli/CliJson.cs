using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gongkai.Cli;

internal static class CliJson
{
    /// <summary>Indented, Chinese kept readable (not \u-escaped).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
