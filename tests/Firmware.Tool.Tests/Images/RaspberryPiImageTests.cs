using System.Text.Json;
using Firmware.Device.Boot;
using Firmware.Device.Boot.Tryboot;
using Firmware.Device.Slots;

using Xunit.Abstractions;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// <c>fwtool image build</c> for raspberrypi4: the GPT read by sfdisk and sgdisk, autoboot.txt,
/// config.txt and cmdline.txt read back with mtools, the built autoboot.txt read by the agent's own
/// tryboot backend, slot A's root listed by unsquashfs, the bundle carrying the root and both boot
/// partitions, and a rebuild byte-identical. No boot: QEMU 7.2 has no raspi4b machine.
/// </summary>
[Trait("Category", "System")]
[Collection(RootfsGroup.Name)]
public sealed class RaspberryPiImageTests : IDisposable
{
    private const string Stem = "probe-raspberrypi4-1.0.0";
    private readonly CliRunner _cli = new();
    private readonly BootableImages _images;
    private readonly ITestOutputHelper _output;

    public RaspberryPiImageTests(RootfsInputs inputs, ITestOutputHelper output)
    {
        _images = new BootableImages(inputs, _cli);
        _output = output;
        _images.CreateKeys();
    }

    public void Dispose() => _cli.Dispose();

    // The figures docs/performance.md records per board.
    private void Report(JsonElement report) => _output.WriteLine(BootableImages.Sizes(report));

    [Fact]
    public void The_tryboot_image_passes_every_peer_and_the_agent_reads_slot_A_as_primary()
    {
        var spec = _images.ProbeSpec("probe", "probe-a", "raspberrypi4");
        var firmware = RaspberryPiFirmware.Create(_cli.PathOf("firmware"));
        var report = _images.BuildOk(spec, "raspberrypi4", "1.0.0", "one", "--firmware", firmware);
        Report(report);
        var image = _cli.PathOf($"one/{Stem}.img");

        _images.ExpectGpt(image, "firmware", "boot-a", "boot-b", "rootfs-a", "rootfs-b", "data");

        // The first partition: autoboot.txt selecting boot-a (partition 2) for normal and tryboot restarts, and the firmware.
        var first = $"{image}@@{BootableImages.OffsetOf(report, "firmware")}";
        Assert.Equal("[all]\ntryboot_a_b=1\nboot_partition=2\n[tryboot]\nboot_partition=2\n", Type(first, "autoboot.txt"));
        Assert.Equal(RaspberryPiFirmware.StartElf, Type(first, "start4.elf"));
        Assert.Contains("::/overlays/README", List(first), StringComparison.OrdinalIgnoreCase);

        // boot-a: config.txt, cmdline.txt for slot A with the board's console, the kernel, initramfs and device tree.
        var bootA = $"{image}@@{BootableImages.OffsetOf(report, "boot-a")}";
        Assert.Equal("# Written by fwtool image build (docs/image-build.md).\narm_64bit=1\nkernel=vmlinuz\ninitramfs initramfs.img followkernel\nenable_uart=1\n",
            Type(bootA, "config.txt"));
        var cmdline = Type(bootA, "cmdline.txt");
        Assert.StartsWith("root=PARTLABEL=rootfs-a fw.slot=A ", cmdline, StringComparison.Ordinal);
        Assert.Contains("console=serial0,115200 console=tty1", cmdline, StringComparison.Ordinal);
        Assert.Single(cmdline.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var files = List(bootA);
        foreach (var file in new[] { "::/vmlinuz", "::/initramfs.img", "::/bcm2711-rpi-4-b.dtb", "::/start4.elf", "::/fixup4.dat" })
        {
            Assert.Contains(file, files, StringComparison.OrdinalIgnoreCase);
        }

        var cpio = _cli.Peer("sh", "-c", $"mtype -i '{bootA}' ::/initramfs.img | gzip -dc | cpio -it --quiet");
        Fixture.Expect(0, cpio);
        Assert.Contains("/sdhci-iproc.ko\n", cpio.Stdout, StringComparison.Ordinal);
        Fixture.Expect(0, _cli.Peer("mcopy", "-i", bootA, "::/bcm2711-rpi-4-b.dtb", "dtb"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(firmware, "bcm2711-rpi-4-b.dtb")), File.ReadAllBytes(_cli.PathOf("dtb")));

        // The agent's tryboot backend reads the built file: slot A primary, no trial; arming B writes what it reads back.
        Fixture.Expect(0, _cli.Peer("mcopy", "-i", first, "::/autoboot.txt", "autoboot.txt"));
        var control = new TrybootBootControl(new TrybootSettings(_cli.PathOf("autoboot.txt"), DeviceTreeRoot: _cli.PathOf("no-device-tree")), new NoReboot());
        Assert.Equal(new BootState(SlotName.A, null, 0), control.Read());
        Assert.Equal(SlotName.A, control.ReadBootedSlot());
        control.ArmTrial(SlotName.B, 1);
        Assert.Equal(SlotName.B, control.Read().Trial);

        // slot A's root, as for GRUB boards.
        var root = _cli.PathOf("root-a.squashfs");
        ImageFiles.Extract(image, BootableImages.OffsetOf(report, "rootfs-a"), report.GetProperty("rootBytes").GetInt64(), root);
        var listing = _cli.Peer("unsquashfs", "-l", root);
        Fixture.Expect(0, listing);
        Assert.Contains("squashfs-root/containers/services/heartbeat/config.json\n", listing.Stdout, StringComparison.Ordinal);

        // The bundle verifies and carries the root and a boot partition for each slot.
        Fixture.Expect(0, _cli.Fwtool("bundle", "verify", $"one/{Stem}.fwb", "--trust", "trust.json"));
        var inspect = _cli.Fwtool("bundle", "inspect", $"one/{Stem}.fwb");
        Fixture.Expect(0, inspect);
        foreach (var payload in new[] { "rootfs", "boot-a", "boot-b" })
        {
            Assert.Contains($"payload    {payload}: ", inspect.Stdout, StringComparison.Ordinal);
        }

        // A second build is byte-identical.
        _images.BuildOk(spec, "raspberrypi4", "1.0.0", "two", "--firmware", firmware);
        foreach (var file in new[] { ".img", ".img.bmap", ".fwb" })
        {
            Assert.Equal(ImageFiles.Sha256(_cli.PathOf($"one/{Stem}{file}")), ImageFiles.Sha256(_cli.PathOf($"two/{Stem}{file}")));
        }
    }

    private string Type(string partition, string file)
    {
        var result = _cli.Peer("mtype", "-i", partition, "::/" + file);
        Fixture.Expect(0, result);
        return result.Stdout;
    }

    private string List(string partition)
    {
        var result = _cli.Peer("mdir", "-b", "-/", "-i", partition, "::/");
        Fixture.Expect(0, result);
        return result.Stdout;
    }

    private sealed class NoReboot : IReboot
    {
        public void Restart(string? argument) => throw new InvalidOperationException("reading autoboot.txt never restarts");
    }
}
