namespace Firmware.Flash.Bmap;

/// <summary>
/// A block map (bmap 2.0, the format of bmaptool from bmap-tools): which blocks of an image hold
/// data, each range with a checksum. Blocks not listed are holes that need not be written.
/// </summary>
/// <param name="ImageSize">The image's size in bytes.</param>
/// <param name="BlockSize">The block size in bytes.</param>
/// <param name="Ranges">The mapped ranges, ascending and disjoint.</param>
public sealed record BlockMap(long ImageSize, int BlockSize, IReadOnlyList<BlockRange> Ranges)
{
    /// <summary>The only checksum type this implementation writes; bmap 2.0 also allows sha1 and md5 for reading.</summary>
    public const string Sha256 = "sha256";

    /// <summary>Blocks in the image (the last may be partial).</summary>
    public long BlocksCount => (ImageSize + BlockSize - 1) / BlockSize;

    /// <summary>Blocks listed in ranges.</summary>
    public long MappedBlocksCount => Ranges.Sum(r => r.BlockCount);

    /// <summary>Bytes those blocks hold (the last block of the image may be partial).</summary>
    public long MappedBytes => Ranges.Sum(ByteLength);

    /// <summary>Checksum algorithm of the ranges.</summary>
    public string ChecksumType { get; init; } = Sha256;

    /// <summary>Byte offset of a range in the image.</summary>
    public long ByteOffset(BlockRange range) => range.First * BlockSize;

    /// <summary>Bytes of a range, clipped to the image's end.</summary>
    public long ByteLength(BlockRange range) => Math.Min((range.Last + 1) * BlockSize, ImageSize) - ByteOffset(range);

    /// <summary>A map of the whole image as one range without checksum: what to write when no bmap is given.</summary>
    public static BlockMap WholeImage(long imageSize, int blockSize = 4096) =>
        new(imageSize, blockSize, imageSize == 0 ? [] : [new BlockRange(0, (imageSize - 1) / blockSize, null)]);
}

/// <summary>Blocks <see cref="First"/> to <see cref="Last"/> inclusive, with the lowercase hex checksum of their bytes.</summary>
public sealed record BlockRange(long First, long Last, string? Checksum)
{
    /// <summary>Number of blocks.</summary>
    public long BlockCount => Last - First + 1;
}
