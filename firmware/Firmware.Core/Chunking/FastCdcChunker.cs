using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Firmware.Bundles;

namespace Firmware.Chunking;

/// <summary>
/// Content-defined chunking, FastCDC with normalized chunking (Xia et al., "FastCDC: a Fast and
/// Efficient Content-Defined Chunking Approach for Data Deduplication", USENIX ATC 2016).
/// Boundaries depend on content, so an edit moves only the chunks around it and the rest keep
/// their digests: that is what makes delta updates and resume cheap.
/// <para>
/// Definition (<c>fastcdc-v1</c>, docs/bundle-format.md): a rolling value <c>h</c> starts at 0
/// at offset <c>min</c> of the remaining data; for each byte <c>b</c> at offset <c>i</c>,
/// <c>h = (h &lt;&lt; 1) + Gear[b]</c> (mod 2^64); the chunk ends after byte <c>i</c> when
/// <c>(h &amp; mask) == 0</c>, where mask has the top <c>log2(avg)+2</c> bits set while
/// <c>i &lt; avg</c> and the top <c>log2(avg)-2</c> bits after. A chunk never exceeds
/// <c>max</c>; the data's last chunk may be shorter than <c>min</c>.
/// <c>Gear[n]</c> is the first 8 bytes, little-endian, of SHA-256 of the ASCII text
/// <c>fastcdc-v1 gear</c> followed by the byte <c>n</c>.
/// </para>
/// </summary>
public sealed class FastCdcChunker
{
    /// <summary>Algorithm name recorded in manifests.</summary>
    public const string AlgorithmName = "fastcdc-v1";

    /// <summary>Smallest allowed average size.</summary>
    public const int MinAverageSize = 1 << 10;

    /// <summary>Largest allowed chunk; bounds the memory a reader needs per chunk.</summary>
    public const int MaxChunkSize = 8 << 20;

    private static readonly ulong[] Gear = BuildGearTable();
    private readonly ulong _maskSmall;
    private readonly ulong _maskLarge;

    /// <summary>Creates a chunker.</summary>
    /// <param name="minSize">Smallest chunk (except a final one).</param>
    /// <param name="averageSize">Target average, a power of two.</param>
    /// <param name="maxSize">Largest chunk, at most <see cref="MaxChunkSize"/>.</param>
    public FastCdcChunker(int minSize, int averageSize, int maxSize)
    {
        if (!BitOperations.IsPow2(averageSize) || averageSize < MinAverageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(averageSize), $"Average chunk size must be a power of two of at least {MinAverageSize}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minSize, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minSize, averageSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, averageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSize, MaxChunkSize);
        MinSize = minSize;
        AverageSize = averageSize;
        MaxSize = maxSize;
        var bits = BitOperations.Log2((uint)averageSize);
        _maskSmall = TopBits(bits + 2);
        _maskLarge = TopBits(bits - 2);
    }

    /// <summary>The default: 64 KiB minimum, 256 KiB average, 1 MiB maximum. A chunk is one MQTT message.</summary>
    public static FastCdcChunker Default { get; } = new(64 << 10, 256 << 10, 1 << 20);

    /// <summary>Smallest chunk.</summary>
    public int MinSize { get; }

    /// <summary>Target average chunk size.</summary>
    public int AverageSize { get; }

    /// <summary>Largest chunk.</summary>
    public int MaxSize { get; }

    /// <summary>The parameters as recorded in a manifest.</summary>
    public ChunkingParameters Parameters => new() { Algorithm = AlgorithmName, MinSize = MinSize, AverageSize = AverageSize, MaxSize = MaxSize };

    /// <summary>Creates the chunker a manifest names.</summary>
    /// <exception cref="ArgumentException">The parameters are not valid for <c>fastcdc-v1</c>.</exception>
    public static FastCdcChunker FromParameters(ChunkingParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Algorithm != AlgorithmName)
        {
            throw new ArgumentException($"Unknown chunking algorithm '{parameters.Algorithm}'.", nameof(parameters));
        }

        return new FastCdcChunker(parameters.MinSize, parameters.AverageSize, parameters.MaxSize);
    }

    /// <summary>
    /// Finds the length of the chunk that starts at <paramref name="data"/>[0].
    /// </summary>
    /// <param name="data">The remaining data, or at least <see cref="MaxSize"/> bytes of it.</param>
    /// <param name="isFinal">True when <paramref name="data"/> holds all the remaining data.</param>
    /// <returns>The chunk length, or 0 if more data is needed (data shorter than MaxSize and not final).</returns>
    public int NextBoundary(ReadOnlySpan<byte> data, bool isFinal)
    {
        if (data.Length <= MinSize)
        {
            return isFinal ? data.Length : 0;
        }

        var limit = Math.Min(data.Length, MaxSize);
        var normal = Math.Min(AverageSize, limit);
        ref var start = ref MemoryMarshal.GetReference(data);
        ref var gear = ref MemoryMarshal.GetArrayDataReference(Gear);
        ulong h = 0;
        var i = MinSize;
        for (; i < normal; i++)
        {
            h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref start, i));
            if ((h & _maskSmall) == 0)
            {
                return i + 1;
            }
        }

        for (; i < limit; i++)
        {
            h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref start, i));
            if ((h & _maskLarge) == 0)
            {
                return i + 1;
            }
        }

        if (limit == MaxSize)
        {
            return MaxSize;
        }

        return isFinal ? data.Length : 0;
    }

    private static ulong TopBits(int count) => ulong.MaxValue << (64 - count);

    private static ulong[] BuildGearTable()
    {
        var table = new ulong[256];
        var seed = Encoding.ASCII.GetBytes("fastcdc-v1 gear?");
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        for (var n = 0; n < table.Length; n++)
        {
            seed[^1] = (byte)n;
            SHA256.HashData(seed, digest);
            table[n] = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        }

        return table;
    }
}
