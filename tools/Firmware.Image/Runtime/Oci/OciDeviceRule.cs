using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A device cgroup rule (config-linux.md, "Device allowlist").</summary>
public sealed class OciDeviceRule
{
    /// <summary>Allow (true) or deny.</summary>
    [JsonPropertyName("allow")]
    public bool Allow { get; init; }

    /// <summary>a, c or b; null means all.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The major number; null means all.</summary>
    [JsonPropertyName("major")]
    public long? Major { get; init; }

    /// <summary>The minor number; null means all.</summary>
    [JsonPropertyName("minor")]
    public long? Minor { get; init; }

    /// <summary>Any of r, w and m.</summary>
    [JsonPropertyName("access")]
    public string? Access { get; init; }
}
