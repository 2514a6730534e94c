using System.Net;
using System.Security.Cryptography.X509Certificates;
using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Credentials;

namespace Firmware.Fleet.Host.Broker;

/// <summary>How the embedded broker listens and whom it admits (docs/fleet.md).</summary>
public sealed record BrokerOptions
{
    /// <summary>The default listening endpoint: loopback only, so nothing is exposed by accident.</summary>
    public static IPEndPoint DefaultEndpoint { get; } = new(IPAddress.Loopback, 1883);

    /// <summary>The IPv4 address and port to listen on.</summary>
    public IPEndPoint Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>
    /// Also listen on IPv6: <c>::1</c> when <see cref="Endpoint"/> is loopback, <c>::</c> when it is
    /// 0.0.0.0. Without it the broker binds no IPv6 socket at all (MQTTnet binds <c>[::]</c> unless told not to).
    /// </summary>
    public bool IPv6 { get; init; }

    /// <summary>The server certificate with its private key: when set, the endpoint speaks TLS only.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The users and their password hashes (Mosquitto's file); null admits no one unless <see cref="AllowAnonymous"/>.</summary>
    public PasswordFile? Passwords { get; init; }

    /// <summary>
    /// Admit clients without checking a password. The username a client gives still names the one
    /// device subtree it may use, and a client without a username is still refused. For a bench only.
    /// </summary>
    public bool AllowAnonymous { get; init; }

    /// <summary>Who may publish and subscribe where.</summary>
    public required AccessPolicy Policy { get; init; }

    /// <summary>Receives one line per refused connection, publish or subscription (why, and who).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The IPv6 address that pairs with <see cref="Endpoint"/>'s, or null when there is none to pair.</summary>
    public IPAddress? IPv6Address =>
        !IPv6 ? null
        : IPAddress.IsLoopback(Endpoint.Address) ? IPAddress.IPv6Loopback
        : Endpoint.Address.Equals(IPAddress.Any) ? IPAddress.IPv6Any
        : null;
}
