using System.Security.Cryptography;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Tests.Support;

/// <summary>One entry as a directory extraction shows it, for comparing a tree with a peer tool's unpack.</summary>
public sealed record HostEntry(string Path, char Type, string Mode, int Uid, int Gid, string Detail);

/// <summary>Describes a <see cref="RootfsTree"/> and a directory on disk in the same terms.</summary>
public static class HostTree
{
    /// <summary>Every entry below the root of <paramref name="tree"/>.</summary>
    public static List<HostEntry> Of(RootfsTree tree, ContentStore store) => TreeWalker.Walk(tree).Skip(1).Select(e => new HostEntry(
        e.Path,
        e.Node switch { DirectoryNode => 'd', RegularFileNode => 'f', SymlinkNode => 'l', DeviceNode { Kind: DeviceKind.Block } => 'b', DeviceNode => 'c', _ => 'p' },
        Convert.ToString((int)e.Node.Mode, 8).PadLeft(4, '0'),
        e.Node.Uid,
        e.Node.Gid,
        e.Node switch
        {
            RegularFileNode f => Hash(store.OpenRead(f.Content)),
            SymlinkNode l => l.Target,
            DeviceNode d => $"{d.Major},{d.Minor}",
            _ => "",
        })).ToList();

    /// <summary>Every entry below <paramref name="root"/> on disk, read with find(1) so nothing is followed.</summary>
    public static List<HostEntry> Of(string root)
    {
        var find = ProcessRunner.Run("find", [".", "-mindepth", "1", "-printf", @"%P\0%y\0%m\0%U\0%G\0%l\0%i\0"], root);
        Assert.True(find.ExitCode == 0, find.ToString());
        var fields = find.Stdout.Split('\0');
        var entries = new List<HostEntry>();
        for (var i = 0; i + 6 < fields.Length; i += 7)
        {
            var path = "/" + fields[i];
            var type = fields[i + 1][0] switch { 'f' => 'f', 'd' => 'd', 'l' => 'l', 'c' => 'c', 'b' => 'b', _ => 'p' };
            var detail = type switch
            {
                'f' => Hash(File.OpenRead(Path.Combine(root, fields[i]))),
                'l' => fields[i + 5],
                'c' or 'b' => Device(Path.Combine(root, fields[i])),
                _ => "",
            };
            entries.Add(new HostEntry(path, type, fields[i + 2].PadLeft(4, '0'), int.Parse(fields[i + 3], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(fields[i + 4], System.Globalization.CultureInfo.InvariantCulture), detail));
        }

        return entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Groups of paths that share an inode, for files with more than one name.</summary>
    public static List<string> HardLinkGroups(string root)
    {
        var find = ProcessRunner.Run("find", [".", "-mindepth", "1", "-type", "f", "-links", "+1", "-printf", @"%i %P\n"], root);
        return find.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .GroupBy(p => p[0], p => "/" + p[1])
            .Select(g => string.Join(' ', g.Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The same groups in a tree.</summary>
    public static List<string> HardLinkGroups(RootfsTree tree) => TreeWalker.Walk(tree)
        .GroupBy(e => e.Node, ReferenceEqualityComparer.Instance)
        .Where(g => g.Count() > 1)
        .Select(g => string.Join(' ', g.Select(e => e.Path).Order(StringComparer.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Device(string path)
    {
        var stat = ProcessRunner.Run("stat", ["-c", "%t,%T", path], "/").Stdout.Trim().Split(',');
        return $"{Convert.ToInt32(stat[0], 16)},{Convert.ToInt32(stat[1], 16)}";
    }

    private static string Hash(Stream stream)
    {
        using (stream)
        {
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
    }
}
