using System.Text.Json.Serialization;

namespace Firmware.Oci.Model;

/// <summary>
/// One image in a docker-archive's <c>manifest.json</c> (the <c>docker save</c> format): paths,
/// inside the tar, of the config and of each layer, and the tags it was saved under.
/// </summary>
public sealed record DockerArchiveEntry
{
    /// <summary>The config's path in the tar, e.g. <c>HEX.json</c> or <c>blobs/sha256/HEX</c>.</summary>
    [JsonPropertyName("Config")]
    public required string Config { get; init; }

    /// <summary>The tags, e.g. <c>busybox:latest</c>.</summary>
    [JsonPropertyName("RepoTags")]
    public IReadOnlyList<string>? RepoTags { get; init; }

    /// <summary>The layer tars' paths, base first.</summary>
    [JsonPropertyName("Layers")]
    public required IReadOnlyList<string> Layers { get; init; }
}
