using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A mount (config.md, "Mounts").</summary>
public sealed class OciMount
{
    /// <summary>The absolute path inside the container.</summary>
    [JsonPropertyName("destination")]
    public required string Destination { get; init; }

    /// <summary>The filesystem type.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The device, directory or pseudo-filesystem name.</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>Mount options, as fstab writes them.</summary>
    [JsonPropertyName("options")]
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>User id mappings of an idmapped mount (runtime-spec 1.1).</summary>
    [JsonPropertyName("uidMappings")]
    public IReadOnlyList<OciIdMapping>? UidMappings { get; init; }

    /// <summary>Group id mappings of an idmapped mount (runtime-spec 1.1).</summary>
    [JsonPropertyName("gidMappings")]
    public IReadOnlyList<OciIdMapping>? GidMappings { get; init; }
}
