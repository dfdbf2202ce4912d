using System.Net;
using System.Net.Sockets;

namespace Gongkai.Web.Infrastructure;

/// <summary>The client a request comes from, as rate limits count it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The IPv4 address, or the /64 network of an IPv6 address: one household or office gets a whole /64 and could
    /// otherwise step past a per-address limit by changing its host bits.
    /// </summary>
    public static string Key(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
