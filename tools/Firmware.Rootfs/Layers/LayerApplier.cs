using System.Formats.Tar;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Layers;

/// <summary>
/// The state of applying one layer: which paths this layer wrote, because whiteouts only hide
/// what lower layers put there (OCI image spec, layer.md "Whiteouts": "Files that are present in
/// the same layer as a whiteout file can only be hidden by whiteout files in subsequent layers").
/// </summary>
internal sealed class LayerApplier(RootfsTree tree, string layerName, LayerOptions options)
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>The entry being applied, for errors raised while reading its data.</summary>
    public string? CurrentEntry { get; private set; }

    public void Apply(TarEntry entry)
    {
        CurrentEntry = entry.Name;
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return; // pax global headers carry comments (git archive), never file metadata
        }

        var components = TreePath.Split(entry.Name, layerName);
        var name = components.Count == 0 ? "" : components[^1];
        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            ApplyWhiteout(components, name, entry);
            return;
        }

        var node = CreateNode(entry);
        tree.Put(components, node, layerName, entry.Name, path => _written.Add(path));
        _written.Add(TreePath.Join(components));
    }

    private TreeNode CreateNode(TarEntry entry)
    {
        TreeNode node = entry.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => CreateFile(entry),
            TarEntryType.Directory => new DirectoryNode(),
            TarEntryType.SymbolicLink => new SymlinkNode(RequireLinkName(entry)),
            TarEntryType.HardLink => ResolveHardLink(entry),
            TarEntryType.CharacterDevice => CreateDevice(DeviceKind.Character, entry),
            TarEntryType.BlockDevice => CreateDevice(DeviceKind.Block, entry),
            TarEntryType.Fifo => new FifoNode(),
            _ => throw new RootfsException(RootfsError.UnsupportedEntryType, $"entry type {entry.EntryType} cannot be part of a root filesystem", layerName, entry.Name),
        };

        if (entry.EntryType == TarEntryType.HardLink)
        {
            return node; // a hard link is another name for an inode: its header's metadata is not the inode's
        }

        if (entry.Uid < 0 || entry.Gid < 0)
        {
            throw new RootfsException(RootfsError.InvalidMetadata, $"negative owner {entry.Uid}:{entry.Gid}", layerName, entry.Name);
        }

        node.Mode = entry.Mode;
        node.Uid = entry.Uid;
        node.Gid = entry.Gid;
        node.MTime = entry.ModificationTime.ToUnixTimeSeconds();
        if (entry is PaxTarEntry pax)
        {
            foreach (var (xattr, value) in XattrRecords.Decode(pax.ExtendedAttributes, layerName, entry.Name))
            {
                node.Xattrs[xattr] = value;
            }
        }

        return node;
    }

    // Device numbers live in the ustar/pax/gnu header fields only (a v7 header has none).
    private DeviceNode CreateDevice(DeviceKind kind, TarEntry entry) => entry is PosixTarEntry posix
        ? new DeviceNode(kind, posix.DeviceMajor, posix.DeviceMinor)
        : throw new RootfsException(RootfsError.UnsupportedEntryType, "a device entry without device numbers", layerName, entry.Name);

    private RegularFileNode CreateFile(TarEntry entry)
    {
        if (entry.Length > options.MaxFileSize)
        {
            throw new RootfsException(RootfsError.EntryTooLarge, $"file of {entry.Length} bytes is above the limit of {options.MaxFileSize}", layerName, entry.Name);
        }

        using var data = entry.DataStream ?? Stream.Null;
        var content = tree.Store.Add(data);
        return content.Length == entry.Length
            ? new RegularFileNode(content)
            : throw new RootfsException(RootfsError.MalformedLayer, $"file data is {content.Length} bytes, header says {entry.Length}", layerName, entry.Name);
    }

    private string RequireLinkName(TarEntry entry) =>
        string.IsNullOrEmpty(entry.LinkName) || entry.LinkName.Contains('\0', StringComparison.Ordinal)
            ? throw new RootfsException(RootfsError.InvalidName, "link target is empty or holds NUL", layerName, entry.Name)
            : entry.LinkName;

    // Hard links name an entry already in the tree (this layer or a lower one), by a path that is
    // confined and symlink-free exactly like an entry's own path.
    private TreeNode ResolveHardLink(TarEntry entry)
    {
        var target = TreePath.Split(RequireLinkName(entry), layerName);
        if (target.Count == 0)
        {
            throw new RootfsException(RootfsError.HardLinkTargetInvalid, "hard link to the root", layerName, entry.Name);
        }

        var parent = tree.ExistingParentOf(target, layerName, entry.Name);
        return parent is not null && parent.Children.TryGetValue(target[^1], out var node) && node is not DirectoryNode
            ? node
            : throw new RootfsException(RootfsError.HardLinkTargetInvalid, $"hard link target {entry.LinkName} is not a file in the tree", layerName, entry.Name);
    }

    // Whiteouts (layer.md): ".wh.NAME" removes NAME from lower layers; ".wh..wh..opq" makes the
    // directory opaque, hiding every lower entry below it. LinuxKit's flattener ignores the
    // opaque form; here both are applied.
    private void ApplyWhiteout(List<string> components, string name, TarEntry entry)
    {
        var parent = tree.ExistingParentOf(components, layerName, entry.Name);
        var parentPath = components.Take(components.Count - 1).ToList();
        if (name == OpaqueMarker)
        {
            if (parent is not null)
            {
                PruneLower(parent, parentPath);
            }

            return;
        }

        if (name.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal) || name.Length == WhiteoutPrefix.Length || name is ".wh.." or ".wh...")
        {
            throw new RootfsException(RootfsError.InvalidWhiteout, $"{name} is not a whiteout this format defines", layerName, entry.Name);
        }

        var hidden = name[WhiteoutPrefix.Length..];
        if (parent is null || !parent.Children.TryGetValue(hidden, out var node))
        {
            return;
        }

        var path = TreePath.Join(parentPath.Append(hidden));
        if (_written.Contains(path))
        {
            return;
        }

        // A lower directory that this layer already wrote into keeps what this layer wrote.
        if (node is DirectoryNode directory && PruneLower(directory, [.. parentPath, hidden]))
        {
            return;
        }

        parent.Children.Remove(hidden);
    }

    /// <summary>Removes every entry below <paramref name="directory"/> that this layer did not write; true when something remains.</summary>
    private bool PruneLower(DirectoryNode directory, List<string> path)
    {
        foreach (var (name, child) in directory.Children.ToList())
        {
            List<string> childPath = [.. path, name];
            if (_written.Contains(TreePath.Join(childPath)))
            {
                continue;
            }

            if (child is DirectoryNode sub && PruneLower(sub, childPath))
            {
                continue;
            }

            directory.Children.Remove(name);
        }

        return directory.Children.Count > 0;
    }
}
