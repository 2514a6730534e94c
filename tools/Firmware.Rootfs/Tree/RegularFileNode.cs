namespace Firmware.Rootfs.Tree;

/// <summary>A regular file; its bytes live in the <see cref="ContentStore"/>, not in memory.</summary>
public sealed class RegularFileNode(FileContent content) : TreeNode
{
    /// <summary>Where the bytes are.</summary>
    public FileContent Content { get; set; } = content;

    internal override TreeNode CloneShallow()
    {
        var copy = new RegularFileNode(Content);
        copy.CopyMetadataFrom(this);
        return copy;
    }
}
