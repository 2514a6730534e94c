using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A namespace to create (no path) or join (config-linux.md, "Namespaces").</summary>
public sealed class OciNamespace
{
    /// <summary>pid, network, mount, ipc, uts, user or cgroup.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>A namespace file to join; null to create one.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }
}
