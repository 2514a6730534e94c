using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A per-device block I/O weight.</summary>
public sealed class OciWeightDevice
{
    /// <summary>The major number.</summary>
    [JsonPropertyName("major")]
    public long Major { get; init; }

    /// <summary>The minor number.</summary>
    [JsonPropertyName("minor")]
    public long Minor { get; init; }

    /// <summary>The weight.</summary>
    [JsonPropertyName("weight")]
    public ushort? Weight { get; init; }

    /// <summary>The leaf weight.</summary>
    [JsonPropertyName("leafWeight")]
    public ushort? LeafWeight { get; init; }
}
