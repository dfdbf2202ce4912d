namespace Gongkai.Web.Admin;

/// <summary>Registers administration: the holiday calendar's import and the accounts.</summary>
internal static class AdminServices
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<CalendarImport>();
        services.AddScoped<UserAccounts>();
        return services;
    }
}
