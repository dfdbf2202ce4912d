namespace Gongkai.Web.Interaction;

/// <summary>Registers 政民互动: comment solicitation (意见征集).</summary>
internal static class InteractionServices
{
    public static IServiceCollection AddInteraction(this IServiceCollection services)
    {
        services.AddScoped<ConsultationDesk>();
        return services;
    }
}

/// <summary>Who works on an agency's consultations.</summary>
public static class InteractionRoles
{
    public const string Staff = Data.Accounts.Roles.Handler + "," + Data.Accounts.Roles.Reviewer + "," + Data.Accounts.Roles.Publisher;
}
