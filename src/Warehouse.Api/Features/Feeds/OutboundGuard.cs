using System.Net;
using System.Net.Sockets;

namespace Warehouse.Api.Features.Feeds;

/// <summary>
/// Where the platform may connect on behalf of an operator. A feed URL is typed by a tenant, so without this the
/// platform would fetch whatever it is told: its own loopback services, the cloud metadata endpoint (169.254.169.254),
/// the database on the private network. Only http and https; no user info; and unless <c>Feeds:AllowPrivateNetworks</c>
/// is set (tests, a private deployment) no loopback, link-local, private, shared, multicast or reserved address.
/// <para>
/// The URL is checked when it is registered, but the check that counts is at connect time
/// (<see cref="ConnectAsync"/>, the <c>SocketsHttpHandler.ConnectCallback</c>): the host name is resolved there, every
/// address checked, and the socket connected to a checked address. A name that resolves to a public address when
/// registered and to 127.0.0.1 when polled (DNS rebinding) is therefore still refused.
/// </para>
/// </summary>
public sealed class OutboundGuard(bool allowPrivateNetworks)
{
    public bool AllowPrivateNetworks { get; } = allowPrivateNetworks;

    /// <summary>A problem with the URL as written, or null when it may be registered.</summary>
    public string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "The base URL is required.";
        if (url.Length > 500) return "The base URL is at most 500 characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "The base URL is not an absolute URL.";
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return "Only http and https URLs can be polled.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Put credentials in the authentication settings, not in the URL.";
        if (!string.IsNullOrEmpty(uri.Fragment)) return "The base URL has no fragment (#…).";
        if (AllowPrivateNetworks) return null;
        var host = uri.IdnHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase))
            return "The base URL names a local host; feeds are polled over the public internet.";
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && !IsPublic(address))
            return "The base URL points at a loopback, link-local or private address; feeds are polled over the public internet.";
        return null;
    }

    /// <summary>Whether an address is on the public internet (not loopback, private, link-local, shared, multicast or reserved).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224 // this network, private, loopback, multicast + reserved
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // shared address space (carrier-grade NAT)
                || (b[0] == 169 && b[1] == 254) // link-local, including cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) // IETF protocol assignments, TEST-NET-1
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113)); // TEST-NET-2/3
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || address.IsIPv6Teredo) return false;
            var b = address.GetAddressBytes();
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false; // documentation
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return false; // NAT64 can reach IPv4 private space
            if (b[0] == 0x20 && b[1] == 0x02) return false; // 6to4 embeds an IPv4 address
            return true;
        }
        return false;
    }

    /// <summary>
    /// The connect callback of the feed client's socket handler: resolves the host, refuses it unless every address is
    /// allowed (a name that also resolves to a private address is refused outright), and connects to a checked one.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        if (addresses.Length == 0) throw new FeedRefusedException($"The feed's host name does not resolve.");
        if (!AllowPrivateNetworks && addresses.Any(a => !IsPublic(a)))
            throw new FeedRefusedException("The feed's host resolves to a loopback, link-local or private address; the platform does not connect there.");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The platform refused to talk to a feed's endpoint (address not allowed, answer too large, not the contract).</summary>
public sealed class FeedRefusedException(string message) : Exception(message);
