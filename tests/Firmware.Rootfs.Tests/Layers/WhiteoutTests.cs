using Firmware.Rootfs.Tests.Support;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Tests.Layers;

[Trait("Category", "Unit")]
public sealed class WhiteoutTests : TreeTestBase
{
    private TreeFixture Lower() => Fixture.Apply(new LayerBuilder()
        .Dir("etc").File("etc/a", "a").File("etc/b", "b")
        .Dir("opt").Dir("opt/x").File("opt/x/y", "y").File("opt/z", "z"), "sha256:lower");

    [Fact]
    public void A_whiteout_removes_the_named_file_from_lower_layers()
    {
        Lower().Apply(new LayerBuilder().Whiteout("etc", "a"), "sha256:upper");

        Assert.Null(Fixture.Tree.Find("/etc/a"));
        Assert.Equal("b", Fixture.Text("/etc/b"));
        Assert.DoesNotContain(Fixture.Paths(), p => p.Contains(".wh.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_whiteout_of_a_directory_removes_everything_below_it()
    {
        Lower().Apply(new LayerBuilder().Whiteout("opt", "x"));

        Assert.Equal(["/", "/etc", "/etc/a", "/etc/b", "/opt", "/opt/z"], Fixture.Paths());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_whiteout_never_hides_an_entry_of_its_own_layer(bool whiteoutFirst)
    {
        var upper = new LayerBuilder();
        if (whiteoutFirst)
        {
            upper.Whiteout("etc", "a").File("etc/a", "new");
        }
        else
        {
            upper.File("etc/a", "new").Whiteout("etc", "a");
        }

        Lower().Apply(upper);

        Assert.Equal("new", Fixture.Text("/etc/a"));
    }

    [Fact]
    public void A_whiteout_of_a_lower_directory_keeps_what_its_own_layer_wrote_inside_it()
    {
        Lower().Apply(new LayerBuilder().File("opt/x/new", "n").Whiteout("opt", "x"));

        Assert.Equal(["/", "/etc", "/etc/a", "/etc/b", "/opt", "/opt/x", "/opt/x/new", "/opt/z"], Fixture.Paths());
    }

    [Fact]
    public void A_whiteout_of_something_absent_changes_nothing()
    {
        Lower().Apply(new LayerBuilder().Whiteout("etc", "none").Whiteout("missing/dir", "x"));

        Assert.Equal(["/", "/etc", "/etc/a", "/etc/b", "/opt", "/opt/x", "/opt/x/y", "/opt/z"], Fixture.Paths());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_opaque_directory_hides_all_lower_entries_but_keeps_its_own_layers(bool markerFirst)
    {
        var upper = new LayerBuilder();
        if (markerFirst)
        {
            upper.Opaque("opt").File("opt/new", "n").File("opt/x/deep", "d");
        }
        else
        {
            upper.File("opt/new", "n").File("opt/x/deep", "d").Opaque("opt");
        }

        Lower().Apply(upper);

        Assert.Equal(["/", "/etc", "/etc/a", "/etc/b", "/opt", "/opt/new", "/opt/x", "/opt/x/deep"], Fixture.Paths());
    }

    [Fact]
    public void An_opaque_marker_only_affects_its_directory()
    {
        Lower().Apply(new LayerBuilder().Opaque("opt/x"));

        Assert.Equal(["/", "/etc", "/etc/a", "/etc/b", "/opt", "/opt/x", "/opt/z"], Fixture.Paths());
    }

    [Fact]
    public void A_later_layer_can_add_back_what_an_opaque_directory_hid()
    {
        Lower().Apply(new LayerBuilder().Opaque("etc"), "sha256:2").Apply(new LayerBuilder().File("etc/a", "again"), "sha256:3");

        Assert.Equal("again", Fixture.Text("/etc/a"));
        Assert.Null(Fixture.Tree.Find("/etc/b"));
    }

    [Theory]
    [InlineData(".wh..wh.plnk")]
    [InlineData(".wh.")]
    [InlineData(".wh..")]
    public void Unknown_whiteout_forms_are_rejected(string name)
    {
        var error = Lower().Reject(new LayerBuilder().File($"etc/{name}", ""));

        Assert.Equal(RootfsError.InvalidWhiteout, error.Error);
        Assert.Equal($"etc/{name}", error.Entry);
    }

    [Fact]
    public void A_whiteout_through_a_symlink_is_rejected()
    {
        Fixture.Apply(new LayerBuilder().Symlink("lib", "/usr/lib"));

        var error = Fixture.Reject(new LayerBuilder().Whiteout("lib", "libc.so"));

        Assert.Equal(RootfsError.PathThroughSymlink, error.Error);
    }

    [Fact]
    public void Whiteouts_keep_hard_links_of_the_removed_name_alive()
    {
        Fixture.Apply(new LayerBuilder().File("a", "x").HardLink("b", "a"));
        Fixture.Apply(new LayerBuilder().Whiteout("", "a"), "sha256:2");

        Assert.Null(Fixture.Tree.Find("/a"));
        Assert.IsType<RegularFileNode>(Fixture.Tree.Find("/b"));
    }
}
