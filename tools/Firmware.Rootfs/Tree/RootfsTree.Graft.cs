namespace Firmware.Rootfs.Tree;

// Grafting a flattened image under a prefix: how system containers get their rootfs/.
public sealed partial class RootfsTree
{
    /// <summary>
    /// Copies <paramref name="image"/>'s whole tree to <paramref name="prefix"/> (which must not
    /// exist yet). Hard links inside the image stay hard links inside the copy, and never join the
    /// copy to the image or to another graft of it.
    /// </summary>
    /// <exception cref="ArgumentException">The image stages its bytes in another store.</exception>
    /// <exception cref="RootfsException">The prefix exists, escapes the root or goes through a symlink.</exception>
    public DirectoryNode Graft(string prefix, RootfsTree image)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(image);
        RequireSameStore(image);
        var components = TreePath.Split(prefix, "graft");
        if (components.Count == 0)
        {
            throw new RootfsException(RootfsError.Conflict, "cannot graft over the root", "graft", prefix);
        }

        var parent = ParentOf(components, "graft", prefix, image.Root.MTime);
        if (parent.Children.ContainsKey(components[^1]))
        {
            throw new RootfsException(RootfsError.Conflict, "something is already there", "graft", prefix);
        }

        var copy = (DirectoryNode)Clone(image.Root, new Dictionary<TreeNode, TreeNode>(ReferenceEqualityComparer.Instance));
        parent.Children.Add(components[^1], copy);
        return copy;
    }

    /// <summary>
    /// Lays <paramref name="image"/> over this tree at the root, as one image over another: a
    /// directory over a directory takes the new metadata and merges, anything else replaces what
    /// was there. Whiteouts were resolved when <paramref name="image"/> was flattened and never
    /// reach across images.
    /// </summary>
    /// <exception cref="ArgumentException">The image stages its bytes in another store.</exception>
    public void Merge(RootfsTree image)
    {
        ArgumentNullException.ThrowIfNull(image);
        RequireSameStore(image);
        Root.CopyMetadataFrom(image.Root);
        MergeInto(Root, image.Root, new Dictionary<TreeNode, TreeNode>(ReferenceEqualityComparer.Instance));
    }

    private static void MergeInto(DirectoryNode target, DirectoryNode source, Dictionary<TreeNode, TreeNode> copies)
    {
        foreach (var (name, child) in source.Children)
        {
            if (child is DirectoryNode directory && target.Children.TryGetValue(name, out var existing) && existing is DirectoryNode kept)
            {
                kept.CopyMetadataFrom(directory);
                MergeInto(kept, directory, copies);
            }
            else
            {
                target.Children[name] = Clone(child, copies);
            }
        }
    }

    private void RequireSameStore(RootfsTree image)
    {
        if (!string.Equals(image.Store.Directory, Store.Directory, StringComparison.Ordinal))
        {
            throw new ArgumentException("the image must stage its bytes in this tree's content store", nameof(image));
        }
    }

    private static TreeNode Clone(TreeNode node, Dictionary<TreeNode, TreeNode> copies)
    {
        if (copies.TryGetValue(node, out var linked))
        {
            return linked;
        }

        var copy = node.CloneShallow();
        copies.Add(node, copy);
        if (node is DirectoryNode directory)
        {
            var target = (DirectoryNode)copy;
            foreach (var (name, child) in directory.Children)
            {
                target.Children.Add(name, Clone(child, copies));
            }
        }

        return copy;
    }
}
