using Firmware.Device.Boot;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Runtime;

/// <summary>The runtime with no broker: it resumes the engine after the reboot, runs the health gate, and samples telemetry into the ring.</summary>
[Trait("Category", "Integration")]
public sealed class OfflineRuntimeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task After_the_reboot_the_trial_passes_the_gate_commits_and_is_reported_once_to_the_journal()
    {
        var device = new RuntimeDevice(_scratch.Path, "dev-1", broker: null);
        var image = TestBundles.Image(200_000, 4);
        await File.WriteAllBytesAsync(_scratch.Of("update.fwb"), TestBundles.Bundle(image));
        var engine = Offline(device);
        engine.Offer(new FileBundleSource(_scratch.Of("update.fwb")), "local-1");
        Assert.Equal(EngineStop.RebootRequested, await engine.RunAsync());
        Assert.Equal([null], device.Reboot.Restarts);

        Assert.Equal(SlotName.B, device.PowerOn());
        await using (var running = device.Start())
        {
            var ready = await running.Runtime.Ready.WaitAsync(Timeout);
            Assert.Contains("slot B", ready);
            await Until(() => device.Boot.Read().Primary == SlotName.B && running.Runtime.Engine.Checkpoint.Outbox.Any(e => e.Acknowledged), "the commit");
            await Until(() => Ring(running) > 0, "a telemetry sample");
        }

        Assert.Equal(image, File.ReadAllBytes(device.Slot(SlotName.B))[..image.Length]);
        var journal = File.ReadAllLines(Path.Combine(device.DataDirectory, "outcomes.jsonl"));
        Assert.Single(journal);
        Assert.Contains("\"local-1\"", journal[0]);
        Assert.Contains("Committed", journal[0]);

        // A restart of the agent (no reboot) changes nothing and reports nothing again.
        await using (var again = device.Start())
        {
            await again.Runtime.Ready.WaitAsync(Timeout);
        }

        Assert.Single(File.ReadAllLines(Path.Combine(device.DataDirectory, "outcomes.jsonl")));
    }

    [Fact]
    public async Task An_unhealthy_trial_reverts_and_the_old_slot_boots_again()
    {
        var device = new RuntimeDevice(_scratch.Path, "dev-1", broker: null) { Healthy = false };
        await File.WriteAllBytesAsync(_scratch.Of("update.fwb"), TestBundles.Bundle(TestBundles.Image(100_000, 5)));
        var engine = Offline(device);
        engine.Offer(new FileBundleSource(_scratch.Of("update.fwb")), "local-2");
        Assert.Equal(EngineStop.RebootRequested, await engine.RunAsync());
        var factory = File.ReadAllBytes(device.Slot(SlotName.A));

        Assert.Equal(SlotName.B, device.PowerOn());
        await using (var trial = device.Start())
        {
            await trial.Runtime.RebootRequested.WaitAsync(Timeout);
        }

        Assert.Equal(SlotName.A, device.PowerOn());
        await using (var back = device.Start())
        {
            await Until(() => back.Runtime.Engine.Checkpoint.Outbox.Any(e => e.Acknowledged), "the outcome");
            Assert.Equal(UpdateOutcome.RolledBack, back.Runtime.Engine.Checkpoint.Outbox.Single().Outcome);
        }

        Assert.Equal(factory, File.ReadAllBytes(device.Slot(SlotName.A)));
        Assert.Equal(new BootState(SlotName.A, null, 0), device.Boot.Read());
    }

    /// <summary>The engine a local command (`fwagent install`) builds over the same composition, before the daemon runs.</summary>
    private static UpdateEngine Offline(RuntimeDevice device) => device.Compose().Engine();

    private static int Ring(RuntimeDevice.Running running) => running.Runtime.TelemetryBuffered;

    private static Task Until(Func<bool> condition, string what) => Eventually.Until(condition, what, Timeout);
}
