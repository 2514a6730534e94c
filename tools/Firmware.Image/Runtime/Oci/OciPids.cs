using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>The process-count limit (config-linux.md, "pids").</summary>
public sealed class OciPids
{
    /// <summary>The most tasks the cgroup may hold.</summary>
    [JsonPropertyName("limit")]
    public long Limit { get; init; }
}
