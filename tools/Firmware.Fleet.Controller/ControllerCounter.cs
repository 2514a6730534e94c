namespace Firmware.Fleet.Controller;

/// <summary>What <see cref="ControllerCounters"/> counts.</summary>
public enum ControllerCounter
{
    /// <summary>Chunk messages sent.</summary>
    ChunksServed,

    /// <summary>Chunk bytes sent.</summary>
    ChunkBytesServed,

    /// <summary>Chunk messages that waited for a token bucket.</summary>
    ChunksDelayed,

    /// <summary>Chunk requests (or indices) answered with nothing.</summary>
    ChunkRequestsRefused,

    /// <summary>Device messages taken.</summary>
    MessagesReceived,

    /// <summary>Device messages dropped: malformed, unknown schema, wrong id, or for no known job.</summary>
    MessagesDropped,

    /// <summary>Progress reports ignored because their seq was not above the last taken: repeats, or reports overtaken by a later one of the same job.</summary>
    StaleProgress,
}
