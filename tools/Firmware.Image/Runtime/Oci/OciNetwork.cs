using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>Network class and priorities (config-linux.md, "Network").</summary>
public sealed class OciNetwork
{
    /// <summary>The network class identifier.</summary>
    [JsonPropertyName("classID")]
    public uint? ClassId { get; init; }

    /// <summary>Per-interface priorities.</summary>
    [JsonPropertyName("priorities")]
    public IReadOnlyList<OciInterfacePriority>? Priorities { get; init; }
}
