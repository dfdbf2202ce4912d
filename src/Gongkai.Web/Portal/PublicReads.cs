using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Portal;

/// <summary>
/// The database context for the portal's anonymous reads, resolved with <c>[FromKeyedServices(PublicReads.Key)]</c>.
/// It connects to <see cref="DatabaseOptions.ReadConnectionString"/> when one is configured (a read-only replica), so
/// the public's traffic does not load the primary that staff write to; otherwise to the primary. It tracks nothing:
/// nothing is written through it, and on a replica a write would be refused. Pages that show an applicant their own
/// case read the primary, which has what they just submitted.
/// </summary>
public static class PublicReads
{
    public const string Key = "public-read";

    public static IServiceCollection AddPublicReads(this IServiceCollection services)
    {
        services.AddKeyedSingleton<DbContextOptions<GongkaiDbContext>>(Key, (provider, _) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var read = new DatabaseOptions
            {
                Provider = database.Provider,
                // SQLite is one file on one node: a read connection means nothing there.
                ConnectionString = string.IsNullOrWhiteSpace(database.ReadConnectionString) || database.Provider.Equals(DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
                    ? database.ConnectionString
                    : database.ReadConnectionString,
            };
            var builder = new DbContextOptionsBuilder<GongkaiDbContext>();
            builder.UseGongkaiDatabase(read).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            return builder.Options;
        });
        services.AddKeyedScoped<GongkaiDbContext>(Key, (provider, key) =>
            new GongkaiDbContext(provider.GetRequiredKeyedService<DbContextOptions<GongkaiDbContext>>(key)));
        return services;
    }
}
