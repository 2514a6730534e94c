using System.Security.Cryptography;
using Firmware.Bundles;
using Firmware.Chunking;
using Firmware.Core.Tests.Chunking;
using ZstdSharp;

namespace Firmware.Core.Tests.Bundles;

[Trait("Category", "Unit")]
public sealed class PayloadEncoderTests
{
    [Fact]
    public async Task An_empty_payload_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PayloadEncoder.EncodeAsync("empty", new MemoryStream(), new MemoryStream(), TestKit.SmallChunks));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Kernel")]
    [InlineData("-kernel")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task An_invalid_payload_name_is_refused(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PayloadEncoder.EncodeAsync(name, new MemoryStream([1]), new MemoryStream(), TestKit.SmallChunks));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    public async Task A_compression_level_outside_1_to_22_is_refused(int level)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PayloadEncoder.EncodeAsync("p", new MemoryStream([1]), new MemoryStream(), TestKit.SmallChunks with { Level = level }));
    }

    [Fact]
    public void Random_chunks_are_stored_as_is_and_text_chunks_compressed()
    {
        var (random, _) = TestKit.Encode("random", TestKit.Random(20_000, 1));
        var (text, _) = TestKit.Encode("text", TestKit.Compressible(20_000, 1));

        Assert.All(random.Chunks, c => Assert.Equal((c.Size, c.Sha256), (c.StoredSize, c.StoredSha256)));
        Assert.All(text.Chunks, c => Assert.True(c.StoredSize < c.Size));
    }

    [Fact]
    public void Each_stored_chunk_matches_its_digests_and_restores_its_bytes()
    {
        var data = TestKit.Compressible(30_000, 2);
        var (manifest, stored) = TestKit.Encode("p", data);
        using var decompressor = new Decompressor();
        long offset = 0, storedOffset = 0;

        foreach (var chunk in manifest.Chunks)
        {
            var storedBytes = stored.AsSpan((int)storedOffset, chunk.StoredSize);
            var raw = chunk.StoredSize < chunk.Size ? decompressor.Unwrap(storedBytes).ToArray() : storedBytes.ToArray();
            Assert.Equal(chunk.StoredSha256, Convert.ToHexStringLower(SHA256.HashData(storedBytes)));
            Assert.Equal(chunk.Sha256, Convert.ToHexStringLower(SHA256.HashData(raw)));
            Assert.Equal(data.AsSpan((int)offset, chunk.Size).ToArray(), raw);
            offset += chunk.Size;
            storedOffset += chunk.StoredSize;
        }

        Assert.Equal((data.Length, stored.Length), (offset, storedOffset));
        Assert.Equal((data.Length, stored.Length), (manifest.Size, manifest.StoredSize));
    }

    [Fact]
    public void Without_compression_every_chunk_is_stored_as_is()
    {
        var (manifest, stored) = TestKit.Encode("p", TestKit.Compressible(10_000, 3), TestKit.SmallChunks with { Compress = false });

        Assert.Equal(ManifestRules.None, manifest.Compression);
        Assert.Equal(TestKit.Compressible(10_000, 3), stored);
    }

    [Fact]
    public async Task Boundaries_do_not_depend_on_the_encoders_read_window()
    {
        // Larger than the encoder's 16 MiB window, read in odd-sized pieces.
        var data = FastCdcChunkerTests.SplitMix((16 << 20) + 300_000, 11);
        var chunker = new FastCdcChunker(64 << 10, 256 << 10, 1 << 20);
        var expected = new List<int>();
        for (var rest = data.AsSpan(); !rest.IsEmpty;)
        {
            var length = chunker.NextBoundary(rest, isFinal: true);
            expected.Add(length);
            rest = rest[length..];
        }

        using var output = new MemoryStream();
        var manifest = await PayloadEncoder.EncodeAsync("big", new ForwardOnlyStream(data, 100_003), output,
            new PayloadEncoding { Chunker = chunker, Compress = false });

        Assert.Equal(expected, manifest.Chunks.Select(c => c.Size));
    }
}
