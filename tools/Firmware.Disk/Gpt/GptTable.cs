namespace Firmware.Disk.Gpt;

/// <summary>
/// A GUID Partition Table as it is laid out on a disk (UEFI 2.10, chapter 5): a protective MBR in
/// sector 0, the primary header in sector 1 followed by the entry array, and at the end of the
/// disk a backup entry array followed by the backup header in the last sector. The constructor
/// checks the table is one a firmware would accept; <see cref="Encode"/>, <see cref="Read"/> and
/// <see cref="WriteTo"/> move it to and from bytes.
/// </summary>
public sealed partial class GptTable
{
    /// <summary>Entries in the array: 128, the minimum UEFI allows and what every tool writes.</summary>
    public const int EntryCount = 128;

    /// <summary>Bytes per entry.</summary>
    public const int EntrySize = GptFields.EntryLength;

    /// <summary>Creates a table, checking every partition fits the usable range without overlap.</summary>
    /// <param name="diskId">The disk GUID.</param>
    /// <param name="diskSectors">The disk's size in sectors; the backup header goes in the last one.</param>
    /// <param name="partitions">The partitions, in entry order.</param>
    /// <param name="sectorSize">512 or 4096.</param>
    /// <param name="usable">The sectors partitions may use, when narrower than what the tables leave
    /// (sfdisk, for one, starts the usable range at 1 MiB); null for all of it.</param>
    /// <exception cref="ArgumentException">The table would not be a valid GPT.</exception>
    public GptTable(Guid diskId, long diskSectors, IReadOnlyList<GptPartition> partitions, int sectorSize = 512, (long First, long Last)? usable = null)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (sectorSize is not (512 or 4096))
        {
            throw new ArgumentOutOfRangeException(nameof(sectorSize), sectorSize, "GPT sectors here are 512 or 4096 bytes.");
        }

        SectorSize = sectorSize;
        DiskSectors = diskSectors;
        DiskId = diskId;
        Partitions = [.. partitions];
        if (diskSectors < FirstUsableLba + EntrySectors + 2)
        {
            throw new ArgumentOutOfRangeException(nameof(diskSectors), diskSectors, "The disk is too small to hold both GPT copies.");
        }

        (FirstUsableLba, LastUsableLba) = usable ?? (2 + EntrySectors, diskSectors - 2 - EntrySectors);
        if (FirstUsableLba < 2 + EntrySectors || LastUsableLba > diskSectors - 2 - EntrySectors || FirstUsableLba > LastUsableLba)
        {
            throw new ArgumentOutOfRangeException(nameof(usable), usable, "The usable range overlaps the tables.");
        }

        if (Check(Partitions) is { } problem)
        {
            throw new ArgumentException(problem, nameof(partitions));
        }
    }

    /// <summary>Bytes per sector.</summary>
    public int SectorSize { get; }

    /// <summary>The disk's size in sectors.</summary>
    public long DiskSectors { get; }

    /// <summary>The disk GUID.</summary>
    public Guid DiskId { get; }

    /// <summary>The partitions, in entry order.</summary>
    public IReadOnlyList<GptPartition> Partitions { get; }

    /// <summary>Sectors taken by one copy of the entry array.</summary>
    public int EntrySectors => EntryCount * EntrySize / SectorSize;

    /// <summary>The first sector a partition may use.</summary>
    public long FirstUsableLba { get; }

    /// <summary>The last sector a partition may use.</summary>
    public long LastUsableLba { get; }

    /// <summary>Where the backup entry array starts.</summary>
    public long BackupEntriesLba => DiskSectors - 1 - EntrySectors;

    /// <summary>The last sector, holding the backup header.</summary>
    public long BackupHeaderLba => DiskSectors - 1;

    /// <summary>The disk's size in bytes.</summary>
    public long DiskBytes => DiskSectors * SectorSize;

    /// <summary>The partition named <paramref name="name"/>, or null.</summary>
    public GptPartition? Find(string name) => Partitions.FirstOrDefault(p => p.Name == name);

    private string? Check(IReadOnlyList<GptPartition> partitions)
    {
        if (partitions.Count > EntryCount)
        {
            return $"a GPT holds at most {EntryCount} partitions, not {partitions.Count}";
        }

        var sorted = partitions.OrderBy(p => p.FirstLba).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var p = sorted[i];
            if (p.Type == Guid.Empty)
            {
                return $"partition '{p.Name}' has no type: an all-zero type GUID marks an unused entry";
            }

            if (p.Name.Length > GptPartition.MaxNameLength || p.Name.Contains('\0', StringComparison.Ordinal))
            {
                return $"partition name '{p.Name}' is longer than {GptPartition.MaxNameLength} characters or contains NUL";
            }

            if (p.FirstLba < FirstUsableLba || p.LastLba > LastUsableLba || p.LastLba < p.FirstLba)
            {
                return $"partition '{p.Name}' (sectors {p.FirstLba}-{p.LastLba}) is outside the usable sectors {FirstUsableLba}-{LastUsableLba}";
            }

            if (i > 0 && sorted[i - 1].LastLba >= p.FirstLba)
            {
                return $"partitions '{sorted[i - 1].Name}' and '{p.Name}' overlap";
            }
        }

        var duplicate = partitions.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"partitions {string.Join(", ", duplicate.Select(p => $"'{p.Name}'"))} share the unique GUID {duplicate.Key}";
    }
}
