using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Firmware.Rootfs.Squashfs;
using Firmware.Rootfs.Tests.Support;

namespace Firmware.Rootfs.Tests.Squashfs;

/// <summary>Images written by the real mksquashfs, read back by the real unsquashfs. Needs squashfs-tools and attr.</summary>
[Trait("Category", "Integration")]
[Collection(ProcessUmask.Name)]
public sealed partial class SquashfsPeerTests : TreeTestBase
{
    private string Build(TreeFixture fixture, string name, SquashfsOptions? options = null)
    {
        var output = Path.Combine(Fixture.Scratch, name);
        new SquashfsImageWriter().Write(fixture.Tree, output, options ?? new SquashfsOptions { SourceDateEpoch = 1_750_000_000 });
        return output;
    }

    private static readonly string[] Expected =
    [
        "drwxr-xr-x 0/0 SIZE 1970-01-01 00:00 /",
        "drwxr-xr-x 0/0 SIZE 2023-11-14 22:13 /bin",
        "-rwxr-xr-x 0/0 14 2023-11-14 22:13 /bin/busybox",
        "-rwxr-xr-x 0/0 14 2023-11-14 22:13 /bin/ls",
        "-rwxr-xr-x 0/0 14 2023-11-14 22:13 /bin/sh",
        "-rwsr-xr-x 0/0 2 2023-11-14 22:13 /bin/su",
        "lrwxrwxrwx 0/0 7 2023-11-14 22:13 /bin/vi -> busybox",
        "drwxr-xr-x 0/0 SIZE 2023-11-14 22:13 /dev",
        "crw-rw-rw- 0/0 1,3 2023-11-14 22:13 /dev/null",
        "brw-rw---- 0/6 8,0 2023-11-14 22:13 /dev/sda",
        "drwxr-xr-x 0/0 SIZE 2023-11-14 22:13 /home",
        "drwxr-x--- 1000/1000 SIZE 2023-11-14 22:13 /home/user",
        "-rw-r--r-- 1000/100 4 2023-11-14 22:13 /home/user/copy of notes",
        "-rw------- 1000/100 4 2023-11-14 22:13 /home/user/notes",
        "lrwxrwxrwx 0/0 7 2023-11-14 22:13 /lib -> usr/lib",
        "drwxr-xr-x 0/0 SIZE 2023-11-14 22:13 /run",
        "prw------- 0/0 0 2023-11-14 22:13 /run/initctl",
        "drwxrwxrwt 0/0 SIZE 2023-11-14 22:13 /tmp",
        "drwxr-xr-x 0/0 SIZE 2023-11-14 22:13 /usr",
        "drwxr-xr-x 0/0 SIZE 2023-11-14 22:13 /usr/lib",
        "-rw-r--r-- 0/0 0 2023-11-14 22:13 /usr/lib/empty",
    ];

    private static IEnumerable<string> WithoutDirectorySizes(IEnumerable<string> lines) =>
        lines.Select(l => l.StartsWith('d') ? string.Join(' ', l.Split(' ') is var f ? [f[0], f[1], "SIZE", .. f[3..]] : []) : l);

    [Theory]
    [InlineData(SquashfsInput.PseudoFile)]
    [InlineData(SquashfsInput.Tar)]
    public void Owners_modes_devices_fifos_and_symlinks_read_back_exactly(SquashfsInput input)
    {
        Fixture.Apply(SampleTrees.Everything());

        var image = Build(Fixture, "rootfs.img", new SquashfsOptions { SourceDateEpoch = 1_750_000_000, Input = input });

        // squashfs-tools 4.5.1 stamps a tar-built root with the build time, capped at the epoch.
        var root = input == SquashfsInput.Tar ? "drwxr-xr-x 0/0 SIZE 2025-06-15 15:06 /" : Expected[0];
        Assert.Equal([root, .. Expected[1..]], WithoutDirectorySizes(Unsquashfs.List(image)));
    }

    [Fact]
    public void Hard_links_read_back_as_one_inode_and_equal_contents_as_separate_files()
    {
        Fixture.Apply(SampleTrees.Everything());
        var image = Build(Fixture, "rootfs.img");
        var root = Path.Combine(Fixture.Scratch, "x");

        Unsquashfs.Extract(image, root, ["-no-xattrs"], ["bin", "home"]);

        Assert.Equal(Inode(Path.Combine(root, "bin/busybox")), Inode(Path.Combine(root, "bin/sh")));
        Assert.Equal(Inode(Path.Combine(root, "bin/busybox")), Inode(Path.Combine(root, "bin/ls")));
        Assert.NotEqual(Inode(Path.Combine(root, "home/user/notes")), Inode(Path.Combine(root, "home/user/copy of notes")));
        Assert.Equal("busybox binary", File.ReadAllText(Path.Combine(root, "bin/sh")));
    }

    [Fact]
    public void Xattrs_reach_the_image_through_the_tar_input()
    {
        Fixture.Apply(SampleTrees.WithXattrs());
        var image = Build(Fixture, "rootfs.img");
        var root = Path.Combine(Fixture.Scratch, "x");
        var privileged = Environment.UserName == "root";

        // unsquashfs can only set security.* as root; unprivileged it extracts the user.* ones.
        Unsquashfs.Extract(image, root, privileged ? [] : ["-user-xattrs"], ["bin"]);

        var dump = ProcessRunner.Run("getfattr", ["-d", "-m", "-", "-e", "hex", "bin/ping"], root);
        Assert.True(dump.ExitCode == 0, dump.ToString());
        Assert.Contains("user.origin=0x6c61796572206f6e65", dump.Stdout, StringComparison.Ordinal);
        if (privileged)
        {
            Assert.Contains("security.capability=0x" + Convert.ToHexStringLower(SampleTrees.Capability), dump.Stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("user.origin", ProcessRunner.Run("getfattr", ["-d", "-m", "-", "bin/busybox"], root).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SquashfsInput.PseudoFile)]
    [InlineData(SquashfsInput.Tar)]
    public void Two_builds_of_the_same_layers_are_byte_identical_whatever_the_umask_store_and_order(SquashfsInput input)
    {
        var options = new SquashfsOptions { SourceDateEpoch = 1_750_000_000, Input = input, Processors = 1 };
        Fixture.Apply(SampleTrees.Everything());
        var first = Build(Fixture, "first.img", options);

        // Same content, applied in a different entry order into another store, under another umask.
        using var other = new TreeFixture();
        other.Apply(new LayerBuilder().Dir("usr/lib").File("usr/lib/empty", "").Dir("tmp", 0b001_111_111_111), "sha256:other");
        other.Apply(SampleTrees.Everything(), "sha256:again");
        var previous = Umask(0b000_111_111);
        string second;
        try
        {
            second = Build(other, "second.img", options with { Processors = 2 });
        }
        finally
        {
            _ = Umask(previous);
        }

        Assert.Equal(Sha256(first), Sha256(second));
    }

    [Fact]
    public void The_epoch_fixes_the_creation_time_and_caps_mtimes()
    {
        Fixture.Apply(SampleTrees.Everything());

        var image = Build(Fixture, "rootfs.img", new SquashfsOptions { SourceDateEpoch = 86_400 });

        // The root has no time of its own in these layers (0); everything else is capped.
        Assert.All(Unsquashfs.List(image).Skip(1), line => Assert.Contains(" 1970-01-02 00:00 ", line, StringComparison.Ordinal));
        var stat = ProcessRunner.Run("unsquashfs", ["-s", image], Fixture.Scratch);
        Assert.Contains("Creation or last append time Fri Jan  2 00:00:00 1970", stat.Stdout, StringComparison.Ordinal);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string Inode(string path) => ProcessRunner.Run("stat", ["-c", "%i", path], "/").Stdout.Trim();

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
