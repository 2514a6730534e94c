using System.Formats.Tar;
using System.IO.Compression;
using Firmware.Kernel.Initramfs;
using Firmware.Kernel.Sources;
using Firmware.Kernel.Tests.Support;

namespace Firmware.Kernel.Tests.Debian;

[Trait("Category", "Malformed")]
public sealed class MalformedPackageTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public void A_truncated_busybox_package_is_a_clear_error()
    {
        var deb = File.ReadAllBytes(DebCache.Fetch("busybox-static:amd64"));
        var error = Assert.Throws<KernelException>(() => BusyboxPackage.ReadBinary(new MemoryStream(deb[..(deb.Length / 2)]), "busybox-static.deb"));
        Assert.True(error.Error is KernelError.MalformedArchive or KernelError.MalformedPackage, error.ToString());
        Assert.Contains("busybox-static.deb", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("truncated")]
    [InlineData("escape")]
    [InlineData("two versions")]
    public void A_broken_kernel_package_leaves_no_tree(string how)
    {
        using var scratch = new ScratchDirectory();
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            Add(writer, "./boot/vmlinuz-6.1.0-1-amd64", new byte[4096]);
            Add(writer, "./lib/modules/6.1.0-1-amd64/kernel/fs/squashfs/squashfs.ko", ElfBuilder.Module(false, "name=squashfs"));
            Add(writer, how switch
            {
                "escape" => "./lib/modules/../../../etc/passwd",
                "two versions" => "./lib/modules/6.1.0-2-amd64/kernel/x.ko",
                _ => "./lib/modules/6.1.0-1-amd64/kernel/big.ko",
            }, new byte[100_000]);
        }

        var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        var data = how == "truncated" ? gz.ToArray()[..(int)(gz.Length - 200)] : gz.ToArray();
        var archive = ArBuilder.Build(("debian-binary", "2.0\n"u8.ToArray()), ("control.tar.gz", []), ("data.tar.gz", data));
        var error = Assert.Throws<KernelException>(() => DebianKernelPackage.Extract(new MemoryStream(archive), "linux-image.deb", scratch.Of("tree")));
        Assert.Equal(how == "two versions" ? KernelError.VersionAmbiguous : KernelError.MalformedPackage, error.Error);
        Assert.Contains("linux-image.deb", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path));
    }

    private static void Add(TarWriter writer, string name, byte[] data) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
}
