using System.Formats.Tar;
using System.Text;

namespace Firmware.Rootfs.Tests.Support;

/// <summary>Layers that exercise every kind of entry an image writer must carry.</summary>
public static class SampleTrees
{
    public static byte[] Capability { get; } = [0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Directories, setuid and sticky modes, owners, hard links, devices, a fifo, symlinks, a name with spaces.</summary>
    public static LayerBuilder Everything() => new LayerBuilder()
        .Dir("bin").File("bin/busybox", "busybox binary", 0b111_101_101).HardLink("bin/sh", "bin/busybox").HardLink("bin/ls", "bin/busybox")
        .File("bin/su", "su", 0b100_111_101_101).Symlink("bin/vi", "busybox")
        .Dir("tmp", 0b001_111_111_111)
        .Dir("home/user", 0b111_101_000, 1000, 1000).File("home/user/notes", "same", 0b110_000_000, 1000, 100)
        .File("home/user/copy of notes", "same", 0b110_100_100, 1000, 100)
        .Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
        .Device("dev/sda", TarEntryType.BlockDevice, 8, 0, 0b110_110_000, 0, 6)
        .Fifo("run/initctl", 0b110_000_000)
        .Symlink("lib", "usr/lib").Dir("usr/lib").File("usr/lib/empty", "");

    /// <summary>A file with a file capability and a user xattr, the attributes real images carry.</summary>
    public static LayerBuilder WithXattrs() => Everything()
        .File("bin/ping", "ping", 0b111_101_101, pax: new()
        {
            ["SCHILY.xattr.security.capability"] = Encoding.UTF8.GetString(Capability),
            ["SCHILY.xattr.user.origin"] = "layer one",
        });
}
