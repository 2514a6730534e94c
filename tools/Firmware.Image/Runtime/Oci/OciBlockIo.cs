using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>Block I/O limits (config-linux.md, "Block IO").</summary>
public sealed class OciBlockIo
{
    /// <summary>The weight, 10-1000.</summary>
    [JsonPropertyName("weight")]
    public ushort? Weight { get; init; }

    /// <summary>The weight for tasks in this cgroup only.</summary>
    [JsonPropertyName("leafWeight")]
    public ushort? LeafWeight { get; init; }

    /// <summary>Per-device weights.</summary>
    [JsonPropertyName("weightDevice")]
    public IReadOnlyList<OciWeightDevice>? WeightDevice { get; init; }

    /// <summary>Per-device read rates, bytes per second.</summary>
    [JsonPropertyName("throttleReadBpsDevice")]
    public IReadOnlyList<OciThrottleDevice>? ThrottleReadBpsDevice { get; init; }

    /// <summary>Per-device write rates, bytes per second.</summary>
    [JsonPropertyName("throttleWriteBpsDevice")]
    public IReadOnlyList<OciThrottleDevice>? ThrottleWriteBpsDevice { get; init; }

    /// <summary>Per-device read rates, operations per second.</summary>
    [JsonPropertyName("throttleReadIOPSDevice")]
    public IReadOnlyList<OciThrottleDevice>? ThrottleReadIopsDevice { get; init; }

    /// <summary>Per-device write rates, operations per second.</summary>
    [JsonPropertyName("throttleWriteIOPSDevice")]
    public IReadOnlyList<OciThrottleDevice>? ThrottleWriteIopsDevice { get; init; }
}
