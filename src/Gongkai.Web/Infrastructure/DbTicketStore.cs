using Gongkai.Data;
using Gongkai.Data.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// Server-side sessions: the cookie carries only a session id; the authentication ticket lives in the database.
/// Any node can serve any request, and signing out (or an administrator) ends the session everywhere.
/// </summary>
internal sealed class DbTicketStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        db.AuthSessions.Add(new AuthSession
        {
            Id = id,
            UserId = UserId(ticket),
            Ticket = TicketSerializer.Default.Serialize(ticket),
            ExpiresUtc = ticket.Properties.ExpiresUtc?.UtcDateTime,
            LastSeenUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.AuthSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresUtc, expires).SetProperty(x => x.LastSeenUtc, now));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var session = await db.AuthSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (session is null || (session.ExpiresUtc is { } expires && expires < clock.GetUtcNow().UtcDateTime))
        {
            return null;
        }

        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        await db.AuthSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    private static Guid? UserId(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}

/// <summary>Wires <see cref="DbTicketStore"/> into the Identity application cookie.</summary>
internal sealed class TicketStoreCookieSetup(ITicketStore store) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = store;
        }
    }
}
