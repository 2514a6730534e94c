namespace Firmware.Oci.Registry;

/// <summary>How the registry source talks to registries.</summary>
public sealed record RegistryOptions
{
    /// <summary>Credentials for a registry host (as written in references, e.g. <c>127.0.0.1:5000</c>), or null for anonymous access.</summary>
    public Func<string, RegistryCredentials?> Credentials { get; init; } = _ => null;

    /// <summary>Registries reached over plain HTTP besides loopback ones (which always are).</summary>
    public IReadOnlySet<string> PlainHttpRegistries { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How long to wait for a response's headers.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a body may go without sending a byte before the transfer counts as stalled.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock the timeouts run on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
