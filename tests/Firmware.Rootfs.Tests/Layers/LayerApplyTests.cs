using System.Formats.Tar;
using System.Text;
using Firmware.Rootfs.Tests.Support;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Tests.Layers;

[Trait("Category", "Unit")]
public sealed class LayerApplyTests : TreeTestBase
{
    private static LayerBuilder Sample() => new LayerBuilder()
        .Dir("bin", 0b111_101_101).File("bin/su", "su", 0b100_111_101_101, 0, 0)
        .Dir("tmp", 0b001_111_111_111).File("home/u/notes", "hi", 0b110_000_000, 1000, 1001);

    [Theory]
    [InlineData("tar")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void Layers_apply_whatever_their_compression(string kind)
    {
        var layer = Sample();
        var blob = kind switch { "gzip" => layer.Gzip(), "zstd" => layer.Zstd(), _ => layer.Tar() };

        Fixture.Apply(blob);

        Assert.Equal(["/", "/bin", "/bin/su", "/home", "/home/u", "/home/u/notes", "/tmp"], Fixture.Paths());
        Assert.Equal("hi", Fixture.Text("/home/u/notes"));
    }

    [Fact]
    public void Modes_owners_and_mtimes_are_kept_including_setuid_and_sticky()
    {
        Fixture.Apply(Sample());

        var su = Fixture.Tree.Find("/bin/su")!;
        Assert.Equal((UnixFileMode)0b100_111_101_101, su.Mode);
        Assert.Equal((UnixFileMode)0b001_111_111_111, Fixture.Tree.Find("/tmp")!.Mode);
        var notes = Fixture.Tree.Find("/home/u/notes")!;
        Assert.Equal((1000, 1001), (notes.Uid, notes.Gid));
        Assert.Equal(LayerBuilder.Time.ToUnixTimeSeconds(), notes.MTime);
    }

    [Fact]
    public void Missing_parents_are_made_0755_root()
    {
        Fixture.Apply(Sample());

        var home = Fixture.Tree.Find("/home")!;
        Assert.Equal((RootfsTree.ImplicitDirectoryMode, 0, 0), (home.Mode, home.Uid, home.Gid));
    }

    [Fact]
    public void Identical_files_are_staged_once()
    {
        Fixture.Apply(new LayerBuilder().File("a", "same").File("b", "same").File("c", "other"));

        Assert.Equal(2, Directory.GetFiles(Fixture.Store.Directory).Length);
        Assert.NotSame(Fixture.Tree.Find("/a"), Fixture.Tree.Find("/b"));
    }

    [Fact]
    public void Hard_links_share_one_inode_with_their_target()
    {
        Fixture.Apply(new LayerBuilder().File("bin/busybox", "bb", 0b111_101_101).HardLink("bin/sh", "bin/busybox").HardLink("/bin/ls", "./bin/busybox"));

        var busybox = Fixture.Tree.Find("/bin/busybox");
        Assert.Same(busybox, Fixture.Tree.Find("/bin/sh"));
        Assert.Same(busybox, Fixture.Tree.Find("/bin/ls"));
        var walk = TreeWalker.Walk(Fixture.Tree).ToDictionary(e => e.Path);
        Assert.Null(walk["/bin/busybox"].HardLinkOf);
        Assert.Equal("/bin/busybox", walk["/bin/ls"].HardLinkOf);
        Assert.Equal("/bin/busybox", walk["/bin/sh"].HardLinkOf);
    }

    [Fact]
    public void Hard_links_may_name_a_file_of_a_lower_layer()
    {
        Fixture.Apply(new LayerBuilder().File("a", "x"));
        Fixture.Apply(new LayerBuilder().HardLink("b", "a"), "sha256:2");

        Assert.Same(Fixture.Tree.Find("/a"), Fixture.Tree.Find("/b"));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("dir")]
    [InlineData("")]
    public void Hard_links_to_nothing_or_to_a_directory_are_rejected(string target)
    {
        var layer = new LayerBuilder().Dir("dir");
        var entry = layer.Entry(TarEntryType.HardLink, "link", 0b110_100_100, 0, 0);
        entry.LinkName = target.Length == 0 ? "." : target;

        var error = Fixture.Reject(layer.Add(entry));

        Assert.Equal(RootfsError.HardLinkTargetInvalid, error.Error);
        Assert.Equal("link", error.Entry);
    }

    [Fact]
    public void Device_nodes_and_fifos_are_recorded_without_being_created()
    {
        Fixture.Apply(new LayerBuilder()
            .Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
            .Device("dev/sda", TarEntryType.BlockDevice, 8, 0, 0b110_110_000, 0, 6)
            .Fifo("run/initctl", 0b110_000_000));

        var nul = Assert.IsType<DeviceNode>(Fixture.Tree.Find("/dev/null"));
        Assert.Equal((DeviceKind.Character, 1, 3), (nul.Kind, nul.Major, nul.Minor));
        var sda = Assert.IsType<DeviceNode>(Fixture.Tree.Find("/dev/sda"));
        Assert.Equal((DeviceKind.Block, 8, 0, 6), (sda.Kind, sda.Major, sda.Minor, sda.Gid));
        Assert.IsType<FifoNode>(Fixture.Tree.Find("/run/initctl"));
    }

    [Fact]
    public void Xattrs_come_from_SCHILY_and_LIBARCHIVE_records()
    {
        byte[] capability = [0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] binary = [0x80, 0xFF, 0x00, 0x7F];
        Fixture.Apply(new LayerBuilder()
            .File("bin/ping", "p", pax: new() { ["SCHILY.xattr.security.capability"] = Encoding.UTF8.GetString(capability), ["SCHILY.xattr.user.note"] = "hello" })
            .File("bin/bin", "b", pax: new() { ["LIBARCHIVE.xattr.user.raw%20name"] = Convert.ToBase64String(binary).TrimEnd('='), ["SCHILY.xattr.user.raw name"] = "\uFFFD" }));

        var ping = Fixture.Tree.Find("/bin/ping")!;
        Assert.Equal(["security.capability", "user.note"], ping.Xattrs.Keys);
        Assert.Equal(capability, ping.Xattrs["security.capability"]);
        Assert.Equal(binary, Fixture.Tree.Find("/bin/bin")!.Xattrs["user.raw name"]);
    }

    [Fact]
    public void A_SCHILY_xattr_whose_bytes_were_not_UTF8_is_rejected_not_corrupted()
    {
        var error = Fixture.Reject(new LayerBuilder().File("f", "x", pax: new() { ["SCHILY.xattr.security.capability"] = "\u0001\uFFFD" }));

        Assert.Equal(RootfsError.InvalidXattr, error.Error);
    }

    [Fact]
    public void A_later_layer_replaces_an_earlier_file_and_a_duplicate_entry_in_one_layer_takes_the_last()
    {
        Fixture.Apply(new LayerBuilder().File("etc/motd", "one").File("etc/motd", "two"));
        Assert.Equal("two", Fixture.Text("/etc/motd"));

        Fixture.Apply(new LayerBuilder().File("etc/motd", "three", 0b110_000_000, 5, 5), "sha256:2");

        Assert.Equal("three", Fixture.Text("/etc/motd"));
        Assert.Equal(5, Fixture.Tree.Find("/etc/motd")!.Uid);
    }

    [Fact]
    public void A_directory_over_a_directory_takes_the_new_metadata_and_keeps_the_children()
    {
        Fixture.Apply(new LayerBuilder().Dir("srv").File("srv/a", "a"));
        Fixture.Apply(new LayerBuilder().Dir("srv", 0b111_000_000, 7, 8), "sha256:2");

        var srv = Fixture.Tree.Find("/srv")!;
        Assert.Equal((0b111_000_000, 7, 8), ((int)srv.Mode, srv.Uid, srv.Gid));
        Assert.Equal("a", Fixture.Text("/srv/a"));
    }

    [Fact]
    public void A_file_replacing_a_directory_removes_the_directory_and_its_children()
    {
        Fixture.Apply(new LayerBuilder().Dir("x").File("x/child", "c"));
        Fixture.Apply(new LayerBuilder().File("x", "now a file"), "sha256:2");

        Assert.Equal("now a file", Fixture.Text("/x"));
        Assert.Equal(["/", "/x"], Fixture.Paths());
    }

    [Fact]
    public void A_directory_replacing_a_file_or_symlink_starts_empty()
    {
        Fixture.Apply(new LayerBuilder().File("y", "file").Symlink("z", "/"));
        Fixture.Apply(new LayerBuilder().Dir("y").File("y/inside", "i").Dir("z"), "sha256:2");

        Assert.IsType<DirectoryNode>(Fixture.Tree.Find("/y"));
        Assert.IsType<DirectoryNode>(Fixture.Tree.Find("/z"));
        Assert.Equal("i", Fixture.Text("/y/inside"));
    }

    [Fact]
    public void The_root_entry_sets_the_root_directory_metadata()
    {
        Fixture.Apply(new LayerBuilder().Dir("./", 0b111_101_000, 0, 3));

        Assert.Equal((UnixFileMode)0b111_101_000, Fixture.Tree.Root.Mode);
        Assert.Equal(3, Fixture.Tree.Root.Gid);
    }

    [Fact]
    public void Ustar_gnu_and_v7_layers_read_like_pax()
    {
        foreach (var format in new[] { TarEntryFormat.Ustar, TarEntryFormat.Gnu, TarEntryFormat.V7 })
        {
            using var fixture = new TreeFixture();
            fixture.Apply(new LayerBuilder(format).Dir("d").File("d/f", format.ToString()).Symlink("d/l", "f"));
            Assert.Equal(format.ToString(), fixture.Text("/d/f"));
        }
    }
}
