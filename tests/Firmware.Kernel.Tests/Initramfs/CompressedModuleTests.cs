using System.IO.Compression;
using Firmware.Kernel.Initramfs;
using Firmware.Kernel.Modules;
using Firmware.Kernel.Tests.Support;

namespace Firmware.Kernel.Tests.Initramfs;

/// <summary>Kernels built with CONFIG_MODULE_COMPRESS ship .ko.zst or .ko.gz; the initramfs carries them as plain .ko.</summary>
[Trait("Category", "Unit")]
public sealed class CompressedModuleTests
{
    [Theory]
    [InlineData(".ko.zst")]
    [InlineData(".ko.gz")]
    public void Compressed_modules_are_read_and_carried_uncompressed(string suffix)
    {
        using var scratch = new ScratchDirectory();
        var modules = Directory.CreateDirectory(scratch.Of("lib/modules/6.9.0/kernel/fs")).FullName;
        var squashfs = ElfBuilder.Module(false, "name=squashfs", "depends=");
        var overlay = ElfBuilder.Module(true, "name=overlay", "depends=squashfs");
        File.WriteAllBytes(Path.Combine(modules, "squashfs" + suffix), Compress(squashfs, suffix));
        File.WriteAllBytes(Path.Combine(modules, "overlay" + suffix), Compress(overlay, suffix));
        var tree = new KernelTree(scratch.Path, "6.9.0", scratch.Of("boot/vmlinuz-6.9.0"));

        var plan = InitramfsBuilder.Plan(tree, ModuleResolver.Resolve(ModuleIndex.Scan(tree), ["overlay"]), new InitramfsOptions(new byte[] { 1 }, 0));

        Assert.Equal(["squashfs", "overlay"], plan.Modules.Load.Select(m => m.Name));
        var files = plan.Entries.OfType<Firmware.Kernel.Cpio.CpioFile>().ToDictionary(f => f.Path);
        Assert.Equal(squashfs, files["lib/modules/6.9.0/kernel/fs/squashfs.ko"].Contents.ToArray());
        Assert.Equal(overlay, files["lib/modules/6.9.0/kernel/fs/overlay.ko"].Contents.ToArray());
        Assert.Equal("kernel/fs/squashfs.ko\nkernel/fs/overlay.ko\n", System.Text.Encoding.UTF8.GetString(files["lib/modules/6.9.0/load.list"].Contents.Span));
        Assert.Contains(plan.Items, i => i is { Path: "lib/modules/6.9.0/kernel/fs", Kind: "directory" });
    }

    private static byte[] Compress(byte[] data, string suffix)
    {
        if (suffix == ".ko.zst")
        {
            using var zstd = new ZstdSharp.Compressor();
            return zstd.Wrap(data).ToArray();
        }

        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
