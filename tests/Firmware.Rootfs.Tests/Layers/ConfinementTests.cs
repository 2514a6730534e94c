using System.Formats.Tar;
using Firmware.Rootfs.Layers;
using Firmware.Rootfs.Tests.Support;

namespace Firmware.Rootfs.Tests.Layers;

[Trait("Category", "Malformed")]
public sealed class ConfinementTests : TreeTestBase
{
    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/../etc/passwd")]
    [InlineData("a/../../etc/passwd")]
    [InlineData("./../x")]
    [InlineData("a/b/../../../x")]
    public void A_path_that_leaves_the_root_is_rejected_naming_layer_and_entry(string name)
    {
        var error = Fixture.Reject(new LayerBuilder().File(name, "pwned"), "sha256:feed");

        Assert.Equal(RootfsError.PathEscape, error.Error);
        Assert.Equal("sha256:feed", error.Source);
        Assert.Equal(name, error.Entry);
        Assert.Contains("sha256:feed", error.Message, StringComparison.Ordinal);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/hostname", "/etc/hostname")]
    [InlineData("./etc//hostname", "/etc/hostname")]
    [InlineData("etc/x/../hostname", "/etc/hostname")]
    public void Paths_that_normalize_inside_the_root_are_placed_there(string name, string expected)
    {
        Fixture.Apply(new LayerBuilder().File(name, "box"));

        Assert.Equal("box", Fixture.Text(expected));
    }

    [Theory]
    [InlineData("/usr/lib")]
    [InlineData("../../../../")]
    [InlineData("/")]
    [InlineData("usr")]
    public void An_entry_below_a_symlink_of_a_lower_layer_is_rejected(string target)
    {
        Fixture.Apply(new LayerBuilder().Dir("usr").Symlink("lib", target), "sha256:lower");

        var error = Fixture.Reject(new LayerBuilder().File("lib/evil.so", "x"), "sha256:upper");

        Assert.Equal(RootfsError.PathThroughSymlink, error.Error);
        Assert.Equal("sha256:upper", error.Source);
        Assert.Null(Fixture.Tree.Find("/usr/evil.so"));
    }

    [Fact]
    public void An_entry_below_a_symlink_of_the_same_layer_is_rejected()
    {
        var error = Fixture.Reject(new LayerBuilder().Symlink("escape", "../../..").File("escape/etc/shadow", "x"));

        Assert.Equal(RootfsError.PathThroughSymlink, error.Error);
        Assert.Equal("escape/etc/shadow", error.Entry);
    }

    [Fact]
    public void A_directory_entry_below_a_symlink_is_rejected()
    {
        var error = Fixture.Reject(new LayerBuilder().Symlink("d", "/tmp").Dir("d/sub"));

        Assert.Equal(RootfsError.PathThroughSymlink, error.Error);
    }

    [Fact]
    public void A_hard_link_whose_target_path_goes_through_a_symlink_is_rejected()
    {
        var error = Fixture.Reject(new LayerBuilder().Symlink("s", "/etc").HardLink("shadow", "s/shadow"));

        Assert.Equal(RootfsError.PathThroughSymlink, error.Error);
    }

    [Theory]
    [InlineData("../etc/shadow")]
    [InlineData("/../../etc/shadow")]
    public void A_hard_link_whose_target_leaves_the_root_is_rejected(string target)
    {
        var error = Fixture.Reject(new LayerBuilder().HardLink("shadow", target));

        Assert.Equal(RootfsError.PathEscape, error.Error);
    }

    [Fact]
    public void A_symlink_may_point_anywhere_because_it_is_never_followed()
    {
        Fixture.Apply(new LayerBuilder().Symlink("etc-host", "../../../../etc").Symlink("abs", "/etc/shadow"));

        Assert.Equal("../../../../etc", Assert.IsType<Firmware.Rootfs.Tree.SymlinkNode>(Fixture.Tree.Find("/etc-host")).Target);
    }

    [Fact]
    public void A_symlink_replaced_by_a_directory_is_a_directory_not_a_redirect()
    {
        Fixture.Apply(new LayerBuilder().Symlink("lib", "/tmp"));
        Fixture.Apply(new LayerBuilder().Dir("lib").File("lib/ok", "x"), "sha256:2");

        Assert.Equal("x", Fixture.Text("/lib/ok"));
    }

    [Fact]
    public void An_entry_below_a_regular_file_is_rejected()
    {
        var error = Fixture.Reject(new LayerBuilder().File("f", "x").File("f/g", "y"));

        Assert.Equal(RootfsError.ParentNotDirectory, error.Error);
    }

    [Fact]
    public void A_name_with_a_component_longer_than_255_bytes_is_rejected()
    {
        var error = Fixture.Reject(new LayerBuilder().File("d/" + new string('n', 256), "x"));

        Assert.Equal(RootfsError.InvalidName, error.Error);
    }

    [Fact]
    public void A_name_holding_NUL_is_rejected()
    {
        var error = Assert.Throws<RootfsException>(() => Firmware.Rootfs.Tree.TreePath.Split("etc/pass\0wd", "sha256:x"));

        Assert.Equal(RootfsError.InvalidName, error.Error);
    }

    [Fact]
    public void A_file_above_the_size_limit_is_rejected_before_it_is_spooled()
    {
        using var blob = new MemoryStream(new LayerBuilder().File("big", "0123456789").Tar());

        var error = Assert.Throws<RootfsException>(() =>
            OciLayer.Apply(Fixture.Tree, blob, "sha256:big", options: new LayerOptions { MaxFileSize = 4 }));

        Assert.Equal(RootfsError.EntryTooLarge, error.Error);
        Assert.Empty(Directory.GetFiles(Fixture.Store.Directory));
    }

    [Theory]
    [InlineData('S')] // GNU sparse
    [InlineData('M')] // GNU multi-volume continuation
    [InlineData('V')] // GNU volume header
    public void Unsupported_entry_types_are_rejected(char typeFlag)
    {
        var tar = new LayerBuilder(TarEntryFormat.Gnu).File("odd", "").Tar();
        RawTar.SetTypeFlag(tar, 0, typeFlag);

        var error = Assert.Throws<RootfsException>(() => Fixture.Apply(tar, "sha256:odd"));

        Assert.True(error.Error is RootfsError.UnsupportedEntryType or RootfsError.MalformedLayer, error.ToString());
        Assert.Equal("sha256:odd", error.Source);
    }

    [Fact]
    public void A_truncated_layer_is_malformed()
    {
        var tar = new LayerBuilder().File("a", new string('x', 5000)).Tar();

        var error = Assert.Throws<RootfsException>(() => Fixture.Apply(tar[..1500], "sha256:cut"));

        Assert.Equal(RootfsError.MalformedLayer, error.Error);
        Assert.Equal("sha256:cut", error.Source);
    }

    [Fact]
    public void A_corrupt_gzip_layer_is_malformed()
    {
        byte[] blob = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x17, 0x42];

        var error = Assert.Throws<RootfsException>(() => Fixture.Apply(blob, "sha256:gz"));

        Assert.Equal(RootfsError.MalformedLayer, error.Error);
    }
}
