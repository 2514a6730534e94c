using Firmware.Device.Boot;
using Firmware.Device.Health;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Simulation;

/// <summary>A health gate whose verdict the test decides.</summary>
internal sealed class DelegateHealthGate(Func<HealthVerdict> verdict) : IHealthGate
{
    public Task<HealthVerdict> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(verdict());
}

/// <summary>A reboot that only records the request: the harness powers the simulated device on again.</summary>
internal sealed class DelegateReboot(Action reboot) : IReboot
{
    public void Restart(string? argument) => reboot();
}

/// <summary>The receiving end of outcome reports (the fleet controller): keeps every delivery.</summary>
internal sealed class RecordingReporter : IOutcomeReporter
{
    public List<OutboxEntry> Deliveries { get; } = [];

    /// <summary>When set, deliveries fail with this exception (the network is down).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Runs before each delivery: a simulated device throws here once its process is dead.</summary>
    public Action BeforeDelivery { get; set; } = () => { };

    public Task ReportAsync(OutboxEntry outcome, CancellationToken cancellationToken)
    {
        BeforeDelivery();
        if (Failure is { } failure)
        {
            throw failure;
        }

        Deliveries.Add(outcome);
        return Task.CompletedTask;
    }

    /// <summary>The outcomes as a receiver that drops repeats by id sees them.</summary>
    public IReadOnlyList<OutboxEntry> Received => Deliveries.DistinctBy(d => d.Id).ToList();
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
