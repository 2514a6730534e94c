using Firmware.Device.Slots;

namespace Firmware.Device.Telemetry;

/// <summary>
/// One telemetry sample (docs/agent.md, "Telemetry"): small, flat, serialized with
/// <see cref="TelemetryJsonContext"/>. Readings the device does not have are null or empty and
/// are left out of the JSON.
/// </summary>
public sealed record TelemetrySample
{
    /// <summary>The schema version of this record's JSON.</summary>
    public const int CurrentSchema = 1;

    /// <summary>The schema version, <see cref="CurrentSchema"/>.</summary>
    public int Schema { get; init; } = CurrentSchema;

    /// <summary>When the sample was taken (UTC).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The device's id from agent.yml.</summary>
    public required string Device { get; init; }

    /// <summary>The slot the device is running from.</summary>
    public required SlotName Slot { get; init; }

    /// <summary>The firmware version running.</summary>
    public required string Version { get; init; }

    /// <summary>How many times the device has booted, as the update engine counts.</summary>
    public required long BootCount { get; init; }

    /// <summary>Seconds since the kernel booted.</summary>
    public double? UptimeSeconds { get; init; }

    /// <summary>CPU busy share since the previous sample, 0-100; null on the first sample.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public LoadAverage? Load { get; init; }

    /// <summary>Memory.</summary>
    public MemoryUsage? Memory { get; init; }

    /// <summary>Space on each configured mount that exists.</summary>
    public IReadOnlyList<DiskUsage> Disks { get; init; } = [];

    /// <summary>Each thermal zone that reads.</summary>
    public IReadOnlyList<ThermalReading> Thermal { get; init; } = [];

    /// <summary>Counters of each network interface except loopback.</summary>
    public IReadOnlyList<NetworkCounters> Network { get; init; } = [];
}
