using Firmware.Device.Health;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Updates;

[Trait("Category", "Unit")]
public sealed class UpdateEngineTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private (SimulatedDevice Device, FileBundleSource Source) Prepare(Action<SimulatedDevice>? configure = null)
    {
        var device = new SimulatedDevice();
        device.NewImage = TestBundles.Image(40_000, 99);
        var path = _scratch.Of("update.fwb");
        File.WriteAllBytes(path, TestBundles.Bundle(device.NewImage));
        configure?.Invoke(device);
        return (device, new FileBundleSource(path));
    }

    [Fact]
    public async Task Installs_reboots_into_the_trial_commits_and_reports_once()
    {
        var (device, source) = Prepare();
        var engine = device.Engine();
        var id = engine.Offer(source);

        Assert.Equal(EngineStop.RebootRequested, await engine.RunAsync());
        Assert.Equal(UpdateStateName.Rebooting, engine.Checkpoint.Update!.State);
        device.PowerOn();
        var trial = device.Engine();
        Assert.Equal(EngineStop.Idle, await trial.RunAsync());

        Assert.Equal(SlotName.B, device.Booted);
        var outcome = Assert.Single(device.Reporter.Deliveries);
        Assert.Equal((id, UpdateOutcome.Committed, "1.1.0", SlotName.B), (outcome.Id, outcome.Outcome, outcome.Version, outcome.Slot));
        Assert.Equal(new Firmware.Device.Boot.BootState(SlotName.B, null, 0), device.Bootloader.Read());
        Assert.Equal("1.1.0", trial.Checkpoint.Device.InstalledVersion);
        Assert.True(trial.Checkpoint.Outbox.Single().Acknowledged);
        Assert.Empty(device.Violations);

        // Running again reports nothing more.
        Assert.Equal(EngineStop.Idle, await device.Engine().RunAsync());
        Assert.Single(device.Reporter.Deliveries);
    }

    [Fact]
    public async Task An_unhealthy_trial_reboots_into_the_old_slot_and_reports_a_rollback()
    {
        var (device, source) = Prepare(d => d.Health = () => new HealthVerdict([new HealthCheckResult("services", false, "heartbeat exited 3 times")]));
        var engine = device.Engine();
        engine.Offer(source);
        await engine.RunAsync();
        device.PowerOn();

        Assert.Equal(EngineStop.RebootRequested, await device.Engine().RunAsync());
        device.PowerOn();
        Assert.Equal(SlotName.A, device.Booted);
        Assert.Equal(EngineStop.Idle, await device.Engine().RunAsync());

        var outcome = Assert.Single(device.Reporter.Deliveries);
        Assert.Equal(UpdateOutcome.RolledBack, outcome.Outcome);
        Assert.Equal(UpdateError.Unhealthy, outcome.ErrorCode);
        Assert.Contains("heartbeat exited 3 times", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(new Firmware.Device.Boot.BootState(SlotName.A, null, 0), device.Bootloader.Read());
        Assert.Empty(device.Violations);
    }

    [Fact]
    public async Task A_new_slot_that_crashes_at_every_boot_falls_back_within_the_tries_and_is_reported()
    {
        var (device, source) = Prepare(d => d.NewSlotCrashes = true);
        var engine = device.Engine();
        engine.Offer(source);
        await engine.RunAsync();

        device.BootUntilAgentRuns();
        Assert.Equal(EngineStop.Idle, await device.Engine().RunAsync());

        Assert.Equal([SlotName.A, SlotName.B, SlotName.B, SlotName.B, SlotName.A], device.Boots);
        var outcome = Assert.Single(device.Reporter.Deliveries);
        Assert.Equal((UpdateOutcome.RolledBack, UpdateError.TrialBootFailed, SlotName.A), (outcome.Outcome, outcome.ErrorCode, outcome.Slot));
        Assert.Null(device.Bootloader.Read().Trial);
        Assert.Empty(device.Violations);
    }
}
