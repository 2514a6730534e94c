using Firmware.Device.Boot;
using Firmware.Device.Health;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Storage;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;
using Firmware.Device.Updates.Checkpoints;

namespace Firmware.Device.Tests.Updates;

/// <summary>The engine on real files: a data directory, image-file slots, the simulated bootloader's state file and LiteDB on disk.</summary>
[Trait("Category", "Integration")]
public sealed class FileBackedEngineTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static UpdateEngine Engine(DirectoryStorage storage, SimulatedBootloader boot, SlotName booted, RecordingReporter reporter) =>
        Engine(storage, new SlotPair(new StorageSlot(storage, "slot-a.img", SlotName.A, 1 << 20), new StorageSlot(storage, "slot-b.img", SlotName.B, 1 << 20)), boot, booted, reporter);

    /// <summary>An engine over files in <paramref name="storage"/>: a healthy gate, a reboot that does nothing (the test powers on), the fuzz keys' clock.</summary>
    internal static UpdateEngine Engine(DirectoryStorage storage, SlotPair slots, SimulatedBootloader boot, SlotName booted, RecordingReporter reporter) => new(new UpdateDevice
    {
        Storage = storage,
        Checkpoints = new CheckpointStore(storage),
        Slots = slots,
        Boot = boot,
        Booted = booted,
        Health = new DelegateHealthGate(() => new HealthVerdict([])),
        Reboot = new DelegateReboot(() => { }),
        Reporter = reporter,
        Sources = new BundleSources(new HttpClient()),
        Clock = new FixedClock(Firmware.Fuzz.FuzzKeys.Now),
    }, new SimulatedDevice().Options);

    [Fact]
    public async Task Installs_into_an_image_file_and_commits_across_a_restart()
    {
        var storage = new DirectoryStorage(_scratch.Of("data"));
        var image = TestBundles.Image(700_000, 8);
        await File.WriteAllBytesAsync(_scratch.Of("update.fwb"), TestBundles.Bundle(image));
        var boot = new SimulatedBootloader(storage, "boot.state");
        boot.Initialize(SlotName.A);
        var reporter = new RecordingReporter();

        var engine = Engine(storage, boot, boot.PowerOn(), reporter);
        engine.Offer(new FileBundleSource(_scratch.Of("update.fwb")));
        Assert.Equal(EngineStop.RebootRequested, await engine.RunAsync());
        Assert.Equal(EngineStop.Idle, await Engine(storage, boot, boot.PowerOn(), reporter).RunAsync());

        Assert.Equal(image, (await File.ReadAllBytesAsync(storage.PathOf("slot-b.img")))[..image.Length]);
        Assert.Equal(new BootState(SlotName.B, null, 0), boot.Read());
        Assert.Equal(UpdateOutcome.Committed, Assert.Single(reporter.Deliveries).Outcome);
        Assert.True(File.Exists(storage.PathOf("checkpoint-0.db")) && File.Exists(storage.PathOf("checkpoint-1.db")));
    }
}
