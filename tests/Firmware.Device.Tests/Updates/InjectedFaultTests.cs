using System.Security.Cryptography;
using Firmware.Device.Boot;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Updates;

/// <summary>Faults of the disk under the inactive slot end the update cleanly: reported once, nothing armed, the old slot intact.</summary>
[Trait("Category", "Unit")]
public sealed class InjectedFaultTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private async Task<(SimulatedDevice Device, OutboxEntry Outcome)> InstallAsync(int payloadSize, Action<SimulatedDisk> breakDisk)
    {
        var device = new SimulatedDevice { NewImage = TestBundles.Image(payloadSize, 5) };
        var path = _scratch.Of("update.fwb");
        await File.WriteAllBytesAsync(path, TestBundles.Bundle(device.NewImage));
        breakDisk(device.Disk);
        var engine = device.Engine();
        engine.Offer(new FileBundleSource(path));

        Assert.Equal(EngineStop.Idle, await engine.RunAsync());

        Assert.Equal(new BootState(SlotName.A, null, 0), device.Bootloader.Read());
        Assert.Equal(device.FactoryDigest, SHA256.HashData(device.Disk.Content(SimulatedDevice.SlotA)));
        Assert.Equal(SlotName.A, device.PowerOn());
        Assert.Empty(device.Violations);
        var outcome = Assert.Single(device.Reporter.Deliveries);
        Assert.Equal(UpdateOutcome.Failed, outcome.Outcome);
        return (device, outcome);
    }

    [Fact]
    public async Task A_full_disk_fails_at_once()
    {
        var (device, outcome) = await InstallAsync(40_000, disk => disk.Break(SimulatedDevice.SlotB, DiskFault.NoSpace));

        Assert.Equal(UpdateError.NoSpace, outcome.ErrorCode);
        Assert.Equal(0, device.Engine().Checkpoint.Update!.Attempts);
    }

    [Fact]
    public async Task Write_errors_are_retried_then_reported()
    {
        var (device, outcome) = await InstallAsync(40_000, disk => disk.Break(SimulatedDevice.SlotB, DiskFault.WriteError));

        Assert.Equal(UpdateError.RetriesExhausted, outcome.ErrorCode);
        Assert.Contains("Input/output error", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(device.Options.MaxAttempts, device.Engine().Checkpoint.Update!.Attempts);
    }

    [Fact]
    public async Task A_failing_fsync_of_the_slot_is_retried_then_reported()
    {
        var (_, outcome) = await InstallAsync(40_000, disk => disk.Break(SimulatedDevice.SlotB, DiskFault.SyncFailure));

        Assert.Equal(UpdateError.RetriesExhausted, outcome.ErrorCode);
        Assert.Contains("fsync", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_larger_than_the_slot_is_refused_with_0_bytes_written()
    {
        var (device, outcome) = await InstallAsync(SimulatedDevice.DefaultSlotSize + 1, _ => { });

        Assert.Equal(UpdateError.SlotTooSmall, outcome.ErrorCode);
        Assert.Equal(0, device.Disk.BytesWritten.GetValueOrDefault(SimulatedDevice.SlotB));
    }

    [Fact]
    public async Task A_transient_write_error_passes_on_retry()
    {
        var device = new SimulatedDevice { NewImage = TestBundles.Image(40_000, 5) };
        var path = _scratch.Of("update.fwb");
        await File.WriteAllBytesAsync(path, TestBundles.Bundle(device.NewImage));
        device.Disk.Break(SimulatedDevice.SlotB, DiskFault.WriteError, times: 1);
        var engine = device.Engine();
        engine.Offer(new FileBundleSource(path));

        Assert.Equal(EngineStop.RebootRequested, await engine.RunAsync());
        Assert.Equal(1, engine.Checkpoint.Update!.Attempts);
        Assert.Equal(new BootState(SlotName.A, SlotName.B, device.Options.TrialTries), device.Bootloader.Read());
    }
}
