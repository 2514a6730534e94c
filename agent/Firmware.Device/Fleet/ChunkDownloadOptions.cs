namespace Firmware.Device.Fleet;

/// <summary>The window and timeouts of a chunk download (docs/protocol.md section 4).</summary>
public sealed record ChunkDownloadOptions
{
    /// <summary>Chunks requested and unanswered at most.</summary>
    public int Window { get; init; } = 8;

    /// <summary>A request unanswered this long is asked again.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No chunk accepted for this long: the download fails (transient), and the engine retries it from the bitmap.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How often the download looks at its timers when no chunk arrives.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);
}
