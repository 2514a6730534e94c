using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A POSIX resource limit (config.md, "POSIX process").</summary>
public sealed class OciRlimit
{
    /// <summary>The limit, such as RLIMIT_NOFILE.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The ceiling for the soft limit.</summary>
    [JsonPropertyName("hard")]
    public ulong Hard { get; init; }

    /// <summary>The limit the kernel enforces.</summary>
    [JsonPropertyName("soft")]
    public ulong Soft { get; init; }
}
