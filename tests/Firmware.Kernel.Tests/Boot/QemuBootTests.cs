using Firmware.Kernel.Initramfs;
using Firmware.Kernel.Tests.Initramfs;
using Firmware.Kernel.Tests.Support;
using Xunit.Abstractions;

namespace Firmware.Kernel.Tests.Boot;

/// <summary>Debian's kernel and the initramfs boot a slot disk in QEMU (TCG) to the rootfs's own init.</summary>
[Collection(KernelGroup.Name)]
[Trait("Category", "System")]
public sealed class QemuBootTests(KernelFixture kernel, ITestOutputHelper output)
{
    private const string Mounted = "fw-initramfs: root slot A mounted";

    [Fact]
    public void X86_64_boots_slot_A_from_squashfs_read_only_with_tmpfs_and_data()
    {
        using var scratch = new ScratchDirectory();
        var plan = InitramfsBuilderTests.Plan(kernel, 0);
        long initrdBytes;
        using (var initrd = File.Create(scratch.Of("initrd.img")))
        {
            initrdBytes = InitramfsBuilder.Write(plan, initrd);
        }

        var disk = SlotDisk.Build(scratch, kernel.Busybox);
        var result = QemuConsole.Run("qemu-system-x86_64",
            [
                "-machine", "pc", "-accel", "tcg", "-m", "512", "-smp", "1", "-nographic", "-no-reboot", "-nodefaults", "-serial", "stdio",
                "-kernel", kernel.Tree.KernelImage, "-initrd", scratch.Of("initrd.img"),
                "-append", "console=ttyS0 quiet panic=-1 fw.slot=A",
                "-drive", $"file={disk},format=raw,if=virtio",
            ],
            TimeSpan.FromSeconds(90), SlotDisk.DoneMarker, "fw-initramfs: started", Mounted, SlotDisk.RootMarker);
        output.WriteLine($"initramfs {initrdBytes} bytes, kernel {new FileInfo(kernel.Tree.KernelImage).Length} bytes, {plan.Modules.Load.Count} modules");
        output.WriteLine(string.Join(", ", result.Markers.Select(m => $"{m.Key} at {m.Value.TotalSeconds:F2} s")));
        output.WriteLine(result.Console);

        Assert.True(result.Markers.ContainsKey(SlotDisk.DoneMarker), $"no '{SlotDisk.DoneMarker}' within {result.Elapsed}:\n{result.Console}");
        Assert.Contains("fw-initramfs: root slot A mounted (/dev/vda1, squashfs, ro)", result.Console, StringComparison.Ordinal);
        Assert.Contains("fw-initramfs: tmpfs mounted on /run and /tmp", result.Console, StringComparison.Ordinal);
        Assert.Contains("fw-initramfs: data partition mounted (/dev/vda3 on /data)", result.Console, StringComparison.Ordinal);
        Assert.Contains("fw-initramfs: switching to /sbin/init", result.Console, StringComparison.Ordinal);
        Assert.Matches(@"fw-test-rootfs: mount /dev/vda1 / squashfs ro[, ]", result.Console);
        Assert.Matches(@"fw-test-rootfs: mount tmpfs /run tmpfs rw", result.Console);
        Assert.Matches(@"fw-test-rootfs: mount tmpfs /tmp tmpfs rw", result.Console);
        Assert.Matches(@"fw-test-rootfs: mount /dev/vda3 /data ext4 rw", result.Console);
        Assert.Contains("fw-test-rootfs: data writable", result.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("fw-test-rootfs: root is writable", result.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.Console, StringComparison.Ordinal);
        Assert.True(result.Exited, "QEMU did not power off");
    }
}
