using System.Text.Json.Serialization;

namespace Firmware.Oci.Model;

/// <summary>The <c>oci-layout</c> file at the root of an image layout (image-spec 1.1, image-layout.md).</summary>
public sealed record LayoutMarker
{
    /// <summary>The version this toolkit writes and reads.</summary>
    public const string CurrentVersion = "1.0.0";

    /// <summary>The layout version.</summary>
    [JsonPropertyName("imageLayoutVersion")]
    public required string ImageLayoutVersion { get; init; }
}
