namespace Firmware.Device.Telemetry;

/// <summary>The load averages of <c>/proc/loadavg</c>.</summary>
/// <param name="One">Over 1 minute.</param>
/// <param name="Five">Over 5 minutes.</param>
/// <param name="Fifteen">Over 15 minutes.</param>
public readonly record struct LoadAverage(double One, double Five, double Fifteen);

/// <summary>Memory, in bytes.</summary>
/// <param name="TotalBytes">MemTotal.</param>
/// <param name="AvailableBytes">MemAvailable: what can be allocated without swapping.</param>
public readonly record struct MemoryUsage(long TotalBytes, long AvailableBytes);

/// <summary>Space on one mount, in bytes.</summary>
/// <param name="Mount">The mount as configured.</param>
/// <param name="TotalBytes">The file system's size.</param>
/// <param name="FreeBytes">Space available to unprivileged writers (statvfs f_bavail).</param>
public sealed record DiskUsage(string Mount, long TotalBytes, long FreeBytes);

/// <summary>One thermal zone.</summary>
/// <param name="Zone">The zone's directory name (<c>thermal_zone0</c>).</param>
/// <param name="Type">What it measures, as the driver names it (<c>cpu-thermal</c>), or null.</param>
/// <param name="Celsius">The temperature.</param>
public sealed record ThermalReading(string Zone, string? Type, double Celsius);

/// <summary>One network interface's counters since boot.</summary>
/// <param name="Interface">The interface name.</param>
/// <param name="RxBytes">Bytes received.</param>
/// <param name="RxPackets">Packets received.</param>
/// <param name="RxErrors">Receive errors.</param>
/// <param name="RxDropped">Received packets dropped.</param>
/// <param name="TxBytes">Bytes sent.</param>
/// <param name="TxPackets">Packets sent.</param>
/// <param name="TxErrors">Transmit errors.</param>
/// <param name="TxDropped">Packets dropped on transmit.</param>
public sealed record NetworkCounters(string Interface, long RxBytes, long RxPackets, long RxErrors, long RxDropped, long TxBytes, long TxPackets, long TxErrors, long TxDropped);

/// <summary>What the update engine knows and telemetry reports: taken as inputs, not read here.</summary>
/// <param name="Slot">The slot running.</param>
/// <param name="Version">The firmware version running.</param>
/// <param name="BootCount">The engine's boot counter.</param>
public sealed record EngineFacts(Slots.SlotName Slot, string Version, long BootCount);
