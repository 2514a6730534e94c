using System.Text.Json.Serialization;

namespace Firmware.Oci.Model;

/// <summary>One entry of an image config's history.</summary>
public sealed record HistoryEntry
{
    /// <summary>When the layer was made.</summary>
    [JsonPropertyName("created")]
    public string? Created { get; init; }

    /// <summary>What made it.</summary>
    [JsonPropertyName("created_by")]
    public string? CreatedBy { get; init; }

    /// <summary>A comment.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    /// <summary>True when the step made no layer.</summary>
    [JsonPropertyName("empty_layer")]
    public bool? EmptyLayer { get; init; }
}
