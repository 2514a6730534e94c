using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A device node (config-linux.md, "Devices").</summary>
public sealed class OciDevice
{
    /// <summary>c, b, u or p.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The absolute path inside the container.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>The major number.</summary>
    [JsonPropertyName("major")]
    public long Major { get; init; }

    /// <summary>The minor number.</summary>
    [JsonPropertyName("minor")]
    public long Minor { get; init; }

    /// <summary>The permission bits.</summary>
    [JsonPropertyName("fileMode")]
    public uint? FileMode { get; init; }

    /// <summary>The owner.</summary>
    [JsonPropertyName("uid")]
    public uint? Uid { get; init; }

    /// <summary>The group.</summary>
    [JsonPropertyName("gid")]
    public uint? Gid { get; init; }
}
