namespace Firmware.Fleet;

/// <summary>The MQTT 5 user properties of a <c>chunks/res</c> message (docs/protocol.md section 4).</summary>
public static class ChunkProperties
{
    /// <summary>The bundle id (hex SHA-256 of its manifest).</summary>
    public const string Bundle = "bundle";

    /// <summary>The chunk index, decimal; -1 for the bundle header.</summary>
    public const string Index = "index";

    /// <summary>Hex SHA-256 of the message payload.</summary>
    public const string Sha256 = "sha256";

    /// <summary>The content type of a chunk message.</summary>
    public const string ContentType = "application/octet-stream";
}
