namespace Firmware.Fleet.Controller.Devices;

/// <summary>What a telemetry sample must show for the device to count as healthy (during a rollout's soak above all).</summary>
public sealed record HealthLimits
{
    /// <summary>Least share of memory available (MemAvailable / MemTotal).</summary>
    public double MinMemoryAvailable { get; init; } = 0.05;

    /// <summary>Least share of free space on every reported mount.</summary>
    public double MinDiskFree { get; init; } = 0.05;

    /// <summary>Hottest thermal zone allowed, in degrees Celsius.</summary>
    public double MaxCelsius { get; init; } = 90;

    /// <summary>Highest CPU share allowed (a busy loop after an update is a regression).</summary>
    public double MaxCpuPercent { get; init; } = 98;
}
