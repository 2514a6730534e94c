using System.Security.Cryptography;
using ZstdSharp;

namespace Firmware.Bundles;

/// <content>
/// Chunk verification: digest of what travels, then of what lands. Reading the archive is the
/// only sequential part, so chunks are read in stream order and checked on the thread pool, a few
/// at once, then handed on strictly in order: a reader that meets a bad chunk, or a damaged archive
/// after it, fails exactly as a one-at-a-time reader would, at the same chunk with the same error.
/// </content>
public sealed partial class BundleReader
{
    // Chunks in flight beyond the one the caller holds, and the memory they may take: each holds a
    // stored and a decompressed buffer of the largest chunk (1 MiB at the defaults).
    private const int ReadAheadMemoryBudget = 16 * 1024 * 1024;
    private static readonly int ReadAheadLimit = Environment.ProcessorCount + 1;

    private readonly Queue<Task<BundleChunk?>> _inFlight = new();
    private ChunkBuffers[] _buffers = [];
    private int _nextBuffer;
    private bool _readingEnded;

    /// <summary>
    /// Reads and verifies the next chunk of the payloads, in manifest order. Returns null once the
    /// last chunk has been read and the archive has ended cleanly, with nothing after it.
    /// </summary>
    /// <exception cref="BundleException">The bundle is rejected; the code says why.</exception>
    public async ValueTask<BundleChunk?> ReadChunkAsync(CancellationToken cancellationToken = default)
    {
        if (_manifest is null)
        {
            throw new InvalidOperationException("Read the manifest first.");
        }

        // The buffers of the chunk handed on last are free again, so the ring has room for one
        // more: the caller's chunk plus ReadAhead in flight never share a buffer.
        while (!_readingEnded && _inFlight.Count < _buffers.Length - 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _inFlight.Enqueue(await StartNextChunkAsync(cancellationToken));
        }

        return _inFlight.TryDequeue(out var next) ? await next : null;
    }

    /// <summary>
    /// Sizes the read-ahead ring once the manifest says how large a chunk can be.
    /// </summary>
    private void AllocateChunkBuffers(BundleManifest manifest)
    {
        var largest = manifest.Payloads.SelectMany(p => p.Chunks).Max(c => c.Size);
        var perChunk = (long)largest * (_policy.Check == PayloadCheck.Full ? 2 : 1);
        var ahead = (int)Math.Clamp(ReadAheadMemoryBudget / perChunk, 1, ReadAheadLimit);
        _buffers = new ChunkBuffers[ahead + 1];
        for (var i = 0; i < _buffers.Length; i++)
        {
            _buffers[i] = new ChunkBuffers(largest, _policy.Check == PayloadCheck.Full);
        }
    }

    /// <summary>
    /// Reads the next chunk's stored bytes from the archive (or the archive's end) and starts its
    /// checks. A failure to read is returned as a failed task in its place in the queue, so that
    /// the chunks before it are still handed on first.
    /// </summary>
    private async ValueTask<Task<BundleChunk?>> StartNextChunkAsync(CancellationToken cancellationToken)
    {
        try
        {
            var manifest = _manifest!;
            while (_payload < 0 || _chunk == manifest.Payloads[_payload].Chunks.Count)
            {
                if (_payload + 1 == manifest.Payloads.Count)
                {
                    await ReadEndAsync(cancellationToken);
                    _readingEnded = true;
                    return Task.FromResult<BundleChunk?>(null);
                }

                await BeginPayloadAsync(manifest.Payloads[++_payload], cancellationToken);
            }

            var payload = manifest.Payloads[_payload];
            var read = new StoredChunk(payload, _chunk, _offset, _tar.Position, _digests);
            var buffers = _buffers[_nextBuffer];
            _nextBuffer = (_nextBuffer + 1) % _buffers.Length;
            await _tar.ReadDataAsync(buffers.Stored.AsMemory(0, read.Manifest.StoredSize), cancellationToken);
            _chunk++;
            _offset += read.Manifest.Size;
            return Task.Run(() => (BundleChunk?)Check(read, buffers));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _readingEnded = true;
            return Task.FromException<BundleChunk?>(e);
        }
    }

    private BundleChunk Check(StoredChunk read, ChunkBuffers buffers)
    {
        var chunk = read.Manifest;
        var entry = BundleEntryNames.Payload(read.Payload.Name);
        var stored = buffers.Stored.AsMemory(0, chunk.StoredSize);
        if (!DigestEquals(stored.Span, read.Digests[(2 * read.Index) + 1]))
        {
            throw new BundleException(BundleError.ChunkHashMismatch, $"chunk {read.Index} does not match its stored digest", entry, read.ArchiveOffset);
        }

        var compressed = chunk.StoredSize < chunk.Size;
        if (!compressed)
        {
            return read.Verified(stored);
        }

        CheckFrameSize(stored.Span, chunk.Size, read.Index, entry, read.ArchiveOffset);
        if (_policy.Check == PayloadCheck.Stored)
        {
            return read.Verified(stored);
        }

        var raw = buffers.Raw.AsMemory(0, chunk.Size);
        Decompress(buffers.Decompressor, stored.Span, raw.Span, read.Index, entry, read.ArchiveOffset);
        if (!DigestEquals(raw.Span, read.Digests[2 * read.Index]))
        {
            throw new BundleException(BundleError.ChunkHashMismatch, $"chunk {read.Index} decompresses to bytes that do not match its digest", entry, read.ArchiveOffset);
        }

        return read.Verified(raw);
    }

    /// <summary>Waits for the chunks still being checked, so no check outlives the buffers it uses.</summary>
    private void DisposeChunkBuffers()
    {
        foreach (var pending in _inFlight)
        {
            ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        }

        _inFlight.Clear();
        foreach (var buffers in _buffers)
        {
            buffers.Dispose();
        }
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

    private static void Decompress(Decompressor decompressor, ReadOnlySpan<byte> frame, Span<byte> destination, int index, string entry, long offset)
    {
        // The destination is exactly the declared size, so a frame that expands further fails
        // here instead of exhausting memory: a decompression bomb costs one chunk buffer.
        int written;
        try
        {
            if (!decompressor.TryUnwrap(frame, destination, out written))
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

    /// <summary>A chunk's stored bytes as read, with where it came from and the digests of its payload.</summary>
    private sealed record StoredChunk(PayloadManifest Payload, int Index, long PayloadOffset, long ArchiveOffset, byte[][] Digests)
    {
        public ChunkManifest Manifest => Payload.Chunks[Index];

        public BundleChunk Verified(ReadOnlyMemory<byte> data) => new(Payload, Index, PayloadOffset, data);
    }

    /// <summary>One slot of the read-ahead ring: a chunk's stored bytes, its decompressed bytes and the decompressor that makes them.</summary>
    private sealed class ChunkBuffers(int largest, bool decompressing) : IDisposable
    {
        private Decompressor? _decompressor;

        public byte[] Stored { get; } = new byte[largest];

        public byte[] Raw { get; } = decompressing ? new byte[largest] : [];

        // One per slot, made on first use: a zstd context is not safe to share between threads,
        // and a slot is checked by one task at a time.
        public Decompressor Decompressor => _decompressor ??= new Decompressor();

        public void Dispose() => _decompressor?.Dispose();
    }
}
