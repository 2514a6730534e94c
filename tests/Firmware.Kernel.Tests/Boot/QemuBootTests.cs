using Firmware.Disk.Gpt;
using Firmware.Kernel.Initramfs;
using Firmware.Kernel.Modules;
using Firmware.Kernel.Tests.Support;
using Xunit.Abstractions;

namespace Firmware.Kernel.Tests.Boot;

/// <summary>Debian's kernel and the initramfs boot a slot disk in QEMU (TCG) to the rootfs's own init.</summary>
[Collection(KernelGroup.Name)]
[Trait("Category", "System")]
public sealed class QemuBootTests(KernelFixture kernel, ITestOutputHelper output)
{
    private const string Mounted = "fw-initramfs: root slot A mounted";

    // Under TCG on a loaded host the kernel's check that the PIT timer reaches the IO-APIC can time
    // out and panic ("IO-APIC + timer doesn't work"); no_timer_check skips it, as virtual machines do.
    private const string X86Console = "console=ttyS0 no_timer_check";

    [Fact]
    public void X86_64_boots_slot_A_from_squashfs_read_only_with_tmpfs_and_data()
    {
        var result = Boot("amd64", "qemu-x86_64", GptPartitionTypes.RootX64, "qemu-system-x86_64",
            ["-machine", "pc", "-accel", "tcg", "-drive", "file={disk},format=raw,if=virtio"], X86Console);
        AssertBooted(result);
    }

    [Fact]
    public void Arm64_boots_slot_A_on_the_virt_machine()
    {
        var result = Boot("arm64", "qemu-arm64", GptPartitionTypes.RootArm64, "qemu-system-aarch64",
            ["-machine", "virt", "-cpu", "cortex-a57", "-drive", "file={disk},format=raw,if=none,id=disk", "-device", "virtio-blk-pci,drive=disk"], "console=ttyAMA0");
        AssertBooted(result);
    }

    [Fact]
    public void A_missing_data_partition_boots_read_only_and_says_so_and_init_is_configurable()
    {
        var result = Boot("amd64", "qemu-x86_64", GptPartitionTypes.RootX64, "qemu-system-x86_64",
            ["-machine", "pc", "-accel", "tcg", "-drive", "file={disk},format=raw,if=virtio"], $"{X86Console} fw.data=PARTLABEL=nothing init=/sbin/test-init");
        Assert.True(result.Markers.ContainsKey(SlotDisk.DoneMarker), result.Console);
        Assert.Contains("fw-initramfs: warning: data partition PARTLABEL=nothing not found; continuing read-only", result.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("fw-test-rootfs: data writable", result.Console, StringComparison.Ordinal);
        Assert.Contains("fw-initramfs: switching to /sbin/test-init", result.Console, StringComparison.Ordinal);
        Assert.Contains("fw-test-rootfs: init running as pid 1 (/sbin/test-init)", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_root_device_is_fatal_and_the_kernel_reboots_out()
    {
        var result = Boot("amd64", "qemu-x86_64", GptPartitionTypes.RootX64, "qemu-system-x86_64",
            ["-machine", "pc", "-accel", "tcg", "-drive", "file={disk},format=raw,if=virtio"], $"{X86Console} root=PARTLABEL=root-C fw.rootwait=1");
        Assert.Contains("fw-initramfs: FATAL: root device PARTLABEL=root-C did not appear within 1s", result.Console, StringComparison.Ordinal);
        Assert.False(result.Markers.ContainsKey(SlotDisk.RootMarker));
        Assert.True(result.Exited, "panic=-1 with -no-reboot should end QEMU");
    }

    private QemuConsole.Result Boot(string arch, string board, Guid rootType, string qemu, string[] machine, string console)
    {
        using var scratch = new ScratchDirectory();
        var tree = kernel.TreeFor(arch);
        var modules = ModuleResolver.Resolve(ModuleIndex.Load(tree), BoardModules.For(board));
        var plan = InitramfsBuilder.Plan(tree, modules, new InitramfsOptions(kernel.BusyboxFor(arch), 0));
        var initrdBytes = InitramfsFile.Write(plan, scratch.Of("initrd.img"));
        var disk = SlotDisk.Build(scratch, kernel.BusyboxFor(arch), rootType);
        var result = QemuConsole.Run(qemu,
            [
                .. machine.Select(a => a.Replace("{disk}", disk, StringComparison.Ordinal)),
                "-m", "512", "-smp", "1", "-nographic", "-no-reboot", "-nodefaults", "-serial", "stdio",
                "-kernel", tree.KernelImage, "-initrd", scratch.Of("initrd.img"),
                "-append", $"{console} quiet panic=-1 fw.slot=A",
            ],
            TimeSpan.FromSeconds(120), SlotDisk.DoneMarker, "fw-initramfs: started", Mounted, SlotDisk.RootMarker);
        output.WriteLine($"{board}: initramfs {initrdBytes} bytes, kernel {new FileInfo(tree.KernelImage).Length} bytes, {plan.Modules.Load.Count} modules");
        output.WriteLine(string.Join(", ", result.Markers.Select(m => $"{m.Key} at {m.Value.TotalSeconds:F2} s")));
        output.WriteLine(result.Console);
        return result;
    }

    private static void AssertBooted(QemuConsole.Result result)
    {
        Assert.True(result.Markers.ContainsKey(SlotDisk.DoneMarker), $"no '{SlotDisk.DoneMarker}' within {result.Elapsed}:\n{result.Console}");
        Assert.Matches(@"fw-initramfs: root slot A mounted \(/dev/vda1, squashfs, ro\)", result.Console);
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
