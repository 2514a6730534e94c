using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>Linux-specific settings (config-linux.md).</summary>
public sealed class OciLinux
{
    /// <summary>User namespace uid mappings.</summary>
    [JsonPropertyName("uidMappings")]
    public IReadOnlyList<OciIdMapping>? UidMappings { get; init; }

    /// <summary>User namespace gid mappings.</summary>
    [JsonPropertyName("gidMappings")]
    public IReadOnlyList<OciIdMapping>? GidMappings { get; init; }

    /// <summary>Kernel parameters to set.</summary>
    [JsonPropertyName("sysctl")]
    public IReadOnlyDictionary<string, string>? Sysctl { get; init; }

    /// <summary>cgroup limits.</summary>
    [JsonPropertyName("resources")]
    public OciResources? Resources { get; init; }

    /// <summary>The cgroup path.</summary>
    [JsonPropertyName("cgroupsPath")]
    public string? CgroupsPath { get; init; }

    /// <summary>Namespaces to create or join.</summary>
    [JsonPropertyName("namespaces")]
    public required IReadOnlyList<OciNamespace> Namespaces { get; init; }

    /// <summary>Device nodes to create.</summary>
    [JsonPropertyName("devices")]
    public IReadOnlyList<OciDevice>? Devices { get; init; }

    /// <summary>The root mount's propagation.</summary>
    [JsonPropertyName("rootfsPropagation")]
    public string? RootfsPropagation { get; init; }

    /// <summary>Paths made unreadable.</summary>
    [JsonPropertyName("maskedPaths")]
    public IReadOnlyList<string>? MaskedPaths { get; init; }

    /// <summary>Paths made read-only.</summary>
    [JsonPropertyName("readonlyPaths")]
    public IReadOnlyList<string>? ReadonlyPaths { get; init; }
}
