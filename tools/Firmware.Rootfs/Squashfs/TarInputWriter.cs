using System.Formats.Tar;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Squashfs;

/// <summary>
/// Writes a tree as a pax tar for <c>mksquashfs -tar</c>, the input squashfs-tools 4.5 reads
/// extended attributes from without privileges (tar.c: SCHILY.xattr and LIBARCHIVE.xattr
/// records). Attributes go out as LIBARCHIVE.xattr (base64), which carries any byte value.
/// Every entry states its owner, mode and time; the root is described by -root-* options.
/// </summary>
internal static class TarInputWriter
{
    public static void Write(RootfsTree tree, Stream output, long? sourceDateEpoch)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var entry in TreeWalker.Walk(tree).Skip(1))
        {
            var name = entry.Path[1..];
            var node = entry.Node;
            // squashfs-tools 4.5.1 (tar.c, read_pax_header) rejects a pax "mtime" without a
            // fractional part, and TarWriter writes whole seconds without one: one tick past the
            // second makes it write ".0000001", which mksquashfs parses and truncates away.
            var mtime = DateTimeOffset.FromUnixTimeSeconds(SquashfsTime.Of(node.MTime, sourceDateEpoch)).AddTicks(1);

            // Given a dictionary, PaxTarEntry adds no atime/ctime of "now": the stream is reproducible.
            var records = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (xattr, value) in node.Xattrs)
            {
                // libarchive writes base64 without '=' padding, and 4.5.1's decoder rejects '='.
                records["LIBARCHIVE.xattr." + Uri.EscapeDataString(xattr)] = Convert.ToBase64String(value).TrimEnd('=');
            }

            var tar = new PaxTarEntry(TypeOf(entry), name, records)
            {
                Mode = node.Mode,
                Uid = node.Uid,
                Gid = node.Gid,
                ModificationTime = mtime,
            };
            Stream? data = null;
            switch (node)
            {
                case var _ when entry.HardLinkOf is { } first:
                    tar.LinkName = first[1..];
                    break;
                case SymlinkNode link:
                    tar.LinkName = link.Target;
                    break;
                case DeviceNode device:
                    tar.DeviceMajor = device.Major;
                    tar.DeviceMinor = device.Minor;
                    break;
                case RegularFileNode file:
                    data = tree.Store.OpenRead(file.Content);
                    tar.DataStream = data;
                    break;
            }

            writer.WriteEntry(tar);
            data?.Dispose();
        }
    }

    private static TarEntryType TypeOf(TreeEntry entry) => entry.HardLinkOf is not null ? TarEntryType.HardLink : entry.Node switch
    {
        DirectoryNode => TarEntryType.Directory,
        RegularFileNode => TarEntryType.RegularFile,
        SymlinkNode => TarEntryType.SymbolicLink,
        DeviceNode { Kind: DeviceKind.Block } => TarEntryType.BlockDevice,
        DeviceNode => TarEntryType.CharacterDevice,
        _ => TarEntryType.Fifo,
    };
}
