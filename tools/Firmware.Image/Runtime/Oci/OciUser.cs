using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>The user of a process (config.md, "User").</summary>
public sealed class OciUser
{
    /// <summary>The user id.</summary>
    [JsonPropertyName("uid")]
    public uint Uid { get; init; }

    /// <summary>The group id.</summary>
    [JsonPropertyName("gid")]
    public uint Gid { get; init; }

    /// <summary>Supplementary group ids.</summary>
    [JsonPropertyName("additionalGids")]
    public IReadOnlyList<uint>? AdditionalGids { get; init; }
}
