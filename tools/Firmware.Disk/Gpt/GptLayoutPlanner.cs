namespace Firmware.Disk.Gpt;

/// <summary>
/// Turns partition requests into a <see cref="GptTable"/>: partitions in request order, each
/// starting on a 1 MiB boundary (what fdisk, sfdisk and systemd-repart do, and what keeps SD and
/// eMMC erase blocks aligned), with GUIDs derived from a seed so the layout is reproducible.
/// </summary>
public static class GptLayoutPlanner
{
    /// <summary>Partition start and size alignment.</summary>
    public const long Alignment = 1 << 20;

    /// <summary>Plans the table.</summary>
    /// <param name="requests">The partitions, in order.</param>
    /// <param name="diskBytes">The disk size; null to make the disk just large enough.</param>
    /// <param name="seed">What the disk and partition GUIDs are derived from (for example the image name and version).</param>
    /// <param name="sectorSize">512 or 4096.</param>
    /// <exception cref="ArgumentException">The requests do not fit or are malformed.</exception>
    public static GptTable Plan(IReadOnlyList<PartitionRequest> requests, long? diskBytes, ReadOnlySpan<byte> seed, int sectorSize = 512)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            throw new ArgumentException("a layout needs at least one partition", nameof(requests));
        }

        if (requests.Take(requests.Count - 1).FirstOrDefault(r => r.SizeBytes is null) is { } early)
        {
            throw new ArgumentException($"partition '{early.Name}' has no size: only the last partition may take the rest of the disk", nameof(requests));
        }

        if (requests[^1].SizeBytes is null && diskBytes is null)
        {
            throw new ArgumentException($"partition '{requests[^1].Name}' takes the rest of the disk, so the disk size must be given", nameof(diskBytes));
        }

        var sectorsPerAlignment = Alignment / sectorSize;
        var backupSectors = (GptTable.EntryCount * GptTable.EntrySize / sectorSize) + 1;
        var next = sectorsPerAlignment; // the first 1 MiB holds the primary table and nothing else
        var diskSectors = diskBytes is { } bytes ? bytes / sectorSize : (long?)null;
        var partitions = new List<GptPartition>(requests.Count);
        foreach (var request in requests)
        {
            long sectors;
            if (request.SizeBytes is { } size)
            {
                if (size <= 0)
                {
                    throw new ArgumentException($"partition '{request.Name}' has size {size}", nameof(requests));
                }

                sectors = RoundUp(size, Alignment) / sectorSize;
            }
            else
            {
                // The rest of the disk, minus the backup table, ending on an alignment boundary
                // if the disk allows, so the image stays a whole number of erase blocks.
                sectors = diskSectors!.Value - backupSectors - next;
            }

            partitions.Add(new GptPartition(request.Name, request.Type, DerivedGuid.Create(seed, "partition:" + request.Name), next, next + sectors - 1, request.Attributes));
            next += sectors;
        }

        var needed = RoundUp((next + backupSectors) * sectorSize, Alignment) / sectorSize;
        if (diskSectors is { } given && given < next + backupSectors)
        {
            throw new ArgumentException($"the partitions need {needed * sectorSize} bytes, more than the disk's {given * sectorSize}", nameof(diskBytes));
        }

        return new GptTable(DerivedGuid.Create(seed, "disk"), diskSectors ?? needed, partitions, sectorSize);
    }

    private static long RoundUp(long value, long multiple) => (value + multiple - 1) / multiple * multiple;
}
