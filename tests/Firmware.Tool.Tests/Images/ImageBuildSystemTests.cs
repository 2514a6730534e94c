using System.Text.Json;
using Xunit.Abstractions;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// <c>fwtool image build</c> and <c>fwtool run qemu</c> end to end: the variant of minimal.yml built for
/// qemu-x86_64 and qemu-arm64, every output accepted by its real peer tool, the disk booted under
/// QEMU TCG through OVMF/AAVMF and GRUB to the containers, slot B booted after grub-editenv points
/// the environment at it, and two builds compared byte for byte.
/// </summary>
[Trait("Category", "System")]
[Collection(RootfsGroup.Name)]
public sealed class ImageBuildSystemTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly BootableImages _images;
    private readonly ITestOutputHelper _output;

    public ImageBuildSystemTests(RootfsInputs inputs, ITestOutputHelper output)
    {
        _images = new BootableImages(inputs, _cli);
        _output = output;
        _images.CreateKeys();
    }

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("qemu-x86_64", "BOOTX64.EFI", "ttyS0")]
    [InlineData("qemu-arm64", "BOOTAA64.EFI", "ttyAMA0")]
    public void The_image_passes_every_peer_and_boots_slot_A_to_its_containers(string board, string efi, string console)
    {
        var spec = _images.ProbeSpec("probe", "probe-a");
        var report = _images.BuildOk(spec, board, "1.0.0", "out");
        var stem = $"out/probe-{board}-1.0.0";
        var image = _cli.PathOf(stem + ".img");
        Assert.Equal(Sha256(image), report.GetProperty("sha256").GetString());

        // sfdisk and sgdisk read the GPT.
        _images.ExpectGpt(image, "esp", "rootfs-a", "rootfs-b", "data");

        // unsquashfs lists slot A's root: the kernel, the initramfs and the containers.
        var root = Extract(image, BootableImages.OffsetOf(report, "rootfs-a"), report.GetProperty("rootBytes").GetInt64(), "root-a.squashfs");
        var listing = _cli.Peer("unsquashfs", "-l", root);
        Fixture.Expect(0, listing);
        foreach (var path in new[] { "/boot/vmlinuz", "/boot/initramfs.img", "/sbin/init", "/usr/bin/runc", "/containers/services/heartbeat/config.json", "/containers/services/probe/rootfs/dev" })
        {
            Assert.Contains("squashfs-root" + path + "\n", listing.Stdout, StringComparison.Ordinal);
        }

        // The root says what it is, for the agent on the device.
        Assert.Equal($"IMAGE_ID=probe\nIMAGE_VERSION=1.0.0\nFW_BOARD={board}\n", _cli.Peer("unsquashfs", "-cat", root, "etc/fw-release").Stdout);

        // mdir lists the ESP; grub-editenv reads the environment the build wrote.
        var esp = $"{image}@@{BootableImages.OffsetOf(report, "esp")}";
        var mdir = _cli.Peer("mdir", "-i", esp, "::/EFI/BOOT");
        Fixture.Expect(0, mdir);
        Assert.Contains(Path.GetFileNameWithoutExtension(efi), mdir.Stdout, StringComparison.Ordinal);
        Fixture.Expect(0, _cli.Peer("mcopy", "-i", esp, "::/EFI/fw/grubenv", "grubenv"));
        var env = _cli.Peer("grub-editenv", "grubenv", "list");
        Fixture.Expect(0, env);
        Assert.Equal("fw_primary=A\n", env.Stdout);

        // bmaptool copies the mapped blocks and checks their digests; the copy is the image.
        Fixture.Expect(0, _cli.Peer("bmaptool", "copy", "--bmap", image + ".bmap", image, _cli.PathOf("copy.img")));
        Assert.Equal(Sha256(image), Sha256(_cli.PathOf("copy.img")));
        File.Delete(_cli.PathOf("copy.img"));

        // The bundle verifies and installs the same root.
        Fixture.Expect(0, _cli.Fwtool("bundle", "verify", stem + ".fwb", "--trust", "trust.json"));

        var boot = BootableImages.Boot(image, board);
        Report(board, report, boot);
        AssertBooted(boot, "A", "rootfs-a", "/dev/vda2", "probe-a");
        Assert.Contains($"console={console}", Line(boot, "probe: cmdline"), StringComparison.Ordinal);
    }

    [Fact]
    public void Pointed_at_slot_B_with_grub_editenv_the_image_boots_the_other_version_in_slot_B()
    {
        var a = _images.ProbeSpec("probe", "probe-a");
        var b = _images.ProbeSpec("probe-next", "probe-b");
        var report = _images.BuildOk(a, "qemu-x86_64", "1.0.0", "out", "--slot-b", b);
        var image = _cli.PathOf("out/probe-qemu-x86_64-1.0.0.img");

        var esp = $"{image}@@{BootableImages.OffsetOf(report, "esp")}";
        Fixture.Expect(0, _cli.Peer("mcopy", "-i", esp, "::/EFI/fw/grubenv", "grubenv"));
        Fixture.Expect(0, _cli.Peer("grub-editenv", "grubenv", "set", "fw_primary=B"));
        Fixture.Expect(0, _cli.Peer("mcopy", "-o", "-i", esp, "grubenv", "::/EFI/fw/grubenv"));

        var boot = BootableImages.Boot(image, "qemu-x86_64");
        Report("qemu-x86_64 slot B", report, boot);
        AssertBooted(boot, "B", "rootfs-b", "/dev/vda3", "probe-b");
    }

    [Fact]
    public void Two_builds_of_the_same_inputs_are_byte_identical()
    {
        var spec = _images.ProbeSpec("probe", "probe-a");
        var first = _images.BuildOk(spec, "qemu-x86_64", "1.0.0", "one");
        var second = _images.BuildOk(spec, "qemu-x86_64", "1.0.0", "two");
        foreach (var file in new[] { ".img", ".img.bmap", ".fwb" })
        {
            Assert.Equal(Sha256(_cli.PathOf("one/probe-qemu-x86_64-1.0.0" + file)), Sha256(_cli.PathOf("two/probe-qemu-x86_64-1.0.0" + file)));
        }

        Assert.Equal(first.GetProperty("sha256").GetString(), second.GetProperty("sha256").GetString());
        Assert.Empty(Directory.GetFileSystemEntries(_cli.Directory, ".*")); // no staging left behind
    }

    private static void AssertBooted(QemuConsole.Result boot, string slot, string label, string device, string version)
    {
        Assert.True(boot.Markers.ContainsKey(BootableImages.Back), $"no '{BootableImages.Back}' within {boot.Elapsed}; console tail:\n{QemuGuest.Tail(boot.Console)}");
        Assert.True(boot.Markers.ContainsKey("fw-init: service heartbeat exited ("), $"fwinit did not report the killed heartbeat; console tail:\n{QemuGuest.Tail(boot.Console)}");
        Assert.Contains($"fw-grub: booting slot {slot} from", boot.Console, StringComparison.Ordinal);
        Assert.Contains("fw-init: onboot 000-prepare done", boot.Console, StringComparison.Ordinal);
        Assert.Contains(BootableImages.Heartbeat, boot.Console, StringComparison.Ordinal);
        var cmdline = Line(boot, "probe: cmdline");
        Assert.Contains($"root=PARTLABEL={label} fw.slot={slot}", cmdline, StringComparison.Ordinal);
        Assert.Matches($@"probe: mount {device} / squashfs ro[, ]", boot.Console);
        Assert.Matches(@"probe: mount /dev/vda4 /data ext4 rw[, ]", boot.Console);
        Assert.Contains($"probe: version {version}", boot.Console, StringComparison.Ordinal);
    }

    private void Report(string what, JsonElement report, QemuConsole.Result boot)
    {
        var m = boot.Markers;
        _output.WriteLine($"{what}: {BootableImages.Sizes(report)}");
        _output.WriteLine(string.Join(", ", m.OrderBy(x => x.Value).Select(x => $"{x.Key} at {x.Value.TotalSeconds:F2} s")));
        if (m.TryGetValue("fw-grub: booting slot", out var kernel) && m.TryGetValue(BootableImages.Heartbeat, out var heartbeat))
        {
            _output.WriteLine($"kernel start to first heartbeat: {(heartbeat - kernel).TotalSeconds:F2} s");
        }

        if (m.TryGetValue("fw-initramfs: switching to /sbin/init", out var init) && m.TryGetValue(BootableImages.Heartbeat, out var first))
        {
            _output.WriteLine($"init and containers (switch_root to first heartbeat): {(first - init).TotalSeconds:F2} s");
        }

        _output.WriteLine(boot.Console);
    }

    private string Extract(string image, long offset, long length, string name) => ImageFiles.Extract(image, offset, length, _cli.PathOf(name));

    private static string Line(QemuConsole.Result boot, string prefix) =>
        boot.Console.Split('\n').FirstOrDefault(l => l.Contains(prefix, StringComparison.Ordinal)) ?? $"(no line with '{prefix}')";

    private static string Sha256(string path) => ImageFiles.Sha256(path);
}
