using Firmware.Flash.Bmap;

namespace Firmware.Flash;

/// <summary>What a flash will do: the ranges to write, in order. Pure data: tests assert it, <c>--dry-run</c> prints it.</summary>
/// <param name="ImageSize">The image's size, or null when it is only known at the end of a compressed stream.</param>
/// <param name="ChecksumType">The hash of range checksums (from the bmap; sha256 otherwise).</param>
/// <param name="Ranges">Ranges to write, ascending.</param>
/// <param name="Source">Where the ranges came from: bmap, file extents, whole image, or stream.</param>
public sealed record FlashPlan(long? ImageSize, string ChecksumType, IReadOnlyList<PlannedRange> Ranges, PlanSource Source)
{
    /// <summary>Bytes the plan writes (unknown for a stream to its end).</summary>
    public long BytesToWrite => Ranges.Sum(r => r.Length);
}

/// <summary>A byte range of the image to write, with the checksum its bytes must have (if the bmap gives one).</summary>
public sealed record PlannedRange(int Index, long Offset, long Length, string? Checksum);

/// <summary>Where a plan's ranges came from.</summary>
public enum PlanSource
{
    /// <summary>A bmap: only mapped ranges, each checked.</summary>
    Bmap,
    /// <summary>The image file's data extents (holes skipped; the target reads holes as zeros).</summary>
    Extents,
    /// <summary>The whole image as one range.</summary>
    WholeImage,
    /// <summary>A compressed image of unknown size, written until its end.</summary>
    Stream,
}

/// <summary>Turns an image, its bmap and a target into a <see cref="FlashPlan"/>, refusing what cannot work.</summary>
public static class FlashPlanner
{
    /// <summary>Plans a flash.</summary>
    /// <param name="imageSize">The image size if known before reading (raw images).</param>
    /// <param name="map">The bmap, if any.</param>
    /// <param name="targetCapacity">The target's size (null: a file that grows).</param>
    /// <param name="holesReadAsZero">True when unwritten target ranges read as zeros.</param>
    /// <param name="dataExtents">The image file's data extents in blocks, when it is a raw file.</param>
    /// <exception cref="FlashException">The image does not fit the target.</exception>
    /// <exception cref="BmapException">The bmap does not describe this image.</exception>
    public static FlashPlan Plan(long? imageSize, BlockMap? map, long? targetCapacity, bool holesReadAsZero,
        Func<IEnumerable<(long First, long Last)>>? dataExtents = null)
    {
        if (map is not null && imageSize is { } actual && actual != map.ImageSize)
        {
            throw new BmapException(BmapError.ImageMismatch, $"the bmap describes an image of {map.ImageSize} bytes; this image has {actual}");
        }

        var size = map?.ImageSize ?? imageSize;
        if (size is { } needed && targetCapacity is { } capacity && needed > capacity)
        {
            throw new FlashException(FlashError.TargetRefused, $"the image ({needed} bytes) is larger than the target ({capacity} bytes)", "untouched");
        }

        if (map is not null)
        {
            var ranges = map.Ranges.Select((r, i) => new PlannedRange(i, map.ByteOffset(r), map.ByteLength(r), r.Checksum)).ToList();
            return new FlashPlan(size, map.ChecksumType, ranges, PlanSource.Bmap);
        }

        if (size is not { } known)
        {
            return new FlashPlan(null, BlockMap.Sha256, [], PlanSource.Stream);
        }

        if (holesReadAsZero && dataExtents is not null)
        {
            const int block = BmapCreator.DefaultBlockSize;
            var ranges = dataExtents().Select((e, i) =>
                new PlannedRange(i, e.First * block, Math.Min((e.Last + 1) * block, known) - (e.First * block), null)).ToList();
            return new FlashPlan(known, BlockMap.Sha256, ranges, PlanSource.Extents);
        }

        return new FlashPlan(known, BlockMap.Sha256, known == 0 ? [] : [new PlannedRange(0, 0, known, null)], PlanSource.WholeImage);
    }
}
