using System.Text;
using Firmware.Disk.Gpt;
using Firmware.Image.Build.Qemu;

namespace Firmware.Image.Build.Tests.Qemu;

[Trait("Category", "Unit")]
public sealed class QemuTests
{
    private static string Touch(ScratchDirectory scratch, string path)
    {
        var full = scratch.Of(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, [0]);
        return full;
    }

    [Fact]
    public void OVMF_is_found_preferring_the_4_MiB_build()
    {
        using var scratch = new ScratchDirectory();
        Touch(scratch, "usr/share/OVMF/OVMF_CODE.fd");
        Touch(scratch, "usr/share/OVMF/OVMF_VARS.fd");
        Assert.Equal(scratch.Of("usr/share/OVMF/OVMF_CODE.fd"), UefiFirmware.Find("amd64", scratch.Path).Code);
        Touch(scratch, "usr/share/OVMF/OVMF_CODE_4M.fd");
        Touch(scratch, "usr/share/OVMF/OVMF_VARS_4M.fd");
        Assert.Equal(new UefiFirmware(scratch.Of("usr/share/OVMF/OVMF_CODE_4M.fd"), scratch.Of("usr/share/OVMF/OVMF_VARS_4M.fd")), UefiFirmware.Find("amd64", scratch.Path));
    }

    [Theory]
    [InlineData("amd64", "ovmf")]
    [InlineData("arm64", "qemu-efi-aarch64")]
    public void Missing_firmware_names_the_package(string arch, string package)
    {
        using var scratch = new ScratchDirectory();
        var e = Assert.Throws<ImageBuildException>(() => UefiFirmware.Find(arch, scratch.Path));
        Assert.Contains($"install the Debian package {package} (apt-get install {package})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_is_TCG_with_the_console_on_stdio_and_the_disk_on_virtio()
    {
        var firmware = new UefiFirmware("/code.fd", "/vars-template.fd");
        var x86 = string.Join(' ', QemuCommandLine.Create(QemuMachine.Default("amd64"), firmware, "/tmp/vars.fd", "/d.img"));
        Assert.Equal("-machine q35 -accel tcg -cpu max -m 512 -smp 1 -nographic -nodefaults -serial stdio " +
            "-drive if=pflash,format=raw,unit=0,readonly=on,file=/code.fd -drive if=pflash,format=raw,unit=1,file=/tmp/vars.fd " +
            "-drive file=/d.img,format=raw,if=virtio", x86);
        var arm = string.Join(' ', QemuCommandLine.Create(QemuMachine.Default("arm64") with { MemoryMiB = 1024 }, firmware, "/tmp/vars.fd", "/d.img"));
        Assert.StartsWith("-machine virt -accel tcg -cpu cortex-a57 -m 1024 ", arm, StringComparison.Ordinal);
        Assert.EndsWith("-drive file=/d.img,format=raw,if=none,id=disk0 -device virtio-blk-pci,drive=disk0", arm, StringComparison.Ordinal);
        Assert.Equal("qemu-system-aarch64", QemuMachine.Default("arm64").Program.Program);
    }

    [Fact]
    public void A_broker_forward_adds_one_restricted_user_network_whose_only_peer_is_the_hosts_port()
    {
        var firmware = new UefiFirmware("/code.fd", "/vars-template.fd");
        var line = string.Join(' ', QemuCommandLine.Create(QemuMachine.Default("amd64"), firmware, "/tmp/vars.fd", "/d.img", 41883));
        Assert.EndsWith("-drive file=/d.img,format=raw,if=virtio " +
            "-netdev user,id=net0,restrict=on,guestfwd=tcp:10.0.2.100:1883-cmd:socat STDIO TCP:127.0.0.1:41883 -device virtio-net-pci,netdev=net0", line, StringComparison.Ordinal);
        Assert.DoesNotContain("-netdev", string.Join(' ', QemuCommandLine.Create(QemuMachine.Default("amd64"), firmware, "/tmp/vars.fd", "/d.img")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_QMP_socket_is_served_without_making_QEMU_wait_for_a_client()
    {
        var firmware = new UefiFirmware("/code.fd", "/vars-template.fd");
        var line = string.Join(' ', QemuCommandLine.Create(QemuMachine.Default("amd64"), firmware, "/tmp/vars.fd", "/d.img", qmpSocket: "/tmp/s/qmp"));
        Assert.EndsWith("-drive file=/d.img,format=raw,if=virtio -qmp unix:/tmp/s/qmp,server=on,wait=off", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_architecture_comes_from_the_root_partition_types()
    {
        foreach (var (type, expected) in new[] { (GptPartitionTypes.RootArm64, "arm64"), (GptPartitionTypes.RootX64, "amd64"), (GptPartitionTypes.LinuxData, (string?)null) })
        {
            var table = GptLayoutPlanner.Plan([new PartitionRequest("esp", GptPartitionTypes.EfiSystem, 1 << 20), new PartitionRequest("root", type, 1 << 20)], null, Encoding.UTF8.GetBytes("seed"));
            using var disk = new MemoryStream();
            disk.SetLength(table.DiskBytes);
            table.WriteTo(disk);
            disk.Position = 0;
            Assert.Equal(expected, ImageArchitecture.Detect(disk));
        }
    }
}
