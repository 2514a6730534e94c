namespace Firmware.Init.Shutdown;

/// <summary>
/// Which mounts the way down unmounts, and in what order: every mount strictly below the root
/// (on a device: /data, /run, /tmp, /dev/shm, ...), the most recent first so children go before
/// their parents, except the kernel's own filesystems, which hold no data and which the rest of
/// the shutdown still uses. The root itself is remounted read-only instead, if it is writable.
/// </summary>
public static class UnmountPlanner
{
    private static readonly HashSet<string> KernelFilesystems = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "mqueue", "securityfs", "debugfs",
        "tracefs", "pstore", "bpf", "configfs", "fusectl", "efivarfs", "binfmt_misc", "hugetlbfs",
    };

    /// <summary>The mount points to unmount, in order.</summary>
    public static IReadOnlyList<string> Plan(IReadOnlyList<MountEntry> mounts, string root)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentException.ThrowIfNullOrEmpty(root);
        var prefix = root.TrimEnd('/') + "/";
        return [.. mounts.Reverse()
            .Where(m => m.MountPoint.Length > prefix.Length && m.MountPoint.StartsWith(prefix, StringComparison.Ordinal))
            .Where(m => !KernelFilesystems.Contains(m.FilesystemType))
            .Select(m => m.MountPoint)
            .Distinct(StringComparer.Ordinal)];
    }
}
