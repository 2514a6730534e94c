namespace Firmware.Rootfs.Tree;

/// <summary>A directory: its entries by name, in ordinal order so every walk is deterministic.</summary>
public sealed class DirectoryNode : TreeNode
{
    /// <summary>The entries, by name (one path component, never "." or "..").</summary>
    public SortedDictionary<string, TreeNode> Children { get; } = new(StringComparer.Ordinal);

    internal override TreeNode CloneShallow()
    {
        var copy = new DirectoryNode();
        copy.CopyMetadataFrom(this);
        return copy;
    }
}
