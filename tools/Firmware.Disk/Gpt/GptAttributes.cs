namespace Firmware.Disk.Gpt;

/// <summary>
/// Partition attribute bits: bits 0-2 from UEFI 2.10 table 5-7, bits 59-63 from the Discoverable
/// Partitions Specification.
/// </summary>
[Flags]
#pragma warning disable CA1714 // GPT calls them attributes; a plural name would mislead.
public enum GptAttributes : ulong
#pragma warning restore CA1714
{
    /// <summary>No attributes.</summary>
    None = 0,

    /// <summary>Bit 0: required for the platform to function; tools must not delete it.</summary>
    RequiredPartition = 1UL << 0,

    /// <summary>Bit 2: legacy BIOS bootable.</summary>
    LegacyBiosBootable = 1UL << 2,

    /// <summary>Bit 59 (DPS): grow the file system to the partition's size on first mount.</summary>
    GrowFileSystem = 1UL << 59,

    /// <summary>Bit 60 (DPS): mount read-only.</summary>
    ReadOnly = 1UL << 60,

    /// <summary>Bit 63 (DPS): do not mount automatically. Set on the inactive A/B root, so an
    /// auto-discovering initramfs never picks the slot that is not booted.</summary>
    NoAuto = 1UL << 63,
}
