using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Tests.Sources;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Updates;

/// <summary>
/// Bundles from sources that cannot be read in place (HTTP, a one-shot stream) are copied to the
/// data partition first; the copy resumes with a Range request after a crash, from the last
/// point it synced, and a one-shot stream interrupted part-way fails cleanly.
/// </summary>
[Trait("Category", "Unit")]
public sealed class StagedInstallTests : IDisposable
{
    private const int SlotSize = 1 << 20;
    private readonly byte[] _image = TestBundles.Image(900_000, 11);
    private readonly byte[] _bundle;
    private readonly LoopbackBundleServer _server;
    private readonly HttpClient _http = new();

    public StagedInstallTests()
    {
        _bundle = TestBundles.Bundle(_image);
        _server = new LoopbackBundleServer(_bundle);
    }

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
    }

    private SimulatedDevice Device() => new(slotSize: SlotSize)
    {
        NewImage = _image,
        Options = new SimulatedDevice(slotSize: SlotSize).Options with { DownloadSyncInterval = 64 << 10 },
    };

    private static async Task CompleteTrialAsync(SimulatedDevice device)
    {
        device.PowerOn();
        Assert.Equal(EngineStop.Idle, await device.Engine().RunAsync());
        Assert.Equal(SlotName.B, device.Booted);
        Assert.Equal(UpdateOutcome.Committed, Assert.Single(device.Reporter.Deliveries).Outcome);
        Assert.Empty(device.Violations);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_download_interrupted_by_a_crash_resumes_from_its_last_sync_with_a_range_request(bool powerCut)
    {
        var device = Device();
        device.Disk.Break("bundle.staged", DiskFault.Crash, times: 1, after: 12);
        var engine = device.Engine();
        engine.Offer(new HttpBundleSource(_server.Uri, _http));

        await Assert.ThrowsAsync<SimulatedCrash>(() => engine.RunAsync());
        device.Disk.Restart(powerCut, new Random(1));
        var resumed = device.Engine();
        var from = resumed.Checkpoint.Update!.Downloaded;
        Assert.Equal(UpdateStateName.Downloading, resumed.Checkpoint.Update.State);
        Assert.True(from > 0, "no progress was checkpointed before the crash");
        Assert.Equal(EngineStop.RebootRequested, await resumed.RunAsync());

        Assert.Equal(["", $"bytes={from}-"], _server.Ranges);
        Assert.False(device.Disk.Exists("bundle.staged") && device.Engine().Checkpoint.Update!.Finished);
        await CompleteTrialAsync(device);
        Assert.False(device.Disk.Exists("bundle.staged"));
    }

    [Fact]
    public async Task A_bundle_over_http_with_a_dropped_connection_installs()
    {
        _server.Drops.Enqueue(300_000);
        var device = Device();
        var engine = device.Engine();
        engine.Offer(new HttpBundleSource(_server.Uri, _http));

        Assert.Equal(EngineStop.RebootRequested, await engine.RunAsync());

        Assert.Equal(["", "bytes=300000-"], _server.Ranges);
        await CompleteTrialAsync(device);
    }

    [Fact]
    public async Task A_bundle_from_a_stream_installs()
    {
        var device = Device();
        var engine = device.Engine();
        engine.Offer(new StreamBundleSource(new MemoryStream(_bundle)));

        Assert.Equal(EngineStop.RebootRequested, await engine.RunAsync());

        await CompleteTrialAsync(device);
    }

    [Fact]
    public async Task A_stream_interrupted_by_a_crash_fails_cleanly_with_nothing_written_to_the_slot()
    {
        var device = Device();
        device.Disk.Break("bundle.staged", DiskFault.Crash, times: 1, after: 5);
        var engine = device.Engine();
        engine.Offer(new StreamBundleSource(new MemoryStream(_bundle)));
        await Assert.ThrowsAsync<SimulatedCrash>(() => engine.RunAsync());
        device.Disk.Restart(powerCut: false, new Random(1));

        Assert.Equal(EngineStop.Idle, await device.Engine().RunAsync());

        var outcome = Assert.Single(device.Reporter.Deliveries);
        Assert.Equal((UpdateOutcome.Failed, UpdateError.SourceNotResumable), (outcome.Outcome, outcome.ErrorCode));
        Assert.Equal(0, device.Disk.BytesWritten.GetValueOrDefault(SimulatedDevice.SlotB));
        Assert.False(device.Disk.Exists("bundle.staged"));
    }
}
