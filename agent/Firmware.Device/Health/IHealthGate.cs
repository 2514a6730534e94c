namespace Firmware.Device.Health;

/// <summary>
/// Decides whether a trial boot is healthy enough to commit. The update engine calls it once the
/// trial slot has booted; the implementation runs every check configured in agent.yml and gives a
/// verdict within its own deadline (a check that has not passed by then has failed).
/// </summary>
public interface IHealthGate
{
    /// <summary>Runs the checks and returns the verdict. Cancellation means the agent is stopping,
    /// not that the device is unhealthy: it throws <see cref="OperationCanceledException"/>.</summary>
    Task<HealthVerdict> CheckAsync(CancellationToken cancellationToken);
}
