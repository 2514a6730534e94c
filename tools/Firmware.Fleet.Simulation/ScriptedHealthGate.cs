using Firmware.Device.Health;

namespace Firmware.Fleet.Simulation;

/// <summary>
/// A virtual device's health gate: a trial of one of the failing versions always fails; any other
/// fails with the configured probability, drawn from the device's own seeded random source.
/// </summary>
/// <param name="random">The device's random source (shared with its network faults, hence locked).</param>
/// <param name="options">The failure probability and the failing versions.</param>
/// <param name="trialVersion">The version on trial now, read when the gate runs (after the reboot into it).</param>
internal sealed class ScriptedHealthGate(Random random, SimulationOptions options, Func<string?> trialVersion) : IHealthGate
{
    public Task<HealthVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        if (trialVersion() is { } version && options.FailingVersions.Contains(version))
        {
            return Verdict(false, $"fails (version {version} is set to fail)");
        }

        bool healthy;
        lock (random)
        {
            healthy = random.NextDouble() >= options.FailHealth;
        }

        return Verdict(healthy, healthy ? "passes" : $"fails (--fail-health {options.FailHealth})");
    }

    private static Task<HealthVerdict> Verdict(bool healthy, string detail) =>
        Task.FromResult(new HealthVerdict([new HealthCheckResult("simulated", healthy, detail)]));
}
