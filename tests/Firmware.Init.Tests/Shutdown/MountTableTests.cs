using Firmware.Init.Shutdown;

namespace Firmware.Init.Tests.Shutdown;

[Trait("Category", "Unit")]
public sealed class MountTableTests
{
    // A device's /proc/self/mountinfo after the initramfs and the init's boot mounts.
    private const string Device = """
        20 1 254:1 / / ro,relatime - squashfs /dev/vda1 ro
        21 20 0:5 / /dev rw,nosuid - devtmpfs devtmpfs rw,size=4k
        22 20 0:20 / /proc rw,nosuid,nodev,noexec - proc proc rw
        23 20 0:21 / /sys rw,nosuid,nodev,noexec - sysfs sysfs rw
        24 20 0:22 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,mode=755
        25 20 0:23 / /tmp rw - tmpfs tmpfs rw
        26 20 254:3 / /data rw,nosuid,nodev - ext4 /dev/vda3 rw
        27 23 0:24 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw
        28 21 0:25 / /dev/pts rw,nosuid,noexec - devpts devpts rw,gid=5,mode=620
        29 21 0:26 / /dev/shm rw,nosuid,nodev,noexec - tmpfs shm rw
        30 21 0:27 / /dev/mqueue rw,nosuid,nodev,noexec - mqueue mqueue rw
        31 26 254:3 /fwagent /data/with\040space rw - ext4 /dev/vda3 rw
        """;

    [Fact]
    public void Mountinfo_gives_mount_points_types_and_read_only_in_mount_order()
    {
        var mounts = MountInfo.Parse(Device);

        Assert.Equal(12, mounts.Count);
        Assert.Equal(new MountEntry("/", "squashfs", true), mounts[0]);
        Assert.Equal(new MountEntry("/data", "ext4", false), mounts[6]);
        Assert.Equal("/data/with space", mounts[^1].MountPoint);
    }

    [Fact]
    public void A_malformed_line_is_skipped()
    {
        Assert.Equal(["/ok"], MountInfo.Parse("garbage\n1 2 3:4 / /x rw no-separator\n5 6 7:8 / /ok rw - tmpfs t rw\n").Select(m => m.MountPoint));
    }

    [Fact]
    public void Data_holding_mounts_go_children_first_and_kernel_filesystems_stay()
    {
        var plan = UnmountPlanner.Plan(MountInfo.Parse(Device), "/");

        Assert.Equal(["/data/with space", "/dev/shm", "/data", "/tmp", "/run"], plan);
    }

    [Fact]
    public void Under_a_scratch_root_only_mounts_below_it_are_touched()
    {
        var mounts = MountInfo.Parse(Device + "\n40 20 0:30 / /scratch/root/data rw - tmpfs tmpfs rw\n41 20 0:31 / /scratch/rootless rw - tmpfs tmpfs rw\n");

        Assert.Equal(["/scratch/root/data"], UnmountPlanner.Plan(mounts, "/scratch/root"));
    }
}
