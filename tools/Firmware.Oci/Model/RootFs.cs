using System.Text.Json.Serialization;

namespace Firmware.Oci.Model;

/// <summary>The <c>rootfs</c> of an image config: the uncompressed layers' digests.</summary>
public sealed record RootFs
{
    /// <summary>Always <c>layers</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The SHA-256 of each layer's uncompressed tar, in layer order.</summary>
    [JsonPropertyName("diff_ids")]
    public required IReadOnlyList<Digest> DiffIds { get; init; }
}
