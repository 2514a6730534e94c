using System.Text;
using Firmware.Kernel.Debian;
using Firmware.Kernel.Tests.Support;

namespace Firmware.Kernel.Tests.Debian;

[Trait("Category", "Unit")]
public sealed class ArReaderTests
{
    [Fact]
    public void Reads_members_in_order_with_odd_sizes_padded()
    {
        var archive = ArBuilder.Build(("debian-binary", "2.0\n"u8.ToArray()), ("odd/", "abc"u8.ToArray()), ("last", "xy"u8.ToArray()));
        var reader = new ArReader(new MemoryStream(archive), "test.deb");
        var names = new List<string>();
        var contents = new List<string>();
        while (reader.Next() is { } member)
        {
            names.Add(member.Name);
            if (member.Name != "debian-binary")
            {
                contents.Add(new StreamReader(member.Content).ReadToEnd());
            }
        }

        Assert.Equal(["debian-binary", "odd", "last"], names);
        Assert.Equal(["abc", "xy"], contents);
    }

    [Fact]
    public void Reads_an_archive_written_by_GNU_ar()
    {
        using var scratch = new ScratchDirectory();
        File.WriteAllText(scratch.Of("one"), "first\n");
        File.WriteAllText(scratch.Of("two"), "second!");
        var ar = ProcessRunner.Run("ar", ["rcD", "out.a", "one", "two"], scratch.Path);
        Assert.True(ar.ExitCode == 0, ar.ToString());
        using var file = File.OpenRead(scratch.Of("out.a"));
        var reader = new ArReader(file, "out.a");
        Assert.Equal(("one", "first\n"), Read(reader.Next()!));
        Assert.Equal(("two", "second!"), Read(reader.Next()!));
        Assert.Null(reader.Next());
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void Rejects_a_file_without_the_global_magic()
    {
        var error = Assert.Throws<KernelException>(() => new ArReader(new MemoryStream("!<arch>x"u8.ToArray()), "bad.deb"));
        Assert.Equal(KernelError.MalformedArchive, error.Error);
        Assert.Contains("bad.deb", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Malformed")]
    [InlineData("truncated header")]
    [InlineData("bad terminator")]
    [InlineData("bad size")]
    [InlineData("truncated data")]
    public void Rejects_broken_members(string how)
    {
        var good = Encoding.ASCII.GetBytes(ArBuilder.Header("data.tar", 10));
        byte[] bytes = how switch
        {
            "truncated header" => [.. "!<arch>\n"u8, .. good.AsSpan(0, 30)],
            "bad terminator" => [.. "!<arch>\n"u8, .. good.AsSpan(0, 58), (byte)'x', (byte)'\n', .. new byte[10]],
            "bad size" => [.. "!<arch>\n"u8, .. Encoding.ASCII.GetBytes(ArBuilder.Header("data.tar", 10).Replace("10        ", "1x        ", StringComparison.Ordinal)), .. new byte[10]],
            _ => [.. "!<arch>\n"u8, .. good, .. new byte[4]],
        };
        var reader = new ArReader(new MemoryStream(bytes), "broken.deb");
        var error = Assert.Throws<KernelException>(() =>
        {
            var member = reader.Next();
            member?.Content.CopyTo(Stream.Null);
        });
        Assert.Equal(KernelError.MalformedArchive, error.Error);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void A_package_without_data_tar_is_rejected()
    {
        var archive = ArBuilder.Build(("debian-binary", "2.0\n"u8.ToArray()), ("control.tar.xz", [1, 2, 3]));
        var error = Assert.Throws<KernelException>(() => DebPackage.OpenDataTar(new MemoryStream(archive), "nodata.deb"));
        Assert.Equal(KernelError.MalformedPackage, error.Error);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void A_package_without_a_kernel_leaves_no_directory()
    {
        using var scratch = new ScratchDirectory();
        var tar = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(tar, leaveOpen: true))
        {
            writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "./usr/share/doc/x") { DataStream = new MemoryStream([1]) });
        }

        var archive = ArBuilder.Build(("debian-binary", "2.0\n"u8.ToArray()), ("data.tar", tar.ToArray()));
        var error = Assert.Throws<KernelException>(() => Firmware.Kernel.Sources.DebianKernelPackage.Extract(new MemoryStream(archive), "empty.deb", scratch.Of("tree")));
        Assert.Equal(KernelError.KernelImageMissing, error.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path));
    }

    private static (string, string) Read(ArMember member) => (member.Name, new StreamReader(member.Content).ReadToEnd());
}
