using Firmware.Image.Runtime.Oci;

namespace Firmware.Image.Spec;

/// <summary>
/// LinuxKit's <c>runtime:</c> section: what the init does around a container, outside its OCI
/// config (cgroups to create, mounts and directories to make on the host, interfaces to set up,
/// namespaces to bind to paths). Null members were not written.
/// </summary>
public sealed record RuntimeActions
{
    /// <summary>cgroups to create before the container starts.</summary>
    public IReadOnlyList<string>? Cgroups { get; init; }

    /// <summary>Mounts to make on the host before the container starts.</summary>
    public IReadOnlyList<OciMount>? Mounts { get; init; }

    /// <summary>Host directories to create.</summary>
    public IReadOnlyList<string>? Mkdir { get; init; }

    /// <summary>Network interfaces to create or move in.</summary>
    public IReadOnlyList<NetworkInterface>? Interfaces { get; init; }

    /// <summary>Paths to bind the container's namespaces to, by kind (<c>net</c>, <c>pid</c>, ...), in key order.</summary>
    public IReadOnlyDictionary<string, string>? BindNamespaces { get; init; }

    /// <summary>The containerd namespace to run in.</summary>
    public string? Namespace { get; init; }
}
