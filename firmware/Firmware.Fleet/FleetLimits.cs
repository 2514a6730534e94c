namespace Firmware.Fleet;

/// <summary>The limits of docs/protocol.md section 7, checked by both ends.</summary>
public static class FleetLimits
{
    /// <summary>The schema number this library reads and writes for every payload.</summary>
    public const int Schema = 1;

    /// <summary>Longest device id, job id, rollout id, version or name.</summary>
    public const int MaxName = 64;

    /// <summary>Longest topic prefix.</summary>
    public const int MaxPrefix = 64;

    /// <summary>Largest <c>state</c>, <c>progress</c> or chunk request payload.</summary>
    public const int MaxSmallPayload = 4 << 10;

    /// <summary>Largest <c>job</c> payload.</summary>
    public const int MaxJobPayload = 16 << 10;

    /// <summary>Largest <c>telemetry</c> payload.</summary>
    public const int MaxTelemetryPayload = 256 << 10;

    /// <summary>Most samples in one <c>telemetry</c> message.</summary>
    public const int MaxSamples = 64;

    /// <summary>Most tags in a birth message.</summary>
    public const int MaxTags = 32;

    /// <summary>Largest chunk message (<c>bundle.chunkSize</c> may not exceed it).</summary>
    public const int MaxChunkSize = 8 << 20;

    /// <summary>Largest bundle header message (index -1).</summary>
    public const int MaxHeaderSize = 16 << 20;

    /// <summary>Most chunks in one bundle.</summary>
    public const int MaxChunks = 1 << 20;

    /// <summary>Largest bundle.</summary>
    public const long MaxBundleSize = 1L << 40;

    /// <summary>Most indices in one chunk request.</summary>
    public const int MaxWant = 64;

    /// <summary>Longest error detail in a progress report.</summary>
    public const int MaxErrorDetail = 1024;

    /// <summary>The index of the bundle header in chunk requests and responses.</summary>
    public const int HeaderIndex = -1;
}
