using Firmware.Device.Boot;
using Firmware.Device.Health;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Storage;
using Firmware.Device.Updates;
using Firmware.Device.Updates.Checkpoints;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// The agent's update engine installs the bundle <c>fwtool image build</c> makes for raspberrypi4
/// (payloads rootfs, boot-a, boot-b) into file targets grouped as the board's slots: slot B's root
/// takes slot A's squashfs byte for byte, slot B's boot partition takes boot-b (read with mtools: a
/// FAT whose cmdline.txt names rootfs-b), boot-a goes nowhere, and slot A's targets are untouched.
/// </summary>
[Trait("Category", "System")]
[Collection(RootfsGroup.Name)]
public sealed class RaspberryPiBundleInstallTests : IDisposable
{
    private const string Stem = "probe-raspberrypi4-1.0.0";
    private const long RootSize = 256L << 20;
    private const long BootSize = 64L << 20;
    private readonly CliRunner _cli = new();
    private readonly BootableImages _images;

    public RaspberryPiBundleInstallTests(RootfsInputs inputs)
    {
        _images = new BootableImages(inputs, _cli);
        _images.CreateKeys();
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_built_bundle_installs_rootfs_and_boot_b_into_slot_B_s_targets_and_arms_the_trial()
    {
        var spec = _images.ProbeSpec("probe", "probe-a", "raspberrypi4");
        var report = _images.BuildOk(spec, "raspberrypi4", "1.0.0", "out", "--firmware", RaspberryPiFirmware.Create(_cli.PathOf("firmware")));
        var storage = new DirectoryStorage(_cli.PathOf("data"));
        var targets = new Dictionary<string, string>();
        foreach (var (name, size) in new[] { ("root-a", RootSize), ("root-b", RootSize), ("boot-a", BootSize), ("boot-b", BootSize) })
        {
            targets[name] = _cli.PathOf(name + ".img");
            using var file = File.Create(targets[name]);
            file.SetLength(size);
        }

        var boot = new SimulatedBootloader(storage, "boot.state");
        boot.Initialize(SlotName.A);
        var engine = new UpdateEngine(
            new UpdateDevice
            {
                Storage = storage,
                Checkpoints = new CheckpointStore(storage),
                Slots = new SlotPair(Group(storage, targets, SlotName.A), Group(storage, targets, SlotName.B)),
                Boot = boot,
                Booted = SlotName.A,
                Health = new UnusedHealthGate(),
                Reboot = new NoRestart(),
                Reporter = new NoReporter(),
                Sources = new BundleSources(new HttpClient()),
            },
            new UpdateEngineOptions
            {
                Board = "raspberrypi-4-model-b",
                Trust = Firmware.Cli.KeyFiles.ReadTrust(_cli.PathOf("trust.json")),
                InstalledVersion = Firmware.Versioning.FirmwareVersion.Parse("0.9.0"),
                TrialTries = 1,
            });

        engine.Offer(new FileBundleSource(_cli.PathOf($"out/{Stem}.fwb")));
        Assert.Equal(EngineStop.RebootRequested, await engine.RunAsync());
        Assert.Equal(new BootState(SlotName.A, SlotName.B, 1), boot.Read());

        // Slot B's boot partition is boot-b: a FAT naming slot B's root, with the kernel and initramfs.
        var cmdline = _cli.Peer("mtype", "-i", targets["boot-b"], "::/cmdline.txt");
        Fixture.Expect(0, cmdline);
        Assert.StartsWith("root=PARTLABEL=rootfs-b fw.slot=B ", cmdline.Stdout, StringComparison.Ordinal);
        var listing = _cli.Peer("mdir", "-b", "-/", "-i", targets["boot-b"], "::/");
        Fixture.Expect(0, listing);
        Assert.Contains("::/vmlinuz", listing.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("::/initramfs.img", listing.Stdout, StringComparison.OrdinalIgnoreCase);

        // Slot B's root is the squashfs the image carries as slot A's root.
        var rootBytes = report.GetProperty("rootBytes").GetInt64();
        ImageFiles.Extract(_cli.PathOf($"out/{Stem}.img"), BootableImages.OffsetOf(report, "rootfs-a"), rootBytes, _cli.PathOf("rootfs-a.squashfs"));
        ImageFiles.Extract(targets["root-b"], 0, rootBytes, _cli.PathOf("root-b.squashfs"));
        Assert.Equal(ImageFiles.Sha256(_cli.PathOf("rootfs-a.squashfs")), ImageFiles.Sha256(_cli.PathOf("root-b.squashfs")));

        // Nothing of slot A was written: boot-a of the bundle goes nowhere on an install into B.
        foreach (var name in new[] { "root-a", "boot-a" })
        {
            Assert.True(IsZero(targets[name]), $"{name} was written");
        }
    }

    private static SlotGroup Group(DirectoryStorage storage, Dictionary<string, string> targets, SlotName slot)
    {
        var letter = slot.Letter().ToLowerInvariant();
        return new SlotGroup(new StorageSlot(storage, targets["root-" + letter], slot, RootSize), new StorageSlot(storage, targets["boot-" + letter], slot, BootSize));
    }

    private static bool IsZero(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            if (buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class UnusedHealthGate : IHealthGate
    {
        public Task<HealthVerdict> CheckAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("no trial runs in this test");
    }

    private sealed class NoRestart : IReboot
    {
        public void Restart(string? argument)
        {
            // The test stops at the reboot request: what it checks is on the targets.
        }
    }

    private sealed class NoReporter : IOutcomeReporter
    {
        public Task ReportAsync(OutboxEntry outcome, CancellationToken cancellationToken) => throw new InvalidOperationException($"no outcome expected before the trial: {outcome.Outcome} {outcome.Detail}");
    }
}
