using Gongkai.Web.Work;

namespace Gongkai.Web.Interaction;

/// <summary>Registers 政民互动: comment solicitation (意见征集) and messages (留言), ratings (好差评) and their 工作台 sections, 智能问答.</summary>
internal static class InteractionServices
{
    public static IServiceCollection AddInteraction(this IServiceCollection services)
    {
        services.AddScoped<ConsultationDesk>();
        services.AddScoped<MessageDesk>();
        services.AddScoped<RatingBook>();
        services.AddScoped<PolicyQa>();
        services.AddInboxSource<MessageInbox>();
        services.AddInboxSource<RatingInbox>();
        return services;
    }
}

/// <summary>Who works on an agency's consultations.</summary>
public static class InteractionRoles
{
    public const string Staff = Data.Accounts.Roles.Handler + "," + Data.Accounts.Roles.Reviewer + "," + Data.Accounts.Roles.Publisher;
}
