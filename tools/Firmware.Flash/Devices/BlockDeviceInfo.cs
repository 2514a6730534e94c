namespace Firmware.Flash.Devices;

/// <summary>What sysfs and procfs say about a block device, gathered once before a flash.</summary>
/// <param name="Path">The path given.</param>
/// <param name="Name">The kernel name (sdb, mmcblk0).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Removable">True for removable media or a USB-attached disk.</param>
/// <param name="ReadOnly">True when the kernel marks it read-only.</param>
/// <param name="Model">Vendor and model, when the device reports them.</param>
/// <param name="Partitions">Its partitions.</param>
/// <param name="MountPoints">Where it or any partition is mounted (or used as swap).</param>
/// <param name="Holders">Devices stacked on it (device-mapper, RAID): it is in use.</param>
/// <param name="HoldsRunningSystem">True when the running system's root file system lives on it.</param>
public sealed record BlockDeviceInfo(
    string Path,
    string Name,
    long Size,
    bool Removable,
    bool ReadOnly,
    string? Model,
    IReadOnlyList<PartitionInfo> Partitions,
    IReadOnlyList<string> MountPoints,
    IReadOnlyList<string> Holders,
    bool HoldsRunningSystem)
{
    /// <summary>Reasons to refuse this device as a flash target; <paramref name="force"/> waives only the removable check.</summary>
    public IReadOnlyList<string> Refusals(bool force)
    {
        var reasons = new List<string>();
        if (HoldsRunningSystem)
        {
            reasons.Add($"{Name} holds the running system's root file system");
        }

        if (MountPoints.Count > 0)
        {
            reasons.Add($"{Name} is in use: mounted at {string.Join(", ", MountPoints)}");
        }

        if (Holders.Count > 0)
        {
            reasons.Add($"{Name} is in use by {string.Join(", ", Holders)} (device-mapper, LVM or RAID)");
        }

        if (ReadOnly)
        {
            reasons.Add($"{Name} is read-only");
        }

        if (!Removable && !force)
        {
            reasons.Add($"{Name} is not a removable or USB device; if it really is the target, pass --force");
        }

        return reasons;
    }
}

/// <summary>A partition of the device.</summary>
public sealed record PartitionInfo(string Name, long Size);
