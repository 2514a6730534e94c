namespace Firmware.Device.Telemetry;

/// <summary>Memory, in bytes.</summary>
/// <param name="TotalBytes">MemTotal.</param>
/// <param name="AvailableBytes">MemAvailable: what can be allocated without swapping.</param>
public readonly record struct MemoryUsage(long TotalBytes, long AvailableBytes);
