namespace Firmware.Disk.Gpt;

/// <summary>Why a disk's GPT was rejected.</summary>
public enum GptError
{
    /// <summary>The disk is too small to hold a GPT, or shorter than its header says.</summary>
    Truncated = 1,

    /// <summary>Sector 0 is not a protective MBR (no 0x55AA signature or no 0xEE partition).</summary>
    NoProtectiveMbr,

    /// <summary>A header lacks the "EFI PART" signature, or has an unsupported revision or size.</summary>
    BadHeader,

    /// <summary>A header's CRC32 does not match.</summary>
    HeaderChecksum,

    /// <summary>The partition entry array's CRC32 does not match the header.</summary>
    EntriesChecksum,

    /// <summary>The header's fields contradict each other or the disk (LBAs, usable range).</summary>
    BadGeometry,

    /// <summary>A partition lies outside the usable range, overlaps another, or has a bad name.</summary>
    BadPartition,

    /// <summary>The backup header or entries differ from the primary ones.</summary>
    BackupMismatch,
}
