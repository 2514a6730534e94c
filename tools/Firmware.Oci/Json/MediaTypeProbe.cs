using System.Text.Json.Serialization;

namespace Firmware.Oci.Json;

/// <summary>
/// The fields that tell an index from a manifest before parsing either: the media type when the
/// document states it, else whether it lists manifests or has a config.
/// </summary>
internal sealed record MediaTypeProbe
{
    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("manifests")]
    public System.Text.Json.JsonElement? Manifests { get; init; }

    [JsonPropertyName("config")]
    public System.Text.Json.JsonElement? Config { get; init; }
}
