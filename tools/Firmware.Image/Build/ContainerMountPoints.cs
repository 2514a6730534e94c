using System.Text.Json;
using Firmware.Rootfs.Tree;

namespace Firmware.Image.Build;

/// <summary>
/// Creates the mount points a container's config.json needs inside its rootfs. The rootfs lives in
/// the read-only squashfs, where runc cannot create them at start, so they are made at build time,
/// as LinuxKit's build does: a directory for each mount destination, or an empty file when the
/// mount binds a file of the root (such as /etc/hostname). Destinations inside another mount
/// (/dev/pts inside /dev) are made by runc in that mount and are left alone.
/// </summary>
public static class ContainerMountPoints
{
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100; // 0644

    /// <summary>Adds the mount points of the container at <paramref name="container"/> (its bundle directory in <paramref name="tree"/>).</summary>
    public static void Add(RootfsTree tree, string container, ReadOnlySpan<byte> configJson, long mtime)
    {
        ArgumentNullException.ThrowIfNull(tree);
        using var config = JsonDocument.Parse(configJson.ToArray());
        var root = config.RootElement;
        var rootfs = root.TryGetProperty("root", out var r) && r.TryGetProperty("path", out var p) ? p.GetString()! : "rootfs";
        if (!root.TryGetProperty("mounts", out var mounts))
        {
            return;
        }

        var entries = mounts.EnumerateArray().Select(m => (
            Destination: m.GetProperty("destination").GetString()!.TrimEnd('/'),
            Source: m.TryGetProperty("source", out var s) ? s.GetString() : null,
            Bind: (m.TryGetProperty("type", out var t) && t.GetString() == "bind")
                || (m.TryGetProperty("options", out var o) && o.EnumerateArray().Any(x => x.GetString() is "bind" or "rbind")))).ToList();
        foreach (var (destination, source, bind) in entries)
        {
            var nested = entries.Any(e => e.Destination.Length > 0 && destination.StartsWith(e.Destination + "/", StringComparison.Ordinal));
            var path = $"{container}/{rootfs}{destination}";
            if (destination.Length == 0 || nested || tree.Find(path) is not null)
            {
                continue;
            }

            if (bind && source is not null && tree.Find(source) is RegularFileNode)
            {
                tree.AddFile(path, [], FileMode, 0, 0, mtime);
            }
            else
            {
                tree.AddDirectory(path, RootfsTree.ImplicitDirectoryMode, 0, 0, mtime);
            }
        }
    }
}
