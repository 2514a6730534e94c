using System.Security.Cryptography;
using Firmware.Oci.Blobs;
using Firmware.Oci.Model;

namespace Firmware.Oci.Tests.Blobs;

[Trait("Category", "Unit")]
public sealed class VerifyingStreamTests
{
    private static readonly byte[] Content = RandomNumberGenerator.GetBytes(300_000);
    private static readonly Descriptor Expected = new() { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Sha256(Content), Size = Content.Length };

    private static async Task<byte[]> ReadAllAsync(Stream stream, int chunk)
    {
        var output = new MemoryStream();
        var buffer = new byte[chunk];
        for (int n; (n = await stream.ReadAsync(buffer)) > 0;)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task PassesIntactContentAndVerifies(int chunk)
    {
        await using var stream = new VerifyingStream(new MemoryStream(Content), Expected, "img");
        Assert.Equal(Content, await ReadAllAsync(stream, chunk));
        Assert.True(stream.Verified);
    }

    [Fact]
    public void VerifiesOnSynchronousReadsToo()
    {
        using var stream = new VerifyingStream(new MemoryStream(Content), Expected, "img");
        stream.CopyTo(Stream.Null);
        Assert.True(stream.Verified);
    }

    [Fact]
    public async Task VerifiesOnTheReadThatDeliversTheLastByte()
    {
        await using var stream = new VerifyingStream(new MemoryStream(Content), Expected, "img");
        var buffer = new byte[Content.Length];
        await stream.ReadExactlyAsync(buffer);
        Assert.True(stream.Verified);
    }

    [Fact]
    public async Task VerifiesSha512Digests()
    {
        var descriptor = Expected with { Digest = Digest.Parse("sha512:" + Convert.ToHexStringLower(SHA512.HashData(Content))) };
        await using var stream = new VerifyingStream(new MemoryStream(Content), descriptor, "img");
        await stream.VerifyToEndAsync();
        Assert.True(stream.Verified);
    }

    [Fact]
    public async Task ATruncatedBlobThrowsNamingImageAndDigest()
    {
        await using var stream = new VerifyingStream(new MemoryStream(Content[..^1]), Expected, "oci:dir:tag");
        var error = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(stream, 4096));
        Assert.Equal(OciError.Truncated, error.Error);
        Assert.Contains("oci:dir:tag", error.Message, StringComparison.Ordinal);
        Assert.Contains(Expected.Digest.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFlippedBitThrowsDigestMismatch()
    {
        var corrupt = (byte[])Content.Clone();
        corrupt[123_456] ^= 0x08;
        await using var stream = new VerifyingStream(new MemoryStream(corrupt), Expected, "img");
        var error = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(stream, 4096));
        Assert.Equal(OciError.DigestMismatch, error.Error);
        Assert.Contains(Expected.Digest.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedBlobThrowsAndIsNeverReadPastItsBound()
    {
        var source = new CountingStream(new MemoryStream([.. Content, .. new byte[1 << 20]]));
        await using var stream = new VerifyingStream(source, Expected, "img");
        var error = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(stream, 1 << 20));
        Assert.Equal(OciError.Oversized, error.Error);
        Assert.Equal(Content.Length + 1, source.BytesRead);
    }

    [Fact]
    public async Task AnEmptyBlobVerifies()
    {
        var empty = new Descriptor { MediaType = "x", Digest = Digest.Sha256([]), Size = 0 };
        await using var stream = new VerifyingStream(new MemoryStream(), empty, "img");
        Assert.Empty(await ReadAllAsync(stream, 10));
        Assert.True(stream.Verified);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
