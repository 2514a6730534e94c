namespace Firmware.Disk.Gpt;

/// <summary>One GPT partition entry (UEFI 2.10, 5.3.3, table 5-6).</summary>
/// <param name="Name">The partition name (PARTLABEL), at most 36 UTF-16 code units.</param>
/// <param name="Type">The partition type GUID (<see cref="GptPartitionTypes"/>).</param>
/// <param name="Id">The unique partition GUID (PARTUUID).</param>
/// <param name="FirstLba">The first sector, inclusive.</param>
/// <param name="LastLba">The last sector, inclusive.</param>
/// <param name="Attributes">The attribute bits.</param>
public sealed record GptPartition(string Name, Guid Type, Guid Id, long FirstLba, long LastLba, GptAttributes Attributes = GptAttributes.None)
{
    /// <summary>The longest name an entry holds: 72 bytes of UTF-16LE.</summary>
    public const int MaxNameLength = 36;

    /// <summary>The partition's size in sectors.</summary>
    public long Sectors => LastLba - FirstLba + 1;
}
