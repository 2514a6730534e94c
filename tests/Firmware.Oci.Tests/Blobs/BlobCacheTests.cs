using Firmware.Oci.Blobs;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;

namespace Firmware.Oci.Tests.Blobs;

[Trait("Category", "Unit")]
public sealed class BlobCacheTests : IDisposable
{
    private static readonly byte[] Content = [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7))];
    private static readonly Descriptor Blob = new() { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Sha256(Content), Size = Content.Length };
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static async Task<byte[]> ReadAsync(Stream stream)
    {
        await using (stream)
        {
            var output = new MemoryStream();
            await stream.CopyToAsync(output);
            return output.ToArray();
        }
    }

    [Fact]
    public async Task AMissFetchesIntoTheContentAddressedPathAndAHitReadsIt()
    {
        var cache = new BlobCache(_scratch.Of("cache"));
        var fetches = 0;
        for (var i = 0; i < 3; i++)
        {
            var bytes = await ReadAsync(await cache.OpenAsync(Blob, "img", _ => { fetches++; return Task.FromResult<Stream>(new MemoryStream(Content)); }, CancellationToken.None));
            Assert.Equal(Content, bytes);
        }

        Assert.Equal((1, 2, 1), (cache.Misses, cache.Hits, fetches));
        Assert.Equal(Content, File.ReadAllBytes(Path.Combine(_scratch.Of("cache"), "blobs", "sha256", Blob.Digest.Hex)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ATruncatedOrCorruptFetchLeavesNoEntry(bool truncate)
    {
        var cache = new BlobCache(_scratch.Of("cache"));
        var bad = truncate ? Content[..^100] : [.. Content.Take(10), (byte)~Content[10], .. Content.Skip(11)];
        var error = await Assert.ThrowsAsync<OciException>(() => cache.OpenAsync(Blob, "img", _ => Task.FromResult<Stream>(new MemoryStream(bad)), CancellationToken.None));
        Assert.Equal(truncate ? OciError.Truncated : OciError.DigestMismatch, error.Error);
        Assert.False(cache.Contains(Blob));
        Assert.Empty(Directory.GetFiles(Path.Combine(cache.Root, "tmp")));
        Assert.Equal(Content, await ReadAsync(await cache.OpenAsync(Blob, "img", _ => Task.FromResult<Stream>(new MemoryStream(Content)), CancellationToken.None)));
    }

    [Fact]
    public async Task AnEntryDamagedOnDiskFailsWhenRead()
    {
        var cache = new BlobCache(_scratch.Of("cache"));
        await ReadAsync(await cache.OpenAsync(Blob, "img", _ => Task.FromResult<Stream>(new MemoryStream(Content)), CancellationToken.None));
        var path = cache.PathOf(Blob.Digest);
        var bytes = File.ReadAllBytes(path);
        bytes[500] ^= 1;
        File.WriteAllBytes(path, bytes);
        var error = await Assert.ThrowsAsync<OciException>(async () => await ReadAsync(await cache.OpenAsync(Blob, "img", _ => throw new InvalidOperationException("no fetch on a hit"), CancellationToken.None)));
        Assert.Equal(OciError.DigestMismatch, error.Error);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/x/cache", "/home/u", "/x/cache/fwtool/oci")]
    [InlineData(null, "/home/u", "/home/u/.cache/fwtool/oci")]
    [InlineData("relative", "/home/u", "/home/u/.cache/fwtool/oci")]
    public void TheDefaultRootFollowsXdg(string? xdg, string home, string expected) =>
        Assert.Equal(expected, BlobCache.DefaultRoot(name => name == "XDG_CACHE_HOME" ? xdg : name == "HOME" ? home : null));

    [Fact]
    public void TheDefaultSetHasEveryTransport()
    {
        using var http = new HttpClient();
        var sources = ImageSources.CreateDefault(http, cache: new BlobCache(_scratch.Of("cache")));
        Assert.Equal(["docker", "docker-archive", "oci", "oci-archive"], sources.Names);
        Assert.IsType<CachingImageSource>(sources["oci"]);
        Assert.Equal(("docker", "127.0.0.1:5000/app:v1"), (sources.Parse("docker://127.0.0.1:5000/app:v1").Source.Name, sources.Parse("docker://127.0.0.1:5000/app:v1").Location));
        Assert.Equal(("docker", "busybox:1.36"), (sources.Parse("busybox:1.36").Source.Name, sources.Parse("busybox:1.36").Location));
    }
}
