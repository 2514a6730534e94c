using Firmware.Device.Health;

namespace Firmware.Agent.Commands;

/// <summary>The operator's decision standing in for the health gate: <c>fwagent commit</c> passes the trial, <c>fwagent rollback</c> fails it.</summary>
internal sealed class OperatorVerdict(bool healthy) : IHealthGate
{
    public Task<HealthVerdict> CheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new HealthVerdict([new HealthCheckResult("operator", healthy, healthy ? "committed by the operator" : "rolled back by the operator")]));
}
