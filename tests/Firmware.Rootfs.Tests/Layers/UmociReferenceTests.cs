using System.Formats.Tar;
using Firmware.Rootfs.Tests.Support;

namespace Firmware.Rootfs.Tests.Layers;

/// <summary>
/// The same OCI image applied here and unpacked by umoci (Debian package umoci), the reference.
/// `umoci unpack --rootless` runs unprivileged and so cannot chown or make device nodes: against
/// it we compare what it can represent (which paths survive the whiteouts, types, permission
/// bits, contents, symlink targets, hard-link groups). When the test runs as root, a privileged
/// `umoci unpack` is compared as well, owners and device nodes included.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UmociReferenceTests : TreeTestBase
{
    private static List<byte[]> Layers() =>
    [
        new LayerBuilder()
            .Dir("etc").File("etc/passwd", "root:x:0:0", 0b110_100_100).File("etc/gone", "lower", 0b110_100_100, 5, 6)
            .Dir("opt", 0b111_101_101, 7, 8).Dir("opt/old").File("opt/old/data", "old").File("opt/keep-not", "lower")
            .Dir("var").Dir("var/cache").File("var/cache/a", "a").File("var/cache/b", "b")
            .Dir("bin").File("bin/busybox", "bb", 0b111_101_101).HardLink("bin/sh", "bin/busybox").Symlink("bin/vi", "busybox")
            .File("bin/su", "su", 0b100_111_101_101, 0, 0)
            .Dir("srv").Dir("srv/site").File("srv/site/index", "i")
            .File("data", "file becomes dir")
            .Dir("home", 0b111_101_101).Dir("home/user", 0b111_000_000, 1000, 1000).File("home/user/notes", "n", 0b110_000_000, 1000, 1000)
            .Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
            .Tar(),
        new LayerBuilder()
            .Whiteout("etc", "gone")
            .Whiteout("", "srv")
            .File("opt/new-before", "same layer, before the marker").Opaque("opt").File("opt/new-after", "same layer, after the marker")
            .Opaque("var/cache").File("var/cache/c", "c")
            .HardLink("bin/ash", "bin/busybox")
            .File("srv", "dir becomes file")
            .Dir("data").File("data/inside", "now a dir")
            .File("etc/passwd", "root:x:0:0:replaced", 0b110_100_100)
            .Tar(),
    ];

    private string Unpack(bool rootless)
    {
        var layout = Path.Combine(Fixture.Scratch, "oci");
        if (!Directory.Exists(layout))
        {
            OciLayoutWriter.Write(layout, "test", Layers());
        }

        var bundle = Path.Combine(Fixture.Scratch, rootless ? "bundle-rootless" : "bundle");
        string[] args = rootless ? ["unpack", "--rootless", "--image", $"{layout}:test", bundle] : ["unpack", "--image", $"{layout}:test", bundle];
        var result = ProcessRunner.Run("umoci", args, Fixture.Scratch);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Path.Combine(bundle, "rootfs");
    }

    private void ApplyHere()
    {
        var layers = Layers();
        for (var i = 0; i < layers.Count; i++)
        {
            Fixture.Apply(layers[i], $"layer {i}");
        }
    }

    [Fact]
    public void Whiteouts_opaque_directories_contents_modes_and_hard_links_match_a_rootless_umoci_unpack()
    {
        ApplyHere();
        var reference = Unpack(rootless: true);

        // Rootless umoci cannot chown or mknod: owners are the caller's, and a device node
        // becomes an empty regular file standing in for it. Compare everything else.
        static object Representable(HostEntry e) => new { e.Path, e.Type, e.Mode, e.Detail };
        var ours = HostTree.Of(Fixture.Tree, Fixture.Store);
        var devices = ours.Where(e => e.Type is 'c' or 'b').Select(e => e.Path).ToHashSet();
        var theirsAll = HostTree.Of(reference);
        Assert.Equal(["/dev/null"], devices);
        Assert.All(theirsAll.Where(e => devices.Contains(e.Path)), e => Assert.Equal('f', e.Type));
        var theirs = theirsAll.Where(e => !devices.Contains(e.Path)).Select(Representable).ToList();
        var ourRepresentable = ours.Where(e => !devices.Contains(e.Path)).Select(Representable).ToList();

        Assert.Equal(theirs.Select(e => e.ToString()), ourRepresentable.Select(e => e.ToString()));
        Assert.Equal(HostTree.HardLinkGroups(reference), HostTree.HardLinkGroups(Fixture.Tree));
        Assert.Equal(["/bin/ash /bin/busybox /bin/sh"], HostTree.HardLinkGroups(Fixture.Tree));
        Assert.Equal(["/opt/new-after", "/opt/new-before"], ours.Where(e => e.Path.StartsWith("/opt/", StringComparison.Ordinal)).Select(e => e.Path));
        Assert.Equal(["/var/cache/c"], ours.Where(e => e.Path.StartsWith("/var/cache/", StringComparison.Ordinal)).Select(e => e.Path));
    }

    [Fact]
    public void Owners_and_device_nodes_match_a_privileged_umoci_unpack()
    {
        if (Environment.UserName != "root")
        {
            // Without root, umoci cannot make what this compares; the rootless test above still runs.
            return;
        }

        ApplyHere();
        var reference = Unpack(rootless: false);

        Assert.Equal(HostTree.Of(reference).Select(e => e.ToString()), HostTree.Of(Fixture.Tree, Fixture.Store).Select(e => e.ToString()));
    }
}
