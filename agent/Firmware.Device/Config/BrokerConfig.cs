namespace Firmware.Device.Config;

/// <summary>
/// The MQTT broker and how to authenticate to it. Parsed and checked now; the fleet connection
/// uses it. Either a client certificate or a username and password file, or neither.
/// </summary>
public sealed record BrokerConfig
{
    /// <summary>The broker's URL as written (<c>mqtt://host:1883</c> or <c>mqtts://host:8883</c>).</summary>
    public required string Url { get; init; }

    /// <summary>The host to connect to: a name, an IPv4 address, or an IPv6 address without brackets.</summary>
    public required string Host { get; init; }

    /// <summary>The TCP port (the URL's, or 1883 for mqtt and 8883 for mqtts).</summary>
    public required int Port { get; init; }

    /// <summary>True for <c>mqtts://</c>.</summary>
    public required bool UseTls { get; init; }

    /// <summary>The CA bundle that signs the broker's certificate; null for the system's.</summary>
    public string? CaFile { get; init; }

    /// <summary>The client certificate (PEM), with <see cref="KeyFile"/>.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The client certificate's private key (PEM).</summary>
    public string? KeyFile { get; init; }

    /// <summary>The MQTT username, with <see cref="PasswordFile"/>.</summary>
    public string? Username { get; init; }

    /// <summary>A file holding the password, so the password stays out of agent.yml.</summary>
    public string? PasswordFile { get; init; }
}
