namespace Firmware.Device.Config;

/// <summary>Telemetry: how often a sample is taken, how many are kept while offline, which mounts are measured.</summary>
/// <param name="Interval">The time between samples.</param>
/// <param name="RingCapacity">How many samples the offline buffer keeps; past it, the oldest is dropped and counted.</param>
/// <param name="Mounts">The mounts whose space each sample reports.</param>
public sealed record TelemetryConfig(TimeSpan Interval, int RingCapacity, IReadOnlyList<string> Mounts)
{
    /// <summary>The interval when agent.yml gives none.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(60);

    /// <summary>A week of samples at the default interval.</summary>
    public const int DefaultRingCapacity = 7 * 24 * 60;
}
