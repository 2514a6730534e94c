using Firmware.Device.Telemetry;

namespace Firmware.Device.Health;

/// <summary>The OS behind the health checks, injected so tests can stand in for each part.</summary>
/// <param name="Roots">procfs and sysfs.</param>
/// <param name="Disks">statvfs.</param>
/// <param name="Services">Reads the init's status file at a path.</param>
/// <param name="Broker">Connects to the broker.</param>
/// <param name="Commands">Runs commands.</param>
/// <param name="Clock">Deadlines and pauses.</param>
public sealed record HealthEnvironment(SystemRoots Roots, IFileSystemStats Disks, Func<string, IServiceStatusSource> Services, IBrokerProbe Broker, ICommandRunner Commands, TimeProvider Clock)
{
    /// <summary>The running system's.</summary>
    public static HealthEnvironment Host { get; } = new(SystemRoots.Host, new StatvfsFileSystemStats(), path => new ServiceStatusFile(path), new TcpBrokerProbe(), new ProcessCommandRunner(), TimeProvider.System);
}
