using System.Globalization;

namespace Firmware.Flash.Devices;

/// <summary>
/// Reads block device facts from sysfs (<c>/sys/class/block</c>, <c>/sys/dev/block</c>) and
/// procfs (<c>/proc/self/mountinfo</c>, <c>/proc/swaps</c>). The roots are parameters so tests
/// build a fake tree instead of needing real disks.
/// </summary>
public sealed class BlockDeviceProbe(string sysRoot = "/sys", string procRoot = "/proc")
{
    /// <summary>Describes the block device at <paramref name="path"/>, or returns null if it is not one.</summary>
    public BlockDeviceInfo? Probe(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var name = KernelName(path);
        var node = Path.Combine(sysRoot, "class", "block", name);
        if (name.Length == 0 || !Directory.Exists(node))
        {
            return null;
        }

        var partitions = Directory.EnumerateDirectories(node)
            .Where(d => File.Exists(Path.Combine(d, "partition")))
            .Select(d => new PartitionInfo(Path.GetFileName(d), Sectors(d)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var names = partitions.Select(p => p.Name).Prepend(name).ToHashSet(StringComparer.Ordinal);
        var numbers = names.Select(n => Read(Path.Combine(sysRoot, "class", "block", n, "dev"))).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var disk = File.Exists(Path.Combine(node, "partition")) ? ParentDisk(node) : name;

        return new BlockDeviceInfo(
            path,
            name,
            Sectors(node),
            IsRemovable(disk),
            Read(Path.Combine(node, "ro")) == "1",
            Model(disk),
            partitions,
            MountPoints(numbers).Concat(Swaps(names)).ToList(),
            names.SelectMany(n => Entries(Path.Combine(sysRoot, "class", "block", n, "holders"))).ToList(),
            SystemDisks().Contains(disk));
    }

    private static string KernelName(string path)
    {
        // /dev/disk/by-id/usb-... and friends are links to the kernel name.
        var info = new FileInfo(path);
        var target = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName : path;
        return Path.GetFileName(target) ?? "";
    }

    private bool IsRemovable(string disk)
    {
        if (Read(Path.Combine(sysRoot, "class", "block", disk, "removable")) == "1")
        {
            return true;
        }

        // USB disks and card readers often report removable=0; their sysfs device path runs through the USB bus.
        var device = new DirectoryInfo(Path.Combine(sysRoot, "class", "block", disk));
        var resolved = device.Exists ? device.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? device.FullName : "";
        return resolved.Contains("/usb", StringComparison.Ordinal);
    }

    private string? Model(string disk)
    {
        var device = Path.Combine(sysRoot, "class", "block", disk, "device");
        var words = new[] { Read(Path.Combine(device, "vendor")), Read(Path.Combine(device, "model")), Read(Path.Combine(device, "name")) }
            .Where(w => !string.IsNullOrWhiteSpace(w));
        var model = string.Join(' ', words);
        return model.Length > 0 ? model : null;
    }

    private IEnumerable<string> MountPoints(HashSet<string> numbers)
    {
        // mountinfo: ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS ... (proc(5))
        foreach (var line in Lines(Path.Combine(procRoot, "self", "mountinfo")))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && numbers.Contains(fields[2]))
            {
                yield return fields[4];
            }
        }
    }

    private IEnumerable<string> Swaps(HashSet<string> names) =>
        Lines(Path.Combine(procRoot, "swaps")).Skip(1)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "")
            .Where(device => names.Contains(Path.GetFileName(device)))
            .Select(device => $"swap ({device})");

    /// <summary>The disks that hold the root file system, through device-mapper and RAID layers.</summary>
    private HashSet<string> SystemDisks()
    {
        var disks = new HashSet<string>(StringComparer.Ordinal);
        var root = Lines(Path.Combine(procRoot, "self", "mountinfo")).Select(l => l.Split(' ')).FirstOrDefault(f => f.Length > 4 && f[4] == "/");
        if (root is null)
        {
            return disks;
        }

        var pending = new Stack<string>();
        var device = new DirectoryInfo(Path.Combine(sysRoot, "dev", "block", root[2]));
        if (device.Exists)
        {
            pending.Push(device.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? device.FullName);
        }

        while (pending.Count > 0)
        {
            var node = pending.Pop();
            var slaves = Entries(Path.Combine(node, "slaves")).ToList();
            if (slaves.Count > 0)
            {
                slaves.ForEach(s => pending.Push(Path.Combine(sysRoot, "class", "block", s)));
                continue;
            }

            disks.Add(File.Exists(Path.Combine(node, "partition")) ? ParentDisk(node) : Path.GetFileName(node));
        }

        return disks;
    }

    private static string ParentDisk(string partitionNode)
    {
        var resolved = new DirectoryInfo(partitionNode).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? partitionNode;
        return Path.GetFileName(Path.GetDirectoryName(resolved)!);
    }

    private static long Sectors(string node) =>
        long.TryParse(Read(Path.Combine(node, "size")), NumberStyles.None, CultureInfo.InvariantCulture, out var sectors) ? sectors * 512 : 0;

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static IEnumerable<string> Lines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static IEnumerable<string> Entries(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>() : [];
}
