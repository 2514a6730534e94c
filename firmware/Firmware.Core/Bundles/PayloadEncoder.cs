using System.Buffers;
using System.Security.Cryptography;
using ZstdSharp;

namespace Firmware.Bundles;

/// <summary>
/// Turns a payload's bytes into stored chunks and their manifest entry. Boundaries are found in
/// one sequential pass; chunks are then compressed and hashed in parallel, a window at a time,
/// and written in order. Each chunk depends only on its own bytes, so output is identical
/// whatever the parallelism.
/// </summary>
public static class PayloadEncoder
{
    private const int Window = 16 << 20;

    /// <summary>Encodes <paramref name="source"/> into <paramref name="storedOutput"/>.</summary>
    /// <param name="name">The payload's name.</param>
    /// <param name="source">The payload's bytes, read to the end.</param>
    /// <param name="storedOutput">Receives the stored chunks back to back (the payload's archive entry data).</param>
    /// <param name="encoding">How to cut and compress.</param>
    /// <param name="cancellationToken">Cancels the encoding.</param>
    /// <returns>The payload's manifest entry.</returns>
    /// <exception cref="ArgumentException">The name is invalid or the payload is empty.</exception>
    public static async Task<PayloadManifest> EncodeAsync(string name, Stream source, Stream storedOutput, PayloadEncoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(storedOutput);
        ArgumentNullException.ThrowIfNull(encoding);
        if (!BundleEntryNames.IsValidPayloadName(name))
        {
            throw new ArgumentException($"Payload name '{name}' is not 1-64 of [a-z0-9._-].", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(encoding.Level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(encoding.Level, 22);

        var chunker = encoding.Chunker;
        var buffer = new byte[Window + chunker.MaxSize];
        var chunks = new List<ChunkManifest>();
        var spans = new List<(int Start, int Length)>();
        int filled = 0;
        var endOfSource = false;
        long size = 0, storedSize = 0;
        while (true)
        {
            while (!endOfSource && filled < buffer.Length)
            {
                var read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                endOfSource = read == 0;
                filled += read;
            }

            spans.Clear();
            var position = 0;
            while (filled - position >= chunker.MaxSize || (endOfSource && position < filled))
            {
                var length = chunker.NextBoundary(buffer.AsSpan(position, filled - position), endOfSource);
                spans.Add((position, length));
                position += length;
            }

            foreach (var encoded in EncodeWindow(buffer, spans, encoding))
            {
                try
                {
                    await storedOutput.WriteAsync(encoded.Stored.AsMemory(0, encoded.Manifest.StoredSize), cancellationToken);
                }
                finally
                {
                    encoded.Return();
                }

                chunks.Add(encoded.Manifest);
                size += encoded.Manifest.Size;
                storedSize += encoded.Manifest.StoredSize;
            }

            buffer.AsSpan(position, filled - position).CopyTo(buffer);
            filled -= position;
            if (endOfSource && filled == 0)
            {
                break;
            }
        }

        if (size == 0)
        {
            throw new ArgumentException($"Payload '{name}' is empty; a payload must hold at least one byte.", nameof(source));
        }

        return new PayloadManifest
        {
            Name = name,
            Size = size,
            StoredSize = storedSize,
            Compression = encoding.Compress ? ManifestRules.Zstd : ManifestRules.None,
            Chunking = chunker.Parameters,
            Chunks = chunks,
        };
    }

    private static EncodedChunk[] EncodeWindow(byte[] buffer, List<(int Start, int Length)> spans, PayloadEncoding encoding)
    {
        var results = new EncodedChunk[spans.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, encoding.MaxDegreeOfParallelism) };
        Parallel.For(0, spans.Count, options,
            () => encoding.Compress ? new Compressor(encoding.Level) : null,
            (i, _, compressor) =>
            {
                var raw = buffer.AsSpan(spans[i].Start, spans[i].Length);
                results[i] = EncodeChunk(raw, compressor);
                return compressor;
            },
            compressor => compressor?.Dispose());
        return results;
    }

    private static EncodedChunk EncodeChunk(ReadOnlySpan<byte> raw, Compressor? compressor)
    {
        var rawDigest = Convert.ToHexStringLower(SHA256.HashData(raw));
        var stored = ArrayPool<byte>.Shared.Rent(Compressor.GetCompressBound(raw.Length));
        var storedLength = compressor?.Wrap(raw, stored) ?? int.MaxValue;

        // Compression is kept only when it saves space: that rule is what tells a reader how a chunk is stored.
        if (storedLength >= raw.Length)
        {
            raw.CopyTo(stored);
            return new EncodedChunk(stored, new ChunkManifest { Size = raw.Length, Sha256 = rawDigest, StoredSize = raw.Length, StoredSha256 = rawDigest });
        }

        var storedDigest = Convert.ToHexStringLower(SHA256.HashData(stored.AsSpan(0, storedLength)));
        return new EncodedChunk(stored, new ChunkManifest { Size = raw.Length, Sha256 = rawDigest, StoredSize = storedLength, StoredSha256 = storedDigest });
    }

    private readonly record struct EncodedChunk(byte[] Stored, ChunkManifest Manifest)
    {
        public void Return() => ArrayPool<byte>.Shared.Return(Stored);
    }
}
