using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Admin;
using Gongkai.Web.AnnualReports;
using Gongkai.Web.Applications;
using Gongkai.Web.Attachments;
using Gongkai.Web.Catalog;
using Gongkai.Web.Channels;
using Gongkai.Web.Errors;
using Gongkai.Web.Health;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Interaction;
using Gongkai.Web.Letters;
using Gongkai.Web.Notifications;
using Gongkai.Web.Portal;
using Gongkai.Web.Reviews;
using Gongkai.Web.Supervision;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gongkai.Web;

/// <summary>Service registration and the request pipeline, kept together so tests and Program agree.</summary>
internal static class GongkaiApplication
{
    public static WebApplicationBuilder AddGongkai(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(options => options.ResolveSqlitePath(builder.Environment.ContentRootPath));
        services.AddDbContext<GongkaiDbContext>((provider, options) =>
            options.UseGongkaiDatabase(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<Staff>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Calendar.CaseRulesProvider>();
        services.AddApplicationDesk(builder.Configuration);
        services.AddNotifications(builder.Configuration);
        services.AddAnnualReports();
        services.AddSupervision(builder.Configuration);
        services.AddAdministration();
        services.AddOptions<Gongkai.AnnualReports.Parsing.ReportReadLimits>().Bind(builder.Configuration.GetSection("ReportReading"))
            .Validate(limits => { limits.Validate(); return true; }).ValidateOnStart();
        services.AddOptions<Accounts.SignInThrottleOptions>().Bind(builder.Configuration.GetSection(Accounts.SignInThrottleOptions.Section));
        services.AddScoped<Accounts.SignInThrottle>();
        services.AddCatalog();
        services.AddObservability(builder.Configuration);

        // Nodes hold no state of their own: keys and sessions live in the database.
        services.AddSingleton<DbXmlRepository>();
        services.AddDataProtection().SetApplicationName("Gongkai");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DbXmlRepository>((options, repository) => options.XmlRepository = repository);
        services.AddSingleton<Microsoft.AspNetCore.Authentication.Cookies.ITicketStore, DbTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, TicketStoreCookieSetup>();

        services.AddIdentity<User, Role>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // Failed sign-ins are throttled by SignInThrottle, not counted by Identity; Identity still refuses an
                // account an administrator (or the throttle) has locked.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<GongkaiDbContext>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/accounts/login";
            options.LogoutPath = "/accounts/logout";
            options.AccessDeniedPath = "/accounts/denied";
            options.Cookie.Name = "gongkai.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // API clients get status codes, not a redirect to the login page. A browser that still sends the session
            // cookie had a session that ended (expired or closed by an administrator): the login page says so.
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Cookies.ContainsKey(context.Options.Cookie.Name!))
                {
                    context.RedirectUri = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(context.RedirectUri, "expired", "true");
                }

                return RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            };
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(options => options.Cookie.Name = "gongkai.antiforgery");

        // Over HTTPS (directly, or behind a configured proxy that says so) every cookie is Secure and HSTS is sent.
        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddReverseProxy(builder.Configuration);
        services.AddAuthorization();
        services.AddLetters(builder.Configuration);
        services.AddAttachments(builder.Configuration);
        services.AddPortal(builder.Configuration);
        services.AddInteraction();
        services.AddChannels(builder.Configuration);

        // Chinese text is written as is, not as &#x...; entities (Razor's default encoder escapes all non-ASCII).
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddRazorPages(options => options.RootDirectory = "/")
            .AddMvcOptions(options =>
            {
                options.Filters.Add(new Errors.ExpiredFormFilter());
                options.Filters.Add(new Errors.MissingHandlerFilter());
            });
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Gongkai 公开 API";
            document.Info.Description = "政府信息公开平台的 JSON 接口";
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

            // Enums travel by name ("Email", "OverDue"…), which API clients can read; numbers are still accepted.
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        return builder;
    }

    public static WebApplication UseGongkai(this WebApplication app)
    {
        app.UseReverseProxy();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseCookiePolicy();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestSizeCheck();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapLetters();
        app.MapLetterPdfs();
        app.MapReviews();
        app.MapHealth();
        app.MapObservability();
        app.MapApplications();
        app.MapPreferences();
        app.MapAnnualReports();
        app.MapCatalog();
        app.MapRazorPages();
        return app;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
