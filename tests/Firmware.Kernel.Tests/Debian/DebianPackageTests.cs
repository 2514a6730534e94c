using Firmware.Kernel.Tests.Support;

namespace Firmware.Kernel.Tests.Debian;

[Collection(KernelGroup.Name)]
[Trait("Category", "Integration")]
public sealed class DebianPackageTests(KernelFixture kernel)
{
    [Fact]
    public void Unpacks_the_kernel_image_version_and_module_tree()
    {
        var tree = kernel.Tree;
        Assert.Matches(@"^\d+\.\d+\.\d+-\d+-amd64$", tree.Version);
        Assert.True(new FileInfo(tree.KernelImage).Length > 4 << 20, "a bzImage is several MiB");
        Assert.True(File.Exists(Path.Combine(tree.ModulesDirectory, "kernel/fs/squashfs/squashfs.ko")));
        Assert.True(File.Exists(Path.Combine(tree.ModulesDirectory, "modules.builtin")));
        Assert.NotNull(tree.ConfigFile);
        // Cross-check against dpkg-deb's own reading of the same package.
        var listing = ProcessRunner.Run("sh", ["-c", $"dpkg-deb --fsys-tarfile '{KernelFixture.DebPath}' | tar -t | grep -c '\\.ko$'"], "/");
        Assert.Equal(listing.Stdout.Trim(), Directory.EnumerateFiles(tree.ModulesDirectory, "*.ko", SearchOption.AllDirectories).Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Debian_config_supports_the_gzip_initramfs()
    {
        var config = File.ReadAllLines(kernel.Tree.ConfigFile!);
        Assert.Contains("CONFIG_RD_GZIP=y", config);
        Assert.Contains("CONFIG_DEVTMPFS=y", config);
    }
}
