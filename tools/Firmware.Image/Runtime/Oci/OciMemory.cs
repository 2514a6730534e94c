using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>Memory limits in bytes (config-linux.md, "Memory").</summary>
public sealed class OciMemory
{
    /// <summary>The memory limit.</summary>
    [JsonPropertyName("limit")]
    public long? Limit { get; init; }

    /// <summary>The soft limit.</summary>
    [JsonPropertyName("reservation")]
    public long? Reservation { get; init; }

    /// <summary>The memory plus swap limit.</summary>
    [JsonPropertyName("swap")]
    public long? Swap { get; init; }

    /// <summary>The kernel memory limit.</summary>
    [JsonPropertyName("kernel")]
    public long? Kernel { get; init; }

    /// <summary>The kernel TCP buffer limit.</summary>
    [JsonPropertyName("kernelTCP")]
    public long? KernelTcp { get; init; }

    /// <summary>The swappiness, 0-100.</summary>
    [JsonPropertyName("swappiness")]
    public ulong? Swappiness { get; init; }

    /// <summary>Whether the OOM killer is off.</summary>
    [JsonPropertyName("disableOOMKiller")]
    public bool? DisableOomKiller { get; init; }
}
