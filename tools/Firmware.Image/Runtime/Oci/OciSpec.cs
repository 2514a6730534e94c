using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>The OCI runtime configuration, config.json (runtime-spec v1.0.2, config.md).</summary>
public sealed class OciSpec
{
    /// <summary>The runtime-spec version the document follows.</summary>
    [JsonPropertyName("ociVersion")]
    public required string OciVersion { get; init; }

    /// <summary>The container's process.</summary>
    [JsonPropertyName("process")]
    public OciProcess? Process { get; init; }

    /// <summary>The root filesystem.</summary>
    [JsonPropertyName("root")]
    public OciRoot? Root { get; init; }

    /// <summary>The hostname in a new UTS namespace.</summary>
    [JsonPropertyName("hostname")]
    public string? Hostname { get; init; }

    /// <summary>Mounts, in order.</summary>
    [JsonPropertyName("mounts")]
    public IReadOnlyList<OciMount>? Mounts { get; init; }

    /// <summary>Arbitrary metadata.</summary>
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Linux-specific settings (config-linux.md).</summary>
    [JsonPropertyName("linux")]
    public OciLinux? Linux { get; init; }
}
