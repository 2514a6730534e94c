using System.Formats.Tar;
using System.IO.Compression;
using Firmware.Oci.Model;
using Firmware.Oci.Writing;

namespace Firmware.Oci.Tests.Writing;

[Trait("Category", "Unit")]
public sealed class LayerBuilderTests
{
    private static async Task<(byte[] Bytes, BuiltLayer Layer)> BuildAsync(IEnumerable<LayerEntry> entries)
    {
        var output = new MemoryStream();
        var layer = await LayerBuilder.WriteAsync(entries, TestImages.Epoch, output, CancellationToken.None);
        return (output.ToArray(), layer);
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public async Task SameEntriesInAnyOrderGiveTheSameBytes()
    {
        var (first, layer) = await BuildAsync(TestImages.Entries("amd64"));
        var (second, _) = await BuildAsync(TestImages.Entries("amd64").Reverse());
        Assert.Equal(first, second);
        Assert.Equal(Digest.Sha256(first), layer.Descriptor.Digest);
        Assert.Equal(first.Length, layer.Descriptor.Size);
        Assert.Equal(MediaTypes.OciLayerGzip, layer.Descriptor.MediaType);
    }

    [Fact]
    public async Task TheDiffIdIsTheDigestOfTheUncompressedTar()
    {
        var (bytes, layer) = await BuildAsync(TestImages.Entries("arm64"));
        Assert.Equal(Digest.Sha256(Gunzip(bytes)), layer.DiffId);
    }

    [Fact]
    public async Task EntriesAreSortedWithTheFixedTimeAndGivenOwners()
    {
        var (bytes, _) = await BuildAsync(TestImages.Entries("amd64").Append(new LayerEntry
        {
            Path = "etc/owned", Kind = LayerEntryKind.File, Mode = (UnixFileMode)0x180, Uid = 1000, Gid = 100, OpenContent = () => new MemoryStream([1]),
        }));
        using var reader = new TarReader(new MemoryStream(Gunzip(bytes)));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(entry);
        }

        Assert.Equal(["bin/", "bin/busybox", "bin/sh", "etc/", "etc/arch", "etc/owned"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal(TestImages.Epoch, e.ModificationTime));
        Assert.All(entries, e => Assert.Equal(TarEntryFormat.Ustar, e.Format));
        Assert.All(entries, e => Assert.Equal("", ((PosixTarEntry)e).UserName));
        var owned = entries.Single(e => e.Name == "etc/owned");
        Assert.Equal((1000, 100, (UnixFileMode)0x180), (owned.Uid, owned.Gid, owned.Mode));
        Assert.Equal((0, 0), (entries[1].Uid, entries[1].Gid));
        Assert.Equal("busybox", entries.Single(e => e.Name == "bin/sh").LinkName);
    }

    [Fact]
    public async Task AnotherTimeGivesAnotherDigest()
    {
        var (first, _) = await BuildAsync(TestImages.Entries("amd64"));
        var output = new MemoryStream();
        await LayerBuilder.WriteAsync(TestImages.Entries("amd64"), TestImages.Epoch.AddSeconds(1), output, CancellationToken.None);
        Assert.NotEqual(first, output.ToArray());
    }

    [Theory]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("trailing/")]
    [InlineData("")]
    public async Task RejectsUnsafePaths(string path)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => LayerBuilder.WriteAsync(
            [new LayerEntry { Path = path, Kind = LayerEntryKind.Directory, Mode = (UnixFileMode)0x1ED }], TestImages.Epoch, Stream.Null, CancellationToken.None));
        Assert.Equal("entries", error.ParamName);
    }

    [Fact]
    public async Task RejectsDuplicatePaths()
    {
        var entry = new LayerEntry { Path = "etc", Kind = LayerEntryKind.Directory, Mode = (UnixFileMode)0x1ED };
        await Assert.ThrowsAsync<ArgumentException>(() => LayerBuilder.WriteAsync([entry, entry], TestImages.Epoch, Stream.Null, CancellationToken.None));
    }
}
