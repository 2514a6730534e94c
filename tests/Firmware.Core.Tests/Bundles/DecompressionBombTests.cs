using System.Buffers.Binary;
using System.Security.Cryptography;
using Firmware.Bundles;
using ZstdSharp;

namespace Firmware.Core.Tests.Bundles;

/// <summary>
/// A compressed chunk may expand only to its declared size. Each bundle here is built by hand
/// around a hostile zstd frame and properly signed, so the decompression checks are what fail.
/// </summary>
[Trait("Category", "Malformed")]
public sealed class DecompressionBombTests(Scenario scenario) : IClassFixture<Scenario>
{
    private const int Declared = 4096;
    private const int Expanded = 1 << 20;

    [Theory]
    [InlineData(PayloadCheck.Full)]
    [InlineData(PayloadCheck.Stored)]
    public async Task A_frame_that_declares_more_than_the_chunk_size_is_a_decompressed_size_mismatch(PayloadCheck check)
    {
        using var compressor = new Compressor(19);
        var frame = compressor.Wrap(new byte[Expanded]).ToArray();
        Assert.Equal((ulong)Expanded, Decompressor.GetDecompressedSize(frame));

        var bundle = BundleAround(frame);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(scenario.Trust, check: check));

        Assert.Equal(BundleError.DecompressedSizeMismatch, error.Error);
        Assert.Equal("payloads/bomb", error.Entry);
        Assert.Equal(TarLayout.Of(bundle)["payloads/bomb"].DataOffset, error.Offset);
    }

    [Fact]
    public void The_hand_made_frame_is_valid_zstd_that_expands_to_a_mebibyte()
    {
        var honest = RleFrame(declaredSize: Expanded, blocks: Expanded / (128 << 10));
        using var decompressor = new Decompressor();

        var output = decompressor.Unwrap(honest).ToArray();

        Assert.Equal(Expanded, output.Length);
        Assert.False(output.AsSpan().ContainsAnyExcept((byte)0));
    }

    [Fact]
    public async Task A_frame_that_lies_about_its_size_and_expands_further_is_stopped_at_the_declared_size()
    {
        // The frame header says 4096 bytes; its blocks produce 1 MiB.
        var bomb = RleFrame(declaredSize: Declared, blocks: Expanded / (128 << 10));
        Assert.Equal((ulong)Declared, Decompressor.GetDecompressedSize(bomb));

        var result = await TestKit.ReadAsync(BundleAround(bomb), scenario.Policy);

        Assert.Equal(BundleError.DecompressedSizeMismatch, result.Error?.Error);
        Assert.Equal("payloads/bomb", result.Error?.Entry);
        Assert.Empty(result.Chunks);
    }

    [Fact]
    public async Task A_frame_with_a_reserved_block_type_fails_to_decompress()
    {
        var frame = RleFrame(declaredSize: Declared, blocks: 1);
        frame[^4] |= 0b110; // block type 3: reserved

        var error = await TestKit.RejectedAsync(BundleAround(frame), scenario.Policy);

        Assert.Equal(BundleError.DecompressionFailed, error.Error);
        Assert.Equal("payloads/bomb", error.Entry);
    }

    [Fact]
    public async Task A_compressed_chunk_that_is_not_a_zstd_frame_fails_to_decompress()
    {
        var error = await TestKit.RejectedAsync(BundleAround("not a zstd frame"u8.ToArray()), scenario.Policy);

        Assert.Equal(BundleError.DecompressionFailed, error.Error);
        Assert.Equal("payloads/bomb", error.Entry);
    }

    [Fact]
    public async Task A_frame_that_expands_to_less_than_its_header_declares_fails_to_decompress()
    {
        // The header declares 4096 bytes, but the single RLE block produces only 1000.
        var frame = RleFrame(declaredSize: Declared, blocks: 1, blockSize: 1000);

        var error = await TestKit.RejectedAsync(BundleAround(frame), scenario.Policy);

        Assert.Equal(BundleError.DecompressionFailed, error.Error);
        Assert.Equal("payloads/bomb", error.Entry);
    }

    /// <summary>
    /// A bundle whose one payload "bomb" is a single chunk declared as <see cref="Declared"/>
    /// zero bytes, stored as <paramref name="frame"/>; manifest signed by the release key.
    /// </summary>
    private byte[] BundleAround(byte[] frame)
    {
        var zeros = Convert.ToHexStringLower(SHA256.HashData(new byte[Declared]));
        var payload = new PayloadManifest
        {
            Name = "bomb",
            Size = Declared,
            StoredSize = frame.Length,
            Compression = ManifestRules.Zstd,
            Chunking = TestKit.SmallChunks.Chunker.Parameters,
            Chunks = [new ChunkManifest { Size = Declared, Sha256 = zeros, StoredSize = frame.Length, StoredSha256 = Convert.ToHexStringLower(SHA256.HashData(frame)) }],
        };
        var manifest = ManifestRules.Serialize(TestKit.Manifest([payload]));
        return TestKit.Assemble(manifest, [scenario.Release], new RawEntry("payloads/bomb", frame));
    }

    /// <summary>
    /// A zstd frame (RFC 8878) written by hand: a header declaring <paramref name="declaredSize"/>
    /// with a 1 MiB window, then <paramref name="blocks"/> RLE blocks of zero bytes.
    /// </summary>
    private static byte[] RleFrame(int declaredSize, int blocks, int blockSize = 128 << 10)
    {
        using var frame = new MemoryStream();
        frame.Write([0x28, 0xB5, 0x2F, 0xFD]);
        var fourByteSize = declaredSize > 0xFFFF + 256;
        frame.WriteByte(fourByteSize ? (byte)0x80 : (byte)0x40); // content size field of 4 or 2 bytes, not single segment
        frame.WriteByte(10 << 3);                                 // window 2^(10+10) = 1 MiB
        Span<byte> size = stackalloc byte[4];
        if (fourByteSize)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)declaredSize);
            frame.Write(size);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(size, (ushort)(declaredSize - 256));
            frame.Write(size[..2]);
        }

        for (var i = 0; i < blocks; i++)
        {
            var header = (blockSize << 3) | (1 << 1) | (i == blocks - 1 ? 1 : 0); // RLE block, last flag
            frame.Write([(byte)header, (byte)(header >> 8), (byte)(header >> 16), 0]);
        }

        return frame.ToArray();
    }
}
