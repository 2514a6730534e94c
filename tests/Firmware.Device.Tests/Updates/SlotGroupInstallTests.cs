using Firmware.Device.Boot;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Storage;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Updates;

/// <summary>
/// Slots that are groups of targets (a root and a boot partition each, as on a tryboot board), on
/// image files: the payload named for the inactive slot goes to its boot partition with the root,
/// both read back before arming; a bundle whose payloads do not match the group, or that does not
/// fit a target, is refused with nothing written.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SlotGroupInstallTests : IDisposable
{
    private const int RootSize = 1 << 20;
    private const int BootSize = 256 << 10;
    private readonly ScratchDirectory _scratch = new();
    private readonly DirectoryStorage _storage;
    private readonly SimulatedBootloader _boot;
    private readonly RecordingReporter _reporter = new();
    private readonly byte[] _rootfs = TestBundles.Image(300_000, 21);
    private readonly byte[] _bootA = TestBundles.Image(90_000, 22);
    private readonly byte[] _bootB = TestBundles.Image(90_000, 23);

    public SlotGroupInstallTests()
    {
        _storage = new DirectoryStorage(_scratch.Of("data"));
        foreach (var (name, size, seed) in new[] { ("root-a.img", RootSize, 1), ("root-b.img", RootSize, 0), ("boot-a.img", BootSize, 2), ("boot-b.img", BootSize, 0) })
        {
            File.WriteAllBytes(_storage.PathOf(name), seed == 0 ? new byte[size] : TestBundles.Image(size, seed));
        }

        _boot = new SimulatedBootloader(_storage, "boot.state");
        _boot.Initialize(SlotName.A);
    }

    public void Dispose() => _scratch.Dispose();

    private UpdateEngine Engine(SlotName booted, bool bootPartitions = true, int bootSize = BootSize) =>
        FileBackedEngineTests.Engine(_storage, new SlotPair(Group("a", SlotName.A, bootPartitions, bootSize), Group("b", SlotName.B, bootPartitions, bootSize)), _boot, booted, _reporter);

    private SlotGroup Group(string letter, SlotName slot, bool bootPartition, int bootSize) => new(
        new StorageSlot(_storage, $"root-{letter}.img", slot, RootSize),
        bootPartition ? new StorageSlot(_storage, $"boot-{letter}.img", slot, bootSize) : null);

    private byte[] Content(string file) => File.ReadAllBytes(_storage.PathOf(file));

    private async Task<OutboxEntry> InstallAsync(byte[] bundle, bool bootPartitions = true, int bootSize = BootSize)
    {
        await File.WriteAllBytesAsync(_scratch.Of("update.fwb"), bundle);
        var engine = Engine(_boot.PowerOn(), bootPartitions, bootSize);
        engine.Offer(new FileBundleSource(_scratch.Of("update.fwb")));
        if (await engine.RunAsync() == EngineStop.RebootRequested)
        {
            Assert.Equal(EngineStop.Idle, await Engine(_boot.PowerOn(), bootPartitions, bootSize).RunAsync());
        }

        return Assert.Single(_reporter.Deliveries);
    }

    private byte[] TrybootBundle() => TestBundles.Bundle([("rootfs", _rootfs), ("boot-a", _bootA), ("boot-b", _bootB)]);

    [Fact]
    public async Task Slot_B_takes_rootfs_into_its_root_and_boot_b_into_its_boot_partition_and_commits()
    {
        var bootABefore = Content("boot-a.img");
        var rootABefore = Content("root-a.img");

        var outcome = await InstallAsync(TrybootBundle());

        Assert.Equal(UpdateOutcome.Committed, outcome.Outcome);
        Assert.Equal(new BootState(SlotName.B, null, 0), _boot.Read());
        Assert.Equal(_rootfs, Content("root-b.img")[.._rootfs.Length]);
        Assert.Equal(_bootB, Content("boot-b.img")[.._bootB.Length]);
        Assert.Equal(new byte[BootSize - _bootB.Length], Content("boot-b.img")[_bootB.Length..]);

        // The running slot's targets are never written; boot-a is not for slot B.
        Assert.Equal(bootABefore, Content("boot-a.img"));
        Assert.Equal(rootABefore, Content("root-a.img"));
    }

    [Fact]
    public async Task A_bundle_without_the_slot_s_boot_payload_is_refused_with_nothing_written()
    {
        var outcome = await InstallAsync(TestBundles.Bundle([("rootfs", _rootfs), ("boot-a", _bootA)]));

        Assert.Equal((UpdateOutcome.Failed, UpdateError.BundleRejected), (outcome.Outcome, outcome.ErrorCode));
        Assert.Contains("no payload 'boot-b'", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(new byte[RootSize], Content("root-b.img"));
        Assert.Equal(new byte[BootSize], Content("boot-b.img"));
        Assert.Equal(new BootState(SlotName.A, null, 0), _boot.Read());
    }

    [Fact]
    public async Task A_bundle_with_boot_payloads_is_refused_on_slots_without_a_boot_partition()
    {
        var outcome = await InstallAsync(TrybootBundle(), bootPartitions: false);

        Assert.Equal((UpdateOutcome.Failed, UpdateError.BundleRejected), (outcome.Outcome, outcome.ErrorCode));
        Assert.Contains("'boot-a', 'boot-b'", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("slots.b.boot", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(new byte[RootSize], Content("root-b.img"));
    }

    [Fact]
    public async Task A_boot_payload_larger_than_the_boot_partition_is_refused_before_the_root_is_written()
    {
        var outcome = await InstallAsync(TrybootBundle(), bootSize: _bootB.Length - 1);

        Assert.Equal((UpdateOutcome.Failed, UpdateError.SlotTooSmall), (outcome.Outcome, outcome.ErrorCode));
        Assert.Contains("'boot-b'", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(new byte[RootSize], Content("root-b.img"));
        Assert.Equal(new byte[BootSize], Content("boot-b.img"));
    }

    [Fact]
    public async Task A_root_only_bundle_still_installs_on_slots_without_a_boot_partition()
    {
        var outcome = await InstallAsync(TestBundles.Bundle(_rootfs), bootPartitions: false);

        Assert.Equal(UpdateOutcome.Committed, outcome.Outcome);
        Assert.Equal(_rootfs, Content("root-b.img")[.._rootfs.Length]);
        Assert.Equal(new byte[BootSize], Content("boot-b.img"));
    }
}
