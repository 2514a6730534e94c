namespace Firmware.Rootfs.Squashfs;

/// <summary>How the squashfs image is made.</summary>
public sealed record SquashfsOptions
{
    /// <summary>
    /// SOURCE_DATE_EPOCH (reproducible-builds.org): the filesystem's creation time, and the ceiling
    /// for every entry's mtime. Null keeps entry mtimes as the layers gave them and sets the
    /// creation time to 0. Either way, the host's clock never reaches the image.
    /// </summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>The mksquashfs compressor; zstd by default (the kernel reads it since 4.14).</summary>
    public string Compression { get; init; } = "zstd";

    /// <summary>The compression level, or null for the compressor's default.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Data block size in bytes: a power of two from 4 KiB to 1 MiB.</summary>
    public int BlockSize { get; init; } = 128 * 1024;

    /// <summary>
    /// The input to give mksquashfs, or null to choose: a tar when the tree has xattrs, else a
    /// pseudo file. Asking for a pseudo file for a tree with xattrs is an error, never a silent loss.
    /// </summary>
    public SquashfsInput? Input { get; init; }

    /// <summary>How many compressor threads mksquashfs may use, or null for all processors. Output does not depend on it.</summary>
    public int? Processors { get; init; }
}
