using System.Text;
using Firmware.Rootfs.Layers;
using Firmware.Rootfs.Layout;
using Firmware.Rootfs.Tests.Support;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Tests.Layout;

[Trait("Category", "Unit")]
public sealed class SystemContainerLayoutTests : TreeTestBase
{
    private RootfsTree Image(LayerBuilder layer, string name = "sha256:image")
    {
        var image = new RootfsTree(Fixture.Store);
        using var blob = new MemoryStream(layer.Tar());
        OciLayer.Apply(image, blob, name);
        return image;
    }

    private static byte[] Config(string name) => Encoding.UTF8.GetBytes("{\"ociVersion\":\"1.1.0\",\"process\":{\"args\":[\"/bin/" + name + "\"]}}");

    [Fact]
    public void Onboot_containers_are_numbered_in_order_and_services_are_named()
    {
        var layout = new SystemContainerLayout(Fixture.Tree);
        var tool = Image(new LayerBuilder().File("bin/tool", "tool", 0b111_101_101));

        Assert.Equal("/containers/onboot/000-sysctl", layout.AddOnboot("sysctl", Config("sysctl"), tool));
        Assert.Equal("/containers/onboot/001-format", layout.AddOnboot("format", Config("format"), tool));
        Assert.Equal("/containers/onshutdown/000-sync", layout.AddOnShutdown("sync", Config("sync"), tool));
        Assert.Equal("/containers/services/fwagent", layout.AddService("fwagent", Config("fwagent"), tool, Config("runtime")));

        Assert.Equal(
        [
            "/", "/containers",
            "/containers/onboot",
            "/containers/onboot/000-sysctl", "/containers/onboot/000-sysctl/config.json", "/containers/onboot/000-sysctl/rootfs",
            "/containers/onboot/000-sysctl/rootfs/bin", "/containers/onboot/000-sysctl/rootfs/bin/tool",
            "/containers/onboot/001-format", "/containers/onboot/001-format/config.json", "/containers/onboot/001-format/rootfs",
            "/containers/onboot/001-format/rootfs/bin", "/containers/onboot/001-format/rootfs/bin/tool",
            "/containers/onshutdown",
            "/containers/onshutdown/000-sync", "/containers/onshutdown/000-sync/config.json", "/containers/onshutdown/000-sync/rootfs",
            "/containers/onshutdown/000-sync/rootfs/bin", "/containers/onshutdown/000-sync/rootfs/bin/tool",
            "/containers/services",
            "/containers/services/fwagent", "/containers/services/fwagent/config.json", "/containers/services/fwagent/rootfs",
            "/containers/services/fwagent/rootfs/bin", "/containers/services/fwagent/rootfs/bin/tool", "/containers/services/fwagent/runtime.json",
        ], Fixture.Paths());
        Assert.Equal(Encoding.UTF8.GetString(Config("fwagent")), Fixture.Text("/containers/services/fwagent/config.json"));
        var config = Fixture.Tree.Find("/containers/services/fwagent/config.json")!;
        Assert.Equal(((UnixFileMode)0b110_100_100, 0, 0, 0L), (config.Mode, config.Uid, config.Gid, config.MTime));
    }

    [Fact]
    public void One_image_grafted_twice_shares_no_inode_but_keeps_its_own_hard_links()
    {
        var layout = new SystemContainerLayout(Fixture.Tree);
        var image = Image(new LayerBuilder().File("bin/busybox", "bb").HardLink("bin/sh", "bin/busybox"));

        layout.AddService("a", Config("a"), image);
        layout.AddService("b", Config("b"), image);

        var a = Fixture.Tree.Find("/containers/services/a/rootfs/bin/busybox");
        Assert.Same(a, Fixture.Tree.Find("/containers/services/a/rootfs/bin/sh"));
        Assert.NotSame(a, Fixture.Tree.Find("/containers/services/b/rootfs/bin/busybox"));
        Assert.NotSame(a, image.Find("/bin/busybox"));
    }

    [Fact]
    public void A_second_service_of_the_same_name_is_a_conflict()
    {
        var layout = new SystemContainerLayout(Fixture.Tree);
        var image = Image(new LayerBuilder().File("x", "x"));
        layout.AddService("dup", Config("dup"), image);

        var error = Assert.Throws<RootfsException>(() => layout.AddService("dup", Config("dup"), image));

        Assert.Equal(RootfsError.Conflict, error.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("../../etc")]
    public void Container_names_that_are_not_one_component_are_rejected(string name)
    {
        var layout = new SystemContainerLayout(Fixture.Tree);

        var error = Assert.Throws<RootfsException>(() => layout.AddService(name, Config("x"), Image(new LayerBuilder().File("x", "x"))));

        Assert.Equal(RootfsError.InvalidName, error.Error);
    }

    [Fact]
    public void Init_images_merge_at_the_root_in_order_and_whiteouts_stay_inside_their_image()
    {
        var layout = new SystemContainerLayout(Fixture.Tree);
        var first = Image(new LayerBuilder().Dir("etc").File("etc/issue", "one").File("etc/keep", "k").Symlink("bin/sh", "busybox"), "sha256:init1");
        var second = new RootfsTree(Fixture.Store);
        foreach (var (layer, name) in new[] { (new LayerBuilder().File("etc/keep", "mine"), "sha256:l1"), (new LayerBuilder().Whiteout("etc", "keep").File("etc/issue", "two"), "sha256:l2") })
        {
            using var blob = new MemoryStream(layer.Tar());
            OciLayer.Apply(second, blob, name);
        }

        layout.AddInit(first);
        layout.AddInit(second);

        Assert.Equal("two", Fixture.Text("/etc/issue"));
        Assert.Equal("k", Fixture.Text("/etc/keep")); // the second image's whiteout hid only its own lower layer
        Assert.IsType<SymlinkNode>(Fixture.Tree.Find("/bin/sh"));
    }

    [Fact]
    public void Files_from_the_spec_land_with_their_metadata_and_replace_image_content()
    {
        Fixture.Apply(new LayerBuilder().File("etc/hostname", "image"));

        Fixture.Tree.AddFile("/etc/hostname", "device-01\n"u8, (UnixFileMode)0b110_100_100, 0, 0);
        Fixture.Tree.AddDirectory("/var/lib/fwagent", (UnixFileMode)0b111_000_000, 100, 101);
        Fixture.Tree.AddSymlink("/etc/localtime", "/usr/share/zoneinfo/UTC", 0, 0);

        Assert.Equal("device-01\n", Fixture.Text("/etc/hostname"));
        var state = Fixture.Tree.Find("/var/lib/fwagent")!;
        Assert.Equal(((UnixFileMode)0b111_000_000, 100, 101), (state.Mode, state.Uid, state.Gid));
        Assert.Equal("/usr/share/zoneinfo/UTC", Assert.IsType<SymlinkNode>(Fixture.Tree.Find("/etc/localtime")).Target);
    }

    [Theory]
    [InlineData("/../etc/passwd", RootfsError.PathEscape)]
    [InlineData("/", RootfsError.InvalidName)]
    [InlineData("/lib/evil", RootfsError.PathThroughSymlink)]
    public void Files_from_the_spec_are_confined_like_layer_entries(string path, RootfsError expected)
    {
        Fixture.Apply(new LayerBuilder().Symlink("lib", "/tmp"));

        var error = Assert.Throws<RootfsException>(() => Fixture.Tree.AddFile(path, "x"u8, (UnixFileMode)0b110_100_100, 0, 0));

        Assert.Equal(expected, error.Error);
        Assert.Equal("files", error.Source);
    }

    [Fact]
    public void A_graft_from_another_store_is_misuse()
    {
        using var other = new TreeFixture();

        var error = Assert.Throws<ArgumentException>(() => Fixture.Tree.Graft("/x", other.Tree));

        Assert.Equal("image", error.ParamName);
    }
}
