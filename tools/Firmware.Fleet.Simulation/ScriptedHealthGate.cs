using Firmware.Device.Health;

namespace Firmware.Fleet.Simulation;

/// <summary>A virtual device's health gate: a trial fails with the configured probability, drawn from the device's own seeded random source.</summary>
internal sealed class ScriptedHealthGate(Random random, double failure) : IHealthGate
{
    public Task<HealthVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        bool healthy;
        lock (random)
        {
            healthy = random.NextDouble() >= failure;
        }

        return Task.FromResult(new HealthVerdict([new HealthCheckResult("simulated", healthy, healthy ? "passes" : $"fails (--fail-health {failure})")]));
    }
}
