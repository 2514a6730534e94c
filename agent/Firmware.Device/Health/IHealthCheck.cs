namespace Firmware.Device.Health;

/// <summary>
/// One health check: a single attempt that reports what it saw. The gate runs it again each round
/// until every check passes in the same round or the gate's deadline passes; the gate cancels an
/// attempt still running at the deadline.
/// </summary>
public interface IHealthCheck
{
    /// <summary>The check's name in reports ("services", "broker", "command:gateway", "memory", "disk:/data").</summary>
    string Name { get; }

    /// <summary>Runs the check once. Expected failures are a failed result, not an exception.</summary>
    Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken);
}
