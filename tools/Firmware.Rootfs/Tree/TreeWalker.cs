namespace Firmware.Rootfs.Tree;

/// <summary>
/// Walks a tree depth first, parents before children, children in ordinal name order: the one
/// order the image writer and the listing share, independent of how the tree was built.
/// </summary>
public static class TreeWalker
{
    /// <summary>Every name in <paramref name="tree"/>, the root first.</summary>
    public static IEnumerable<TreeEntry> Walk(RootfsTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var firstNames = new Dictionary<TreeNode, string>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(string Path, TreeNode Node)>();
        pending.Push(("/", tree.Root));
        while (pending.TryPop(out var item))
        {
            if (firstNames.TryGetValue(item.Node, out var first))
            {
                yield return new TreeEntry(item.Path, item.Node, first);
                continue;
            }

            firstNames.Add(item.Node, item.Path);
            yield return new TreeEntry(item.Path, item.Node, null);
            if (item.Node is DirectoryNode directory)
            {
                var prefix = item.Path == "/" ? "/" : item.Path + "/";
                foreach (var (name, child) in directory.Children.Reverse())
                {
                    pending.Push((prefix + name, child));
                }
            }
        }
    }
}
