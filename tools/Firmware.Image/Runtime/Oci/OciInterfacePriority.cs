using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A network interface's priority.</summary>
public sealed class OciInterfacePriority
{
    /// <summary>The interface name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The priority.</summary>
    [JsonPropertyName("priority")]
    public uint Priority { get; init; }
}
