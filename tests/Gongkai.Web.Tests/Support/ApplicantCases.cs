using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web;

/// <summary>
/// Applications and case events made the way the platform makes them (ApplicationIntake, the case engine through
/// CaseStore), for tests of the pages around a case. Stands in for the staff desk where a test needs a case state.
/// </summary>
public static class ApplicantCases
{
    public const string Phone = "13812345678";

    public static async Task<Guid> AgencyIdAsync(GongkaiApp app, string name = "示范县教育局")
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        return await db.Agencies.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
    }

    /// <summary>An application received online today (the app's clock) by the agency.</summary>
    public static async Task<ApplicationRecord> ReceiveAsync(
        GongkaiApp app,
        string agency = "示范县教育局",
        string applicant = "张三",
        string description = "示范县2023年度义务教育阶段学校名单",
        string phone = Phone,
        RequestedForm requestedForm = RequestedForm.Electronic)
    {
        ArgumentNullException.ThrowIfNull(app);
        var agencyId = await AgencyIdAsync(app, agency);
        await using var scope = app.Services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<ApplicationIntake>();
        var result = await intake.ReceiveAsync(
            new IntakeRequest
            {
                AgencyId = agencyId,
                ApplicantType = ApplicantType.NaturalPerson,
                ApplicantName = applicant,
                IdDocumentType = IdentityDocument.ResidentIdCard,
                IdNumber = "11010519491231002X",
                Phone = phone,
                Description = description,
                RequestedForm = requestedForm,
                DeliveryPreference = DeliveryPreference.Online,
            },
            online: true);
        result.Errors.ShouldBeEmpty();
        return result.Application!;
    }

    /// <summary>Records events on a case through the engine, as staff would (dated today unless the event says otherwise).</summary>
    public static async Task AppendAsync(GongkaiApp app, Guid applicationId, params Func<DateTimeOffset, CaseEvent>[] events)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(events);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var rules = await scope.ServiceProvider.GetRequiredService<CaseRulesProvider>().GetAsync();
        var record = await db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == applicationId);
        foreach (var make in events)
        {
            var caseEvent = make(ChinaTime.Now(app.Clock));
            record.Append(caseEvent, rules, null, caseEvent.EventKind.Label(), app.Clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Gives a demo account one more role (e.g. an administrator who also handles cases); sign in after.</summary>
    public static async Task GrantRoleAsync(GongkaiApp app, string userName, string role)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Gongkai.Data.Accounts.User>>();
        var user = await users.FindByNameAsync(userName);
        (await users.AddToRoleAsync(user!, role)).Succeeded.ShouldBeTrue();
    }

    public static Actor Handler { get; } = new("张明（经办人）");

    public static Actor Head { get; } = new("李华（审核人）", ActorRole.OfficeHead);

    public static async Task<T> QueryAsync<T>(GongkaiApp app, Func<GongkaiDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>());
    }
}
