using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongkai.Applications;
using Gongkai.Data.Applications;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>Shortcuts for the desk's tests: find demo cases, read the audit log, call the JSON API.</summary>
internal static class Desk
{
    public const string Education = "示范县教育局";
    public const string NaturalResources = "示范县自然资源局";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A demo case of the agency matching the condition (the first by number).</summary>
    public static async Task<ApplicationRecord> CaseAsync(this GongkaiApp app, string agency, Func<IQueryable<ApplicationRecord>, IQueryable<ApplicationRecord>>? where = null)
    {
        Start(app);
        await using var db = app.Database.CreateContext();
        var agencyId = await db.Agencies.Where(a => a.Name == agency).Select(a => a.Id).SingleAsync();
        var query = db.Applications.AsNoTracking().Include(a => a.Events).Where(a => a.AgencyId == agencyId);
        return await (where ?? (q => q)).Invoke(query).OrderBy(a => a.Number).FirstAsync();
    }

    public static async Task<Guid> AgencyIdAsync(this GongkaiApp app, string agency)
    {
        Start(app);
        await using var db = app.Database.CreateContext();
        return await db.Agencies.Where(a => a.Name == agency).Select(a => a.Id).SingleAsync();
    }

    public static async Task<int> AuditCountAsync(this GongkaiApp app, string action, string? entityId = null, string? userName = null)
    {
        await using var db = app.Database.CreateContext();
        return await db.AuditLog.CountAsync(e => e.Action == action && (entityId == null || e.EntityId == entityId) && (userName == null || e.UserName == userName));
    }

    /// <summary>Starts the app (migrating and seeding its database) before a test reads the database directly.</summary>
    public static void Start(GongkaiApp app) => _ = app.Services;

    /// <summary>A client signed in as the demo account.</summary>
    public static async Task<HttpClient> SignedInAsync(this GongkaiApp app, string userName)
    {
        var client = app.CreateBrowserClient();
        var response = await client.LoginAsync(userName);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, $"{userName} signs in");
        return client;
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, Guid id, string action, object body) =>
        client.PostAsJsonAsync(new Uri($"/api/applications/{id}/actions/{action}", UriKind.Relative), body, Json);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A valid online application for the agency (a resident identity number with a correct check digit).</summary>
    public static object OnlineApplication(Guid agencyId, string name = "刘晓明", string idNumber = "11010519491231002X") => new
    {
        agencyId,
        applicantType = ApplicantType.NaturalPerson,
        applicantName = name,
        idDocumentType = IdentityDocument.ResidentIdCard,
        idNumber,
        phone = "13800138000",
        email = "liu@example.com",
        address = "示范县城关镇人民路8号",
        description = "2024年城区义务教育学区划分方案",
        requestedForm = RequestedForm.Electronic,
        deliveryPreference = DeliveryPreference.Email,
    };
}
