using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Audit;
using Gongkai.Data.Infrastructure;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Data;

/// <summary>
/// The one DbContext of the platform, used directly by handlers and pages (no repository layer: see
/// docs/adr/0003-platform-data.md). Entity configurations live next to their entities.
/// </summary>
public sealed class GongkaiDbContext(DbContextOptions<GongkaiDbContext> options)
    : IdentityDbContext<User, Role, Guid>(options)
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GongkaiDbContext).Assembly);
    }
}
