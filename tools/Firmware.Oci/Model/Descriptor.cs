using System.Text.Json.Serialization;

namespace Firmware.Oci.Model;

/// <summary>
/// A content descriptor (image-spec 1.1, descriptor.md): what a blob is, its digest and its exact
/// size. The size is what bounds every read of the blob before it starts.
/// </summary>
public sealed record Descriptor
{
    /// <summary>The media type of the referenced content.</summary>
    [JsonPropertyName("mediaType")]
    public required string MediaType { get; init; }

    /// <summary>The digest of the referenced content.</summary>
    [JsonPropertyName("digest")]
    public required Digest Digest { get; init; }

    /// <summary>The size in bytes of the referenced content.</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    /// <summary>Alternative locations of the content (rarely used; never fetched by this toolkit).</summary>
    [JsonPropertyName("urls")]
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>Annotations, such as <c>org.opencontainers.image.ref.name</c> in a layout's index.json.</summary>
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The platform of a manifest listed in an index.</summary>
    [JsonPropertyName("platform")]
    public Platform? Platform { get; init; }

    /// <summary>The artifact type of an artifact manifest (image-spec 1.1).</summary>
    [JsonPropertyName("artifactType")]
    public string? ArtifactType { get; init; }

    /// <summary>The tag an OCI layout's index.json gives this entry (<c>org.opencontainers.image.ref.name</c>), if any.</summary>
    [JsonIgnore]
    public string? RefName => Annotations is not null && Annotations.TryGetValue(RefNameAnnotation, out var name) ? name : null;

    /// <summary>The annotation key that names an entry in a layout's index.json.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";
}
