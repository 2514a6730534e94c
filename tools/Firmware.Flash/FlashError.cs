namespace Firmware.Flash;

/// <summary>Why a flash was refused or stopped.</summary>
public enum FlashError
{
    /// <summary>The source does not match its bmap checksums, or does not decompress.</summary>
    SourceCorrupt,
    /// <summary>The source ended before the image did.</summary>
    SourceTruncated,
    /// <summary>A safety check refused the target (mounted, system disk, not removable, too small, in use).</summary>
    TargetRefused,
    /// <summary>The target failed: an I/O error, or it vanished.</summary>
    TargetFailed,
    /// <summary>Reading the target back gave bytes other than those written.</summary>
    VerifyMismatch,
}
