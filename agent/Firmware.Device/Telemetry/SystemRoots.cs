namespace Firmware.Device.Telemetry;

/// <summary>
/// Where procfs and sysfs are mounted. The agent's container sees the host's at the usual places;
/// tests point both at directories of captured files.
/// </summary>
/// <param name="Proc">procfs, normally <c>/proc</c>.</param>
/// <param name="Sys">sysfs, normally <c>/sys</c>.</param>
public sealed record SystemRoots(string Proc, string Sys)
{
    /// <summary>The running system's.</summary>
    public static SystemRoots Host { get; } = new("/proc", "/sys");
}
