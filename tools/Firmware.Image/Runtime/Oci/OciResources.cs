using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>cgroup limits (config-linux.md, "Control groups"); also the validated form of a spec's <c>resources:</c>.</summary>
public sealed class OciResources
{
    /// <summary>Device access rules.</summary>
    [JsonPropertyName("devices")]
    public IReadOnlyList<OciDeviceRule>? Devices { get; init; }

    /// <summary>Memory limits.</summary>
    [JsonPropertyName("memory")]
    public OciMemory? Memory { get; init; }

    /// <summary>CPU limits.</summary>
    [JsonPropertyName("cpu")]
    public OciCpu? Cpu { get; init; }

    /// <summary>The process-count limit.</summary>
    [JsonPropertyName("pids")]
    public OciPids? Pids { get; init; }

    /// <summary>Block I/O limits.</summary>
    [JsonPropertyName("blockIO")]
    public OciBlockIo? BlockIo { get; init; }

    /// <summary>Huge page limits.</summary>
    [JsonPropertyName("hugepageLimits")]
    public IReadOnlyList<OciHugepageLimit>? HugepageLimits { get; init; }

    /// <summary>Network class and priorities.</summary>
    [JsonPropertyName("network")]
    public OciNetwork? Network { get; init; }
}
