using System.Text;
using Firmware.Kernel.Cpio;

namespace Firmware.Kernel.Tests.Cpio;

[Trait("Category", "Unit")]
public sealed class CpioNewcWriterTests
{
    internal static readonly CpioEntry[] Sample =
    [
        new CpioFile("bin/busybox", Encoding.ASCII.GetBytes("#!fake\n"), 0x1ED),
        new CpioSymlink("bin/sh", "busybox"),
        new CpioDirectory("bin"),
        new CpioDevice("dev/console", Block: false, Major: 5, Minor: 1),
        new CpioDirectory("dev"),
        new CpioFile("init", Encoding.ASCII.GetBytes("#!/bin/sh\necho hi\n"), 0x1ED),
        new CpioFile("empty", ReadOnlyMemory<byte>.Empty),
    ];

    [Fact]
    public void Headers_are_newc_with_padding_and_a_trailer()
    {
        var bytes = Write(Sample, 1700000000);
        Assert.Equal(0, bytes.Length % 4);
        var text = Encoding.ASCII.GetString(bytes);
        // First entry (sorted): "bin", inode 1, directory 040755, nlink 2, mtime, namesize 4 ("bin\0").
        Assert.StartsWith("070701" + "00000001" + "000041ED" + "00000000" + "00000000" + "00000002" + "6553F100" + "00000000"
            + "00000000" + "00000000" + "00000000" + "00000000" + "00000004" + "00000000" + "bin\0", text, StringComparison.Ordinal);
        Assert.EndsWith("TRAILER!!!\0\0\0\0", text, StringComparison.Ordinal); // 110 + 11 = 121, padded to 124
        Assert.Contains("dev/console", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_does_not_depend_on_input_order()
    {
        Assert.Equal(Write(Sample, 0), Write(Sample.Reverse(), 0));
    }

    [Theory]
    [Trait("Category", "Malformed")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("dir/")]
    [InlineData("")]
    public void Rejects_paths_the_kernel_would_misplace(string path)
    {
        var error = Assert.Throws<KernelException>(() => Write([new CpioDirectory(path)], 0));
        Assert.Equal(KernelError.NotRepresentable, error.Error);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void Rejects_duplicates()
    {
        var error = Assert.Throws<KernelException>(() => Write([new CpioDirectory("a"), new CpioFile("a", new byte[1])], 0));
        Assert.Equal(KernelError.NotRepresentable, error.Error);
        Assert.Equal("a", error.Entry);
    }

    internal static byte[] Write(IEnumerable<CpioEntry> entries, long mtime)
    {
        var output = new MemoryStream();
        var written = CpioNewcWriter.Write(output, entries, mtime);
        Assert.Equal(output.Length, written);
        return output.ToArray();
    }
}
