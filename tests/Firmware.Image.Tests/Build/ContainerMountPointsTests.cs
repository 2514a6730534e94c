using System.Text;
using Firmware.Image.Build;
using Firmware.Rootfs.Tree;

namespace Firmware.Image.Tests.Build;

[Trait("Category", "Unit")]
public sealed class ContainerMountPointsTests
{
    [Fact]
    public void Mount_points_are_made_as_directories_or_files_and_nested_ones_are_left_to_runc()
    {
        using var scratch = new ScratchDirectory();
        var tree = new RootfsTree(new ContentStore(scratch.Of("store")));
        tree.AddFile("etc/hostname", "fw\n"u8, (UnixFileMode)0x1A4, 0, 0);
        tree.AddDirectory("containers/services/x/rootfs/bin", RootfsTree.ImplicitDirectoryMode, 0, 0);
        var config = Encoding.UTF8.GetBytes("""
            {"root":{"path":"rootfs","readonly":true},"mounts":[
              {"destination":"/proc","type":"proc","source":"proc"},
              {"destination":"/dev","type":"tmpfs","source":"tmpfs"},
              {"destination":"/dev/pts","type":"devpts","source":"devpts"},
              {"destination":"/etc/hostname","type":"bind","source":"/etc/hostname","options":["rbind","ro"]},
              {"destination":"/run/","type":"bind","source":"/run","options":["rbind"]},
              {"destination":"/bin","type":"bind","source":"/bin","options":["rbind"]}]}
            """);
        ContainerMountPoints.Add(tree, "containers/services/x", config, 7);
        Assert.IsType<DirectoryNode>(tree.Find("containers/services/x/rootfs/proc"));
        Assert.IsType<DirectoryNode>(tree.Find("containers/services/x/rootfs/dev"));
        Assert.Null(tree.Find("containers/services/x/rootfs/dev/pts"));
        Assert.Equal(0, Assert.IsType<RegularFileNode>(tree.Find("containers/services/x/rootfs/etc/hostname")).Content.Length);
        Assert.Equal(7, tree.Find("containers/services/x/rootfs/run")!.MTime);
        Assert.IsType<DirectoryNode>(tree.Find("containers/services/x/rootfs/bin")); // already there: kept
    }
}
