namespace Firmware.Bench.Serial;

/// <summary>How a <see cref="SerialConsole"/> keeps what it reads.</summary>
public sealed record SerialConsoleOptions
{
    /// <summary>The capture's size when none is given: a full verbose boot log fits many times over.</summary>
    public const int DefaultCaptureBytes = 4 << 20;

    /// <summary>How many of the most recent bytes stay in memory for marker matching and snapshots.</summary>
    public int CaptureBytes { get; init; } = DefaultCaptureBytes;

    /// <summary>
    /// Streams that receive every byte as it arrives (a log file, standard output), written and
    /// flushed from the reading thread. The caller owns and disposes them, after the console.
    /// </summary>
    public IReadOnlyList<Stream> CopyTo { get; init; } = [];
}
