namespace Gongkai.Data.Accounts;

/// <summary>
/// One failed sign-in: the name typed (normalized as Identity normalizes user names, whether or not such an account
/// exists) and the client address it came from. Kept for a day; the sign-in throttle counts these rows, so every app
/// node sees the same counts.
/// </summary>
public sealed class SignInFailure
{
    public const int UserNameLength = 256;

    public const int AddressLength = 64;

    public Guid Id { get; set; }

    public DateTime AtUtc { get; set; }

    public required string UserName { get; set; }

    public required string Address { get; set; }
}
