namespace Firmware.Device.Slots;

/// <summary>
/// Kernel names of block devices from devtmpfs and sysfs (the same sources as the bench flasher's
/// probe): a /dev path or udev link to its kernel name, a major:minor to its kernel name through
/// /sys/dev/block, device-mapper layers (dm-verity) to the partition beneath, loop devices to their backing files, and GPT labels
/// (PARTNAME in the partition's uevent).
/// </summary>
internal sealed class BlockDeviceNames(SystemRoots roots)
{
    /// <summary>The kernel name behind a configured path (links resolved), e.g. mmcblk0p2.</summary>
    public string KernelName(string path)
    {
        var mapped = new FileInfo(roots.MapDevice(path));
        var target = mapped.Exists || mapped.LinkTarget is not null ? mapped.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? mapped.FullName : mapped.FullName;
        return Path.GetFileName(target);
    }

    /// <summary>True when <paramref name="name"/> is a block device the kernel knows.</summary>
    public bool IsBlockDevice(string name) => name.Length > 0 && Directory.Exists(Path.Combine(roots.Sys, "class", "block", name));

    /// <summary>The kernel name of device <paramref name="majorMinor"/>, through device-mapper to the one device beneath; null if unknown.</summary>
    public string? ByNumber(string majorMinor)
    {
        var node = new DirectoryInfo(Path.Combine(roots.Sys, "dev", "block", majorMinor));
        if (!node.Exists)
        {
            return null;
        }

        var name = Path.GetFileName(node.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? node.FullName);
        for (var depth = 0; depth < 8; depth++)
        {
            var slaves = Path.Combine(roots.Sys, "class", "block", name, "slaves");
            var beneath = Directory.Exists(slaves) ? Directory.GetFileSystemEntries(slaves) : [];
            if (beneath.Length != 1)
            {
                break;
            }

            name = Path.GetFileName(beneath[0]);
        }

        return name;
    }

    /// <summary>The file behind loop device <paramref name="name"/> (sysfs loop/backing_file), or null: how a file slot is mounted.</summary>
    public string? BackingFile(string name)
    {
        var path = Path.Combine(roots.Sys, "class", "block", name, "loop", "backing_file");
        return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\n') : null;
    }

    /// <summary>The GPT partition label of <paramref name="name"/> (PARTNAME in sysfs), or null.</summary>
    public string? PartitionLabel(string name)
    {
        var uevent = Path.Combine(roots.Sys, "class", "block", name, "uevent");
        return File.Exists(uevent)
            ? File.ReadLines(uevent).FirstOrDefault(l => l.StartsWith("PARTNAME=", StringComparison.Ordinal))?["PARTNAME=".Length..]
            : null;
    }
}
