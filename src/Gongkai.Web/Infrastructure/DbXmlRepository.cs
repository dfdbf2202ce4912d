using System.Xml.Linq;
using Gongkai.Data;
using Gongkai.Data.Infrastructure;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// Keeps ASP.NET Core data-protection keys in the database so that every app node protects and unprotects cookies
/// and antiforgery tokens with the same keys. (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore is not
/// available here; this is its twenty lines.)
/// </summary>
internal sealed class DbXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        return [.. db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            Id = friendlyName,
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}
