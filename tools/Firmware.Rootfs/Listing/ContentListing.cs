using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Listing;

/// <summary>
/// A text listing of a tree for review: one line per name, in the tree's walk order (parents
/// before children, names in ordinal order), so two versions diff line by line:
/// <code>
/// TYPE MODE UID/GID SIZE SHA256 PATH[ -> SYMLINK-TARGET][ => FIRST-NAME-OF-HARD-LINK][ xattr NAME=VALUE]...
/// </code>
/// TYPE is d, f, l (symlink), c, b or p; MODE four octal digits; SIZE the byte count for files,
/// MAJOR,MINOR for devices, - otherwise; SHA256 the file's digest or -. Paths and targets escape
/// backslash and control characters as \\ and \xNN. xattr values up to 64 bytes are hex,
/// longer ones their sha256. Modification times are left out: they change with every build of
/// the same content and would drown the differences that matter.
/// </summary>
public static class ContentListing
{
    /// <summary>Writes the listing of <paramref name="tree"/> to <paramref name="writer"/>.</summary>
    public static void Write(RootfsTree tree, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var entry in TreeWalker.Walk(tree))
        {
            writer.Write(Line(entry));
            writer.Write('\n');
        }
    }

    /// <summary>The listing as one string.</summary>
    public static string ToText(RootfsTree tree)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(tree, text);
        return text.ToString();
    }

    private static string Line(TreeEntry entry)
    {
        var node = entry.Node;
        var (type, size, digest) = node switch
        {
            DirectoryNode => ('d', "-", "-"),
            RegularFileNode file => ('f', file.Content.Length.ToString(CultureInfo.InvariantCulture), file.Content.Sha256),
            SymlinkNode => ('l', "-", "-"),
            DeviceNode device => (device.Kind == DeviceKind.Block ? 'b' : 'c', string.Create(CultureInfo.InvariantCulture, $"{device.Major},{device.Minor}"), "-"),
            _ => ('p', "-", "-"),
        };
        var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{type} {Convert.ToString((int)node.Mode, 8).PadLeft(4, '0')} {node.Uid}/{node.Gid} {size} {digest} {Escape(entry.Path)}"));
        if (node is SymlinkNode link)
        {
            line.Append(" -> ").Append(Escape(link.Target));
        }

        if (entry.HardLinkOf is { } first)
        {
            line.Append(" => ").Append(Escape(first));
        }

        foreach (var (name, value) in node.Xattrs)
        {
            line.Append(" xattr ").Append(Escape(name)).Append('=')
                .Append(value.Length <= 64 ? "0x" + Convert.ToHexStringLower(value) : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(value)));
        }

        return line.ToString();
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => escaped.Append(@"\\"),
                < ' ' or '\u007F' => escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
