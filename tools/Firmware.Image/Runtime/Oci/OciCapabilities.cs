using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>The capability sets of a process (config.md, "Linux Process").</summary>
public sealed class OciCapabilities
{
    /// <summary>The bounding set.</summary>
    [JsonPropertyName("bounding")]
    public required IReadOnlyList<string> Bounding { get; init; }

    /// <summary>The effective set.</summary>
    [JsonPropertyName("effective")]
    public required IReadOnlyList<string> Effective { get; init; }

    /// <summary>The inheritable set.</summary>
    [JsonPropertyName("inheritable")]
    public required IReadOnlyList<string> Inheritable { get; init; }

    /// <summary>The permitted set.</summary>
    [JsonPropertyName("permitted")]
    public required IReadOnlyList<string> Permitted { get; init; }

    /// <summary>The ambient set.</summary>
    [JsonPropertyName("ambient")]
    public required IReadOnlyList<string> Ambient { get; init; }
}
