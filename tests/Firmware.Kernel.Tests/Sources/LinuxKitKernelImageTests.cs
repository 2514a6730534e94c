using System.Formats.Tar;
using Firmware.Kernel.Modules;
using Firmware.Kernel.Sources;
using Firmware.Kernel.Tests.Support;

namespace Firmware.Kernel.Tests.Sources;

/// <summary>A LinuxKit kernel image's flattened files: /kernel and /kernel.tar with lib/modules/VERSION (linuxkit docs/kernels.md).</summary>
[Trait("Category", "Unit")]
public sealed class LinuxKitKernelImageTests
{
    private const string Version = "6.6.13-linuxkit";

    [Theory]
    [InlineData("kernel")]
    [InlineData("bzImage")]
    [InlineData("Image")]
    public void Unpacks_kernel_and_modules_and_resolves_them(string kernelName)
    {
        using var scratch = new ScratchDirectory();
        var image = Image(scratch, kernelName, ("lib/modules/" + Version + "/kernel/fs/squashfs/squashfs.ko", ElfBuilder.Module(false, "name=squashfs", "depends=")),
            ("lib/modules/" + Version + "/kernel/fs/overlayfs/overlay.ko", ElfBuilder.Module(false, "name=overlay", "depends=")),
            ("lib/modules/" + Version + "/modules.builtin", "kernel/fs/ext4/ext4.ko\n"u8.ToArray()));
        var tree = LinuxKitKernelImage.Extract(new DirectoryFiles(image), scratch.Of("tree"));
        Assert.Equal(Version, tree.Version);
        Assert.Equal("bzImage bytes", File.ReadAllText(tree.KernelImage));
        var plan = ModuleResolver.Resolve(ModuleIndex.Load(tree), ["squashfs", "overlay", "ext4"]);
        Assert.Equal(["squashfs", "overlay"], plan.Load.Select(m => m.Name));
        Assert.Equal(["ext4"], plan.Builtin);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void An_image_without_a_kernel_leaves_nothing()
    {
        using var scratch = new ScratchDirectory();
        var image = Image(scratch, null, ("lib/modules/" + Version + "/kernel/a.ko", ElfBuilder.Module(false, "name=a")));
        var error = Assert.Throws<KernelException>(() => LinuxKitKernelImage.Extract(new DirectoryFiles(image), scratch.Of("tree")));
        Assert.Equal(KernelError.KernelImageMissing, error.Error);
        Assert.Equal(["image"], Directory.EnumerateFileSystemEntries(scratch.Path).Select(Path.GetFileName));
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void A_modules_tar_with_two_versions_is_ambiguous()
    {
        using var scratch = new ScratchDirectory();
        var image = Image(scratch, "kernel", ("lib/modules/6.6.1/kernel/a.ko", [1]), ("lib/modules/6.6.2/kernel/b.ko", [2]));
        var error = Assert.Throws<KernelException>(() => LinuxKitKernelImage.Extract(new DirectoryFiles(image), scratch.Of("tree")));
        Assert.Equal(KernelError.VersionAmbiguous, error.Error);
        Assert.Contains("6.6.1, 6.6.2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void A_kernel_without_squashfs_cannot_make_a_slot_initramfs()
    {
        using var scratch = new ScratchDirectory();
        var image = Image(scratch, "kernel", ("lib/modules/" + Version + "/kernel/fs/ext4/ext4.ko", ElfBuilder.Module(false, "name=ext4", "depends=")));
        var tree = LinuxKitKernelImage.Extract(new DirectoryFiles(image), scratch.Of("tree"));
        var error = Assert.Throws<KernelException>(() => ModuleResolver.Resolve(ModuleIndex.Load(tree), BoardModules.For("qemu-x86_64")));
        Assert.Equal(KernelError.RootFilesystemModuleMissing, error.Error);
        Assert.Contains($"kernel {Version} has no module for the root filesystem", error.Message, StringComparison.Ordinal);
    }

    private static string Image(ScratchDirectory scratch, string? kernelName, params (string Path, byte[] Data)[] modules)
    {
        var image = Directory.CreateDirectory(scratch.Of("image")).FullName;
        if (kernelName is not null)
        {
            File.WriteAllText(Path.Combine(image, kernelName), "bzImage bytes");
        }

        using var tar = File.Create(Path.Combine(image, LinuxKitKernelImage.DefaultTar));
        using var writer = new TarWriter(tar);
        foreach (var (path, data) in modules)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(data) });
        }

        return image;
    }
}
