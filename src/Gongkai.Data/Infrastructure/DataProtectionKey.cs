namespace Gongkai.Data.Infrastructure;

/// <summary>An ASP.NET Core data-protection key, stored in the database so every app node shares it.</summary>
public sealed class DataProtectionKey
{
    /// <summary>The key's friendly name ("key-{guid}"), unique.</summary>
    public required string Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}

/// <summary>
/// A signed-in session (the authentication ticket, protected), stored in the database so any node can serve the
/// user and a session can be ended server-side.
/// </summary>
public sealed class AuthSession
{
    public required string Id { get; set; }

    public Guid? UserId { get; set; }

    public required byte[] Ticket { get; set; }

    public DateTime? ExpiresUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }
}
