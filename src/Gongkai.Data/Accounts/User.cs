using Microsoft.AspNetCore.Identity;

namespace Gongkai.Data.Accounts;

/// <summary>A staff account. Belongs to exactly one agency; what it may do comes from its roles.</summary>
public sealed class User : IdentityUser<Guid>
{
    public Guid AgencyId { get; set; }

    public required string DisplayName { get; set; }
}

/// <summary>An Identity role; the names are <see cref="Roles"/>.</summary>
public sealed class Role : IdentityRole<Guid>
{
}

/// <summary>The platform's roles. Names are stable identifiers; the Chinese titles are for display.</summary>
public static class Roles
{
    /// <summary>经办人: registers and handles applications, drafts replies.</summary>
    public const string Handler = "Handler";

    /// <summary>审核人: approves extensions and replies (the head of the disclosure office).</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>发布人: publishes catalogue items and annual reports.</summary>
    public const string Publisher = "Publisher";

    /// <summary>监督人: reads everything in the region subtree of the supervisor's agency.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>管理员: manages accounts, agencies, templates, the calendar; reads the audit log.</summary>
    public const string Administrator = "Administrator";

    public static IReadOnlyList<string> All { get; } = [Handler, Reviewer, Publisher, Supervisor, Administrator];

    public static string Title(string role) => role switch
    {
        Handler => "经办人",
        Reviewer => "审核人",
        Publisher => "发布人",
        Supervisor => "监督人",
        Administrator => "管理员",
        _ => role,
    };
}
