using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>CPU limits (config-linux.md, "CPU").</summary>
public sealed class OciCpu
{
    /// <summary>The relative share.</summary>
    [JsonPropertyName("shares")]
    public ulong? Shares { get; init; }

    /// <summary>Microseconds per period.</summary>
    [JsonPropertyName("quota")]
    public long? Quota { get; init; }

    /// <summary>The period in microseconds.</summary>
    [JsonPropertyName("period")]
    public ulong? Period { get; init; }

    /// <summary>Realtime microseconds per period.</summary>
    [JsonPropertyName("realtimeRuntime")]
    public long? RealtimeRuntime { get; init; }

    /// <summary>The realtime period in microseconds.</summary>
    [JsonPropertyName("realtimePeriod")]
    public ulong? RealtimePeriod { get; init; }

    /// <summary>The CPUs allowed, as a list such as 0-3,6.</summary>
    [JsonPropertyName("cpus")]
    public string? Cpus { get; init; }

    /// <summary>The memory nodes allowed.</summary>
    [JsonPropertyName("mems")]
    public string? Mems { get; init; }
}
