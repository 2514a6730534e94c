using System.Security.Cryptography;
using ZstdSharp;

namespace Firmware.Bundles;

/// <content>Chunk verification: digest of what travels, then of what lands.</content>
public sealed partial class BundleReader
{
    private Decompressor? _decompressor;

    private async ValueTask<ReadOnlyMemory<byte>> ReadVerifiedChunkAsync(PayloadManifest payload, int index, CancellationToken cancellationToken)
    {
        var chunk = payload.Chunks[index];
        var entry = BundleEntryNames.Payload(payload.Name);
        var offset = _tar.Position;
        var stored = _stored.AsMemory(0, chunk.StoredSize);
        await _tar.ReadDataAsync(stored, cancellationToken);
        if (!DigestEquals(stored.Span, _digests[(2 * index) + 1]))
        {
            throw new BundleException(BundleError.ChunkHashMismatch, $"chunk {index} does not match its stored digest", entry, offset);
        }

        var compressed = chunk.StoredSize < chunk.Size;
        if (!compressed)
        {
            return stored;
        }

        CheckFrameSize(stored.Span, chunk.Size, index, entry, offset);
        if (_policy.Check == PayloadCheck.Stored)
        {
            return stored;
        }

        var raw = _raw.AsMemory(0, chunk.Size);
        Decompress(stored.Span, raw.Span, index, entry, offset);
        if (!DigestEquals(raw.Span, _digests[2 * index]))
        {
            throw new BundleException(BundleError.ChunkHashMismatch, $"chunk {index} decompresses to bytes that do not match its digest", entry, offset);
        }

        return raw;
    }

    private static void CheckFrameSize(ReadOnlySpan<byte> frame, int size, int index, string entry, long offset)
    {
        ulong declared;
        try
        {
            declared = Decompressor.GetDecompressedSize(frame);
        }
        catch (ZstdException e)
        {
            throw new BundleException(BundleError.DecompressionFailed, $"chunk {index} is not a zstd frame: {e.Message}", entry, offset, e);
        }

        if (declared != (ulong)size)
        {
            throw new BundleException(BundleError.DecompressedSizeMismatch, $"chunk {index}'s zstd frame declares {declared} bytes, the manifest {size}", entry, offset);
        }
    }

    private void Decompress(ReadOnlySpan<byte> frame, Span<byte> destination, int index, string entry, long offset)
    {
        // The destination is exactly the declared size, so a frame that expands further fails
        // here instead of exhausting memory: a decompression bomb costs one chunk buffer.
        _decompressor ??= new Decompressor();
        int written;
        try
        {
            if (!_decompressor.TryUnwrap(frame, destination, out written))
            {
                throw new BundleException(BundleError.DecompressedSizeMismatch, $"chunk {index} decompresses to more than its declared {destination.Length} bytes", entry, offset);
            }
        }
        catch (ZstdException e)
        {
            throw new BundleException(BundleError.DecompressionFailed, $"chunk {index} does not decompress: {e.Message}", entry, offset, e);
        }

        if (written != destination.Length)
        {
            throw new BundleException(BundleError.DecompressedSizeMismatch, $"chunk {index} decompresses to {written} bytes, not the declared {destination.Length}", entry, offset);
        }
    }

    private static bool DigestEquals(ReadOnlySpan<byte> data, ReadOnlySpan<byte> expected)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, digest);
        return digest.SequenceEqual(expected);
    }
}
