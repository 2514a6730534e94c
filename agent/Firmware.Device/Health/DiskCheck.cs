using Firmware.Device.Telemetry;

namespace Firmware.Device.Health;

/// <summary>Passes when the file system holding a mount has at least the minimum free (statvfs f_bavail).</summary>
public sealed class DiskCheck(IFileSystemStats disks, string mount, long minFree) : IHealthCheck
{
    /// <inheritdoc/>
    public string Name => $"disk:{mount}";

    /// <inheritdoc/>
    public Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(
        disks.TryGetSpace(mount, out _, out var free)
            ? new HealthCheckResult(Name, free >= minFree, $"{MemoryCheck.Mib(free)} MiB free, need {MemoryCheck.Mib(minFree)}")
            : new HealthCheckResult(Name, false, $"{mount} is not mounted or cannot be queried"));
}
