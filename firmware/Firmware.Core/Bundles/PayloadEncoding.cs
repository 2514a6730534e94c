using Firmware.Chunking;

namespace Firmware.Bundles;

/// <summary>How payloads are cut and compressed when a bundle is created.</summary>
public sealed record PayloadEncoding
{
    /// <summary>Default zstd level: a good ratio at several hundred MB/s per core.</summary>
    public const int DefaultLevel = 6;

    /// <summary>Compress chunks with zstd (true) or store them as is.</summary>
    public bool Compress { get; init; } = true;

    /// <summary>zstd level, 1-22.</summary>
    public int Level { get; init; } = DefaultLevel;

    /// <summary>The chunker.</summary>
    public FastCdcChunker Chunker { get; init; } = FastCdcChunker.Default;

    /// <summary>How many chunks are compressed at once.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
