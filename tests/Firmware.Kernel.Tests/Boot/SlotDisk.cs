using Firmware.Disk.Gpt;

namespace Firmware.Kernel.Tests.Boot;

/// <summary>
/// A test disk: GPT from Firmware.Disk with root-A (a squashfs whose /sbin/init prints what it sees
/// and powers off), root-B (empty) and data (ext4), as the image build lays out a slot disk.
/// </summary>
public static class SlotDisk
{
    public const string RootMarker = "fw-test-rootfs: init running";
    public const string DoneMarker = "fw-test-rootfs: done";

    public static string Build(ScratchDirectory scratch, byte[] busybox, Guid rootType)
    {
        var root = scratch.Of("rootfs");
        foreach (var dir in new[] { "bin", "sbin", "dev", "proc", "sys", "run", "tmp", "data" })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        File.WriteAllBytes(Path.Combine(root, "bin/busybox"), busybox);
        File.SetUnixFileMode(Path.Combine(root, "bin/busybox"), (UnixFileMode)0x1ED);
        // The rootfs's init: reports the mounts the initramfs promised, proves /data persists writes, powers off.
        File.WriteAllText(Path.Combine(root, "sbin/init"), $$"""
            #!/bin/busybox sh
            /bin/busybox echo "{{RootMarker}} as pid $$ ($0)"
            /bin/busybox grep -E ' / | /run | /tmp | /data ' /proc/mounts | /bin/busybox sed 's/^/fw-test-rootfs: mount /'
            if /bin/busybox touch /data/written && /bin/busybox touch /probe 2>/dev/null; then echo "fw-test-rootfs: root is writable"; fi
            [ -f /data/written ] && /bin/busybox echo "fw-test-rootfs: data writable"
            /bin/busybox sync
            /bin/busybox echo "{{DoneMarker}}"
            /bin/busybox poweroff -f
            """.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(Path.Combine(root, "sbin/init"), (UnixFileMode)0x1ED);
        File.Copy(Path.Combine(root, "sbin/init"), Path.Combine(root, "sbin/test-init")); // for init= on the command line
        Run("mksquashfs", [root, scratch.Of("root.sqfs"), "-all-root", "-noappend", "-quiet", "-mkfs-time", "0", "-all-time", "0"], scratch.Path);
        Run("mkfs.ext4", ["-q", "-F", "-E", "root_owner=0:0", scratch.Of("data.ext4"), "16M"], scratch.Path);

        var squashfs = new FileInfo(scratch.Of("root.sqfs")).Length;
        var table = GptLayoutPlanner.Plan(
            [
                new PartitionRequest("root-A", rootType, squashfs),
                new PartitionRequest("root-B", rootType, squashfs),
                new PartitionRequest("data", GptPartitionTypes.LinuxData, 16 << 20),
            ],
            diskBytes: null, "fw-kernel-test"u8);
        var disk = scratch.Of("disk.img");
        using (var stream = new FileStream(disk, FileMode.Create, FileAccess.ReadWrite))
        {
            stream.SetLength(table.DiskBytes);
            table.WriteTo(stream);
            Place(stream, table, "root-A", scratch.Of("root.sqfs"));
            Place(stream, table, "data", scratch.Of("data.ext4"));
        }

        return disk;
    }

    private static void Place(FileStream disk, GptTable table, string partition, string image)
    {
        disk.Position = table.Find(partition)!.FirstLba * table.SectorSize;
        using var source = File.OpenRead(image);
        source.CopyTo(disk);
    }

    private static void Run(string program, string[] args, string directory)
    {
        var result = ProcessRunner.Run(program, args, directory);
        Assert.True(result.ExitCode == 0, $"{program}: {result}");
    }
}
