namespace Firmware.Rootfs.Tree;

/// <summary>A symbolic link. The target is stored as given and never followed while building.</summary>
public sealed class SymlinkNode(string target) : TreeNode
{
    /// <summary>The link target, verbatim.</summary>
    public string Target { get; } = target;

    internal override TreeNode CloneShallow()
    {
        var copy = new SymlinkNode(Target);
        copy.CopyMetadataFrom(this);
        return copy;
    }
}
