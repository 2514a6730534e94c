using Firmware.Flash.Devices;

namespace Firmware.Flash.Tests.Devices;

[Trait("Category", "Unit")]
public sealed class BlockDeviceProbeTests : IDisposable
{
    private readonly FakeSystem _system = new();

    private BlockDeviceProbe Probe => new(_system.Sys, _system.Proc);

    [Fact]
    public void A_USB_card_reader_is_accepted()
    {
        var device = Probe.Probe("/dev/sdb")!;

        Assert.Equal("Generic SD Reader", device.Model);
        Assert.Equal(62333952L * 512, device.Size);
        Assert.True(device.Removable);
        Assert.Equal(["sdb1", "sdb2"], device.Partitions.Select(p => p.Name));
        Assert.Empty(device.Refusals(force: false));
    }

    [Fact]
    public void The_system_disk_is_refused_even_with_force()
    {
        var device = Probe.Probe("/dev/vda")!;

        Assert.True(device.HoldsRunningSystem);
        Assert.Contains(device.Refusals(force: true), r => r.Contains("running system", StringComparison.Ordinal));
    }

    [Fact]
    public void A_disk_with_a_mounted_partition_is_refused()
    {
        _system.Mounts("1 0 254:1 / / rw - ext4 /dev/vda1 rw", "2 1 8:18 / /media/card rw - vfat /dev/sdb2 rw");

        var device = Probe.Probe("/dev/sdb")!;

        Assert.Equal(["/media/card"], device.MountPoints);
        Assert.Contains(device.Refusals(force: true), r => r.Contains("mounted at /media/card", StringComparison.Ordinal));
    }

    [Fact]
    public void A_partition_used_as_swap_is_refused()
    {
        _system.Write("proc/swaps", "Filename Type Size Used Priority\n/dev/sdb1 partition 1024 0 -2\n");

        Assert.Contains("swap (/dev/sdb1)", Probe.Probe("/dev/sdb")!.MountPoints);
    }

    [Fact]
    public void A_disk_held_by_device_mapper_is_refused()
    {
        _system.Write("sys/devices/pci0000:00/usb1/1-1/host6/block/sdb/sdb2/holders/dm-0", "");

        Assert.Contains(Probe.Probe("/dev/sdb")!.Refusals(force: true), r => r.Contains("dm-0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fixed_disk_needs_force()
    {
        _system.Mounts("1 0 8:1 / / rw - ext4 /dev/sda1 rw");

        var device = Probe.Probe("/dev/vda")!;

        Assert.False(device.Removable);
        Assert.Contains(device.Refusals(force: false), r => r.Contains("--force", StringComparison.Ordinal));
        Assert.Empty(device.Refusals(force: true));
    }

    [Fact]
    public void A_path_that_is_not_a_block_device_probes_as_null()
    {
        Assert.Null(Probe.Probe("/tmp/image.img"));
    }

    public void Dispose() => _system.Dispose();
}
