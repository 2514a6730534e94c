using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>A huge page limit (config-linux.md, "Huge page limits").</summary>
public sealed class OciHugepageLimit
{
    /// <summary>The page size, such as 2MB.</summary>
    [JsonPropertyName("pageSize")]
    public required string PageSize { get; init; }

    /// <summary>The limit in bytes.</summary>
    [JsonPropertyName("limit")]
    public ulong Limit { get; init; }
}
