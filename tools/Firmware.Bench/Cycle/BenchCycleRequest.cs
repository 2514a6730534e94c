namespace Firmware.Bench.Cycle;

/// <summary>What a bench cycle should wait for and how.</summary>
public sealed record BenchCycleRequest
{
    /// <summary>The text on the console that means the board booted (a login prompt, a service's banner).</summary>
    public required string Marker { get; init; }

    /// <summary>How long after power-on the marker may take.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Read the flashed target back and compare.</summary>
    public bool Verify { get; init; } = true;

    /// <summary>The console log file, when one is kept (it goes into the report).</summary>
    public string? LogPath { get; init; }
}
