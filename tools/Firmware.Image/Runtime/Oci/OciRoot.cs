using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>The container's root filesystem (config.md, "Root").</summary>
public sealed class OciRoot
{
    /// <summary>The path to the root, relative to the bundle.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>Whether the root is mounted read-only.</summary>
    [JsonPropertyName("readonly")]
    public bool Readonly { get; init; }
}
