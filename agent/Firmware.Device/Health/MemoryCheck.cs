using Firmware.Device.Telemetry;

namespace Firmware.Device.Health;

/// <summary>Passes when /proc/meminfo's MemAvailable is at least the minimum.</summary>
public sealed class MemoryCheck(SystemRoots roots, long minAvailable) : IHealthCheck
{
    private readonly string _meminfo = Path.Combine(roots.Proc, "meminfo");

    /// <inheritdoc/>
    public string Name => "memory";

    /// <inheritdoc/>
    public Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = !new ProcFile().TryRead(_meminfo, out var text) || !ProcParsers.TryParseMemory(text, out var memory)
            ? new HealthCheckResult(Name, false, $"cannot read {_meminfo}")
            : new HealthCheckResult(Name, memory.AvailableBytes >= minAvailable, $"{Mib(memory.AvailableBytes)} MiB available, need {Mib(minAvailable)}");
        return Task.FromResult(result);
    }

    internal static long Mib(long bytes) => bytes >> 20;
}
