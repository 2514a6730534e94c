using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A per-device block I/O rate limit.</summary>
public sealed class OciThrottleDevice
{
    /// <summary>The major number.</summary>
    [JsonPropertyName("major")]
    public long Major { get; init; }

    /// <summary>The minor number.</summary>
    [JsonPropertyName("minor")]
    public long Minor { get; init; }

    /// <summary>The rate.</summary>
    [JsonPropertyName("rate")]
    public ulong Rate { get; init; }
}
