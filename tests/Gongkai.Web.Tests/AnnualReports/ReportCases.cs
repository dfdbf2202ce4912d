using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.AnnualReports;

/// <summary>
/// Creates cases the way the platform does (ApplicationIntake, then events through CaseStore.Append) and review
/// records, for the report tests. Dates are China dates; events happen at 10:00 China time.
/// </summary>
public static class ReportCases
{
    private static readonly Actor Clerk = new("张明");

    public static async Task<Guid> AgencyIdAsync(GongkaiApp app, string name)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        return await db.Agencies.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
    }

    /// <summary>Receives an application in person, registers it the same day and, when given, concludes it.</summary>
    /// <param name="app">The application under test (its clock must be after every date).</param>
    /// <param name="agencyId">The handling agency.</param>
    /// <param name="applicant">Who applies.</param>
    /// <param name="receivedOn">Arrival (= receipt) date.</param>
    /// <param name="outcome">The reply's outcome, or null to leave the case open; <see cref="Outcome.OtherOther"/> means withdrawn.</param>
    /// <param name="concludedOn">The reply (or withdrawal) date.</param>
    public static async Task<Guid> ApplicationAsync(
        GongkaiApp app, Guid agencyId, ApplicantType applicant, DateOnly receivedOn, Outcome? outcome = null, DateOnly? concludedOn = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<ApplicationIntake>();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var rules = await scope.ServiceProvider.GetRequiredService<CaseRulesProvider>().GetAsync();
        var result = await intake.ReceiveAsync(new IntakeRequest
        {
            AgencyId = agencyId,
            ApplicantType = applicant,
            ApplicantName = applicant == ApplicantType.NaturalPerson ? "王小明" : "某某有限公司",
            Phone = "13800138000",
            Description = "关于某某事项的政府信息",
            Channel = ReceiptChannel.InPerson,
            ArrivedOn = receivedOn,
        }, online: false);
        result.Errors.ShouldBeEmpty();
        var record = result.Application!;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        record.Append(new Registered(At(receivedOn), Clerk), rules, null, "登记", now);
        db.Entry(record.Events[^1]).State = EntityState.Added;
        if (outcome is { } value)
        {
            var date = concludedOn ?? receivedOn;
            CaseEvent conclusion = value == Outcome.OtherOther
                ? new Withdrawn(At(date), new Actor("申请人", ActorRole.Applicant), "申请人撤回")
                : new Replied(At(date), Clerk, value, "依法说明理由", DeliveryMethod.Direct);
            record.Append(conclusion, rules, null, "办结", now);
            db.Entry(record.Events[^1]).State = EntityState.Added;
        }

        // The record is tracked since intake saved it; events given a key are otherwise taken for existing rows.
        await db.SaveChangesAsync();
        return record.Id;
    }

    public static async Task ReviewAsync(
        GongkaiApp app, Guid agencyId, Guid applicationId, ReviewKind kind, DateOnly filedOn, ReviewResult result, DateOnly? concludedOn)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        db.Reviews.Add(new ReviewCaseRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = agencyId,
            ApplicationId = applicationId,
            Kind = kind,
            FiledOn = filedOn,
            Result = result,
            ConcludedOn = concludedOn,
            UpdatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The 2024 case set of the report tests, for 示范县教育局 (clock must be in 2025 or later). Table 三 for 2024:
    /// 新收 自然人 3, 商业企业 1, 科研机构 1, 社会公益组织 1, 法律服务机构 1, 其他 1 (总计 8); 上年结转 自然人 1;
    /// 予以公开 自然人 2; 部分公开 自然人 1; 保护第三方合法权益 商业企业 1; 本机关不掌握 科研机构 1; 重复申请 法律服务机构 1;
    /// （六）3 其他 其他 1; （七）总计 7; 结转下年度 自然人 1, 社会公益组织 1 (总计 2). Table 四: 行政复议 维持 1, 尚未审结 1,
    /// 总计 2; 未经复议直接起诉 尚未审结 1, 总计 1.
    /// </summary>
    public static async Task<Guid> Seed2024Async(GongkaiApp app)
    {
        var agency = await AgencyIdAsync(app, "示范县教育局");
        var a = await ApplicationAsync(app, agency, ApplicantType.NaturalPerson, D(2023, 12, 20), Outcome.Granted, D(2024, 1, 10));
        await ApplicationAsync(app, agency, ApplicantType.Commercial, D(2023, 6, 1), Outcome.Granted, D(2023, 6, 20));
        var c = await ApplicationAsync(app, agency, ApplicantType.NaturalPerson, D(2024, 3, 1), Outcome.Granted, D(2024, 3, 11));
        await ApplicationAsync(app, agency, ApplicantType.NaturalPerson, D(2024, 4, 1), Outcome.PartiallyGranted, D(2024, 4, 15));
        var e = await ApplicationAsync(app, agency, ApplicantType.Commercial, D(2024, 5, 6), Outcome.WithheldThirdPartyRights, D(2024, 5, 20));
        await ApplicationAsync(app, agency, ApplicantType.Research, D(2024, 6, 3), Outcome.UnableNotHeld, D(2024, 6, 14));
        await ApplicationAsync(app, agency, ApplicantType.LegalService, D(2024, 7, 1), Outcome.NotProcessedDuplicate, D(2024, 7, 5));
        await ApplicationAsync(app, agency, ApplicantType.Other, D(2024, 8, 1), Outcome.OtherOther, D(2024, 8, 5));
        await ApplicationAsync(app, agency, ApplicantType.NaturalPerson, D(2024, 12, 20));
        await ApplicationAsync(app, agency, ApplicantType.PublicInterest, D(2024, 12, 25), Outcome.Granted, D(2025, 1, 6));
        await ApplicationAsync(app, agency, ApplicantType.NaturalPerson, D(2025, 1, 3));
        await ReviewAsync(app, agency, c, ReviewKind.Reconsideration, D(2024, 4, 1), ReviewResult.Upheld, D(2024, 5, 20));
        await ReviewAsync(app, agency, e, ReviewKind.LitigationDirect, D(2024, 9, 2), ReviewResult.Pending, null);
        await ReviewAsync(app, agency, a, ReviewKind.Reconsideration, D(2024, 2, 1), ReviewResult.Corrected, D(2025, 1, 6));
        return agency;
    }

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>
    /// A cookie-keeping client that does not follow redirects and talks to wherever the app is served (the real
    /// Kestrel port once a browser test started it; the in-memory server otherwise).
    /// </summary>
    public static HttpClient Client(GongkaiApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = app.ClientOptions.BaseAddress,
        });
    }

    private static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
}
