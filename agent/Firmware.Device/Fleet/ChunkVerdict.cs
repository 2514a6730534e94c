namespace Firmware.Device.Fleet;

/// <summary>What a download did with a chunk message.</summary>
public enum ChunkVerdict
{
    /// <summary>Checked and written; its bit is durable.</summary>
    Accepted = 0,

    /// <summary>Already in: dropped, not written again.</summary>
    Duplicate = 1,

    /// <summary>Another bundle, a bad index, too large, a digest mismatch, or a header that does not verify: dropped.</summary>
    Refused = 2,
}
