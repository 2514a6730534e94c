namespace Firmware.Rootfs.Tree;

/// <summary>
/// A root filesystem held as metadata in memory, file bytes in a <see cref="ContentStore"/>.
/// Every insertion walks the tree from the root without following symlinks: a path whose parent
/// is a symlink is rejected, never resolved, so nothing can be placed outside the root.
/// </summary>
public sealed partial class RootfsTree
{
    /// <summary>Mode given to directories created implicitly as parents.</summary>
    public const UnixFileMode ImplicitDirectoryMode = (UnixFileMode)0b111_101_101; // 0755

    /// <summary>An empty tree: a root directory 0755 owned by 0:0, bytes staged in <paramref name="store"/>.</summary>
    public RootfsTree(ContentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Root = new DirectoryNode { Mode = ImplicitDirectoryMode };
    }

    /// <summary>The root directory.</summary>
    public DirectoryNode Root { get; }

    /// <summary>Where regular files' bytes are staged.</summary>
    public ContentStore Store { get; }

    /// <summary>The node at <paramref name="path"/>, without following any symlink; null when absent.</summary>
    public TreeNode? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        TreeNode node = Root;
        foreach (var name in TreePath.Split(path, "lookup"))
        {
            if (node is not DirectoryNode directory || !directory.Children.TryGetValue(name, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    /// <summary>
    /// The directory that holds the last of <paramref name="components"/>, creating missing parents
    /// (0755, 0:0, <paramref name="mtime"/>) and reporting each created path to <paramref name="created"/>.
    /// </summary>
    /// <exception cref="RootfsException">A parent is a symlink or not a directory.</exception>
    internal DirectoryNode ParentOf(IReadOnlyList<string> components, string source, string entry, long mtime, Action<string>? created = null) =>
        WalkParents(components, source, entry, (directory, i) =>
        {
            var child = new DirectoryNode { Mode = ImplicitDirectoryMode, MTime = mtime };
            directory.Children.Add(components[i], child);
            created?.Invoke(TreePath.Join(components.Take(i + 1)));
            return child;
        })!;

    /// <summary>The existing directory that holds the last of <paramref name="components"/>; null when a parent is missing.</summary>
    /// <exception cref="RootfsException">A parent is a symlink or not a directory.</exception>
    internal DirectoryNode? ExistingParentOf(IReadOnlyList<string> components, string source, string entry) =>
        WalkParents(components, source, entry, create: null);

    private DirectoryNode? WalkParents(IReadOnlyList<string> components, string source, string entry, Func<DirectoryNode, int, DirectoryNode>? create)
    {
        var directory = Root;
        for (var i = 0; i < components.Count - 1; i++)
        {
            if (!directory.Children.TryGetValue(components[i], out var child))
            {
                if (create is null)
                {
                    return null;
                }

                child = create(directory, i);
            }

            directory = child switch
            {
                DirectoryNode d => d,
                SymlinkNode => throw new RootfsException(RootfsError.PathThroughSymlink,
                    $"path goes through the symlink {TreePath.Join(components.Take(i + 1))}", source, entry),
                _ => throw new RootfsException(RootfsError.ParentNotDirectory,
                    $"{TreePath.Join(components.Take(i + 1))} is not a directory", source, entry),
            };
        }

        return directory;
    }

    /// <summary>
    /// Puts <paramref name="node"/> at <paramref name="components"/>. A directory over a directory
    /// takes the new metadata and keeps the children (overlay semantics); anything else replaces
    /// what was there, a directory with all it held.
    /// </summary>
    internal TreeNode Put(IReadOnlyList<string> components, TreeNode node, string source, string entry, Action<string>? created = null)
    {
        if (components.Count == 0)
        {
            if (node is not DirectoryNode)
            {
                throw new RootfsException(RootfsError.Conflict, "the root can only be a directory", source, entry);
            }

            Root.CopyMetadataFrom(node);
            return Root;
        }

        var parent = ParentOf(components, source, entry, node.MTime, created);
        var name = components[^1];
        if (node is DirectoryNode && parent.Children.TryGetValue(name, out var existing) && existing is DirectoryNode kept)
        {
            kept.CopyMetadataFrom(node);
            return kept;
        }

        parent.Children[name] = node;
        return node;
    }
}
