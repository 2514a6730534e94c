namespace Firmware.Device.Telemetry;

/// <summary>Space on one mount, in bytes.</summary>
/// <param name="Mount">The mount as configured.</param>
/// <param name="TotalBytes">The file system's size.</param>
/// <param name="FreeBytes">Space available to unprivileged writers (statvfs f_bavail).</param>
public sealed record DiskUsage(string Mount, long TotalBytes, long FreeBytes);
