using System.Globalization;
using Gongkai.Data;

namespace Gongkai.ProvinceLoad;

/// <summary>
/// Generates a region or province into an empty database for bench/supervision-load.sh.
/// Usage: Gongkai.ProvinceLoad --provider Sqlite|PostgreSQL --connection "..." [--preset region|province|tiny]
///        [--scale 0.1] [--agencies N] [--cities N] [--counties N] [--cases N] [--years N] [--items N] [--until yyyy-MM-dd].
///        Gongkai.ProvinceLoad --provider … --connection … --add-reports [--until yyyy-MM-dd]
/// Generation ends by publishing the annual reports of the complete years (<see cref="ReportPublisher"/>);
/// --add-reports does only that, on a database generated before (agency/year pairs with a report are left alone).
/// The explicit sizes override the preset's; --scale multiplies agencies, cases and items (the region tree stays).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        long? Number(string name) => Arg(name) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : null;
        var options = new DatabaseOptions
        {
            Provider = Arg("--provider") ?? DatabaseProviders.Sqlite,
            ConnectionString = Arg("--connection") ?? "Data Source=/work/benchdata/region.db",
            MigrateOnStartup = false,
        };
        var until = Arg("--until") is { } day
            ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(-1);
        if (args.Contains("--add-reports"))
        {
            await new ReportPublisher(options, Console.Out).PublishAsync(until);
            return 0;
        }

        var shape = (Arg("--preset") ?? "region") switch
        {
            "region" => ProvinceShape.Region(until),
            "province" => ProvinceShape.Province(until),
            "tiny" => ProvinceShape.Tiny(until),
            var other => throw new ArgumentException($"Unknown preset '{other}' (region, province, tiny)."),
        };
        if (Arg("--scale") is { } scale)
        {
            shape = shape.Scaled(double.Parse(scale, CultureInfo.InvariantCulture));
        }

        shape = shape with
        {
            Agencies = (int?)Number("--agencies") ?? shape.Agencies,
            Cities = (int?)Number("--cities") ?? shape.Cities,
            CountiesPerCity = (int?)Number("--counties") ?? shape.CountiesPerCity,
            Cases = Number("--cases") ?? shape.Cases,
            Years = (int?)Number("--years") ?? shape.Years,
            Items = Number("--items") ?? shape.Items,
        };
        await new ProvinceGenerator(options, shape, Console.Out).GenerateAsync();
        await new ReportPublisher(options, Console.Out).PublishAsync(shape.Until);
        return 0;
    }
}
