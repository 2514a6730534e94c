namespace Firmware.Device.Health;

/// <summary>One health check's result.</summary>
/// <param name="Name">The check's name as configured ("services", "broker", "command:df", "memory", "disk:/data").</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was seen, for the report ("heartbeat exited 3 times", "12 MiB free, need 32").</param>
public sealed record HealthCheckResult(string Name, bool Passed, string Detail);
