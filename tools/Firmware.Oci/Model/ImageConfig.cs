using System.Text.Json.Serialization;

namespace Firmware.Oci.Model;

/// <summary>
/// An image config (image-spec 1.1, config.md), also the shape of a Docker image config: the
/// platform, the defaults a runtime uses to start a container, and the layers' diff IDs.
/// </summary>
public sealed record ImageConfig
{
    /// <summary>When the image was created (RFC 3339); written from SOURCE_DATE_EPOCH for reproducible builds.</summary>
    [JsonPropertyName("created")]
    public string? Created { get; init; }

    /// <summary>Who made the image.</summary>
    [JsonPropertyName("author")]
    public string? Author { get; init; }

    /// <summary>The CPU architecture (GOARCH).</summary>
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    /// <summary>The operating system (GOOS).</summary>
    [JsonPropertyName("os")]
    public required string Os { get; init; }

    /// <summary>The CPU variant.</summary>
    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    /// <summary>The container defaults.</summary>
    [JsonPropertyName("config")]
    public ContainerConfig? Config { get; init; }

    /// <summary>The uncompressed layers' digests, in layer order.</summary>
    [JsonPropertyName("rootfs")]
    public required RootFs RootFs { get; init; }

    /// <summary>How each layer was made.</summary>
    [JsonPropertyName("history")]
    public IReadOnlyList<HistoryEntry>? History { get; init; }

    /// <summary>The platform this config describes.</summary>
    [JsonIgnore]
    public Platform Platform => new() { Os = Os, Architecture = Architecture, Variant = Variant };
}
