namespace Firmware.Flash.Bmap;

/// <summary>Why a bmap file was rejected.</summary>
public enum BmapError
{
    /// <summary>Not well-formed XML, or not the bmap schema (missing or repeated element, bad number).</summary>
    Malformed,
    /// <summary>A major version other than 2.</summary>
    UnsupportedVersion,
    /// <summary>The file's own checksum does not match its bytes.</summary>
    FileChecksumMismatch,
    /// <summary>A range lies beyond the image, overlaps or precedes another.</summary>
    InvalidRange,
    /// <summary>The header counts contradict each other or the ranges.</summary>
    Inconsistent,
    /// <summary>The bmap does not describe this image (size differs).</summary>
    ImageMismatch,
}
