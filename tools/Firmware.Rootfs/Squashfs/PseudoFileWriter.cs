using System.Globalization;
using System.Text;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Squashfs;

/// <summary>
/// Writes a whole tree as one mksquashfs pseudo file (squashfs-tools 4.5 pseudo definitions, the
/// time-carrying forms): <c>D</c> directories, <c>R</c> regular files whose bytes follow the
/// definitions in the same file, <c>S</c> symlinks, <c>C</c>/<c>B</c> devices, <c>I</c> fifos and
/// <c>L</c> hard links. Every entry's owner, mode and time is stated, so nothing about the host
/// (umask, uid, directory order, clock) reaches the image. Identical contents are written once
/// and shared by offset. The root directory is described by mksquashfs's -root-* options.
/// </summary>
internal static class PseudoFileWriter
{
    // pseudo.c: the definitions end at this comment; data starts after the next line ("#\n").
    private const string DataMarker = "#\n# START OF DATA - DO NOT MODIFY\n#\n";

    public static void Write(RootfsTree tree, Stream output, long? sourceDateEpoch)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var order = new List<FileContent>();
        using (var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
        {
            foreach (var entry in TreeWalker.Walk(tree).Skip(1))
            {
                text.Write(Define(entry, sourceDateEpoch, offsets, order));
                text.Write('\n');
            }

            text.Write(DataMarker);
        }

        foreach (var content in order)
        {
            using var data = tree.Store.OpenRead(content);
            data.CopyTo(output);
        }
    }

    private static string Define(TreeEntry entry, long? epoch, Dictionary<string, long> offsets, List<FileContent> order)
    {
        var name = PseudoNames.Escape(entry.Path);
        if (entry.HardLinkOf is { } first)
        {
            return $"{name} L {PseudoNames.Escape(first)}";
        }

        var node = entry.Node;
        var head = string.Create(CultureInfo.InvariantCulture,
            $"{SquashfsTime.Of(node.MTime, epoch)} {Convert.ToString((int)node.Mode, 8)} {node.Uid} {node.Gid}");
        return node switch
        {
            DirectoryNode => $"{name} D {head}",
            RegularFileNode file => string.Create(CultureInfo.InvariantCulture, $"{name} R {head} {file.Content.Length} {OffsetOf(file.Content, offsets, order)}"),
            SymlinkNode link => $"{name} S {head} {PseudoNames.Target(link.Target, entry.Path)}",
            DeviceNode device => string.Create(CultureInfo.InvariantCulture,
                $"{name} {(device.Kind == DeviceKind.Block ? 'B' : 'C')} {head} {device.Major} {device.Minor}"),
            FifoNode => $"{name} I {head} f",
            _ => throw new InvalidOperationException($"no pseudo definition for {node.GetType().Name}"),
        };
    }

    private static long OffsetOf(FileContent content, Dictionary<string, long> offsets, List<FileContent> order)
    {
        if (offsets.TryGetValue(content.Sha256, out var offset))
        {
            return offset;
        }

        offset = order.Count == 0 ? 0 : offsets[order[^1].Sha256] + order[^1].Length;
        offsets.Add(content.Sha256, offset);
        order.Add(content);
        return offset;
    }
}
