using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A user-namespace id mapping (config-linux.md, "User namespace mappings").</summary>
public sealed class OciIdMapping
{
    /// <summary>The first id in the container.</summary>
    [JsonPropertyName("containerID")]
    public uint ContainerId { get; init; }

    /// <summary>The first id on the host.</summary>
    [JsonPropertyName("hostID")]
    public uint HostId { get; init; }

    /// <summary>How many ids.</summary>
    [JsonPropertyName("size")]
    public uint Size { get; init; }
}
