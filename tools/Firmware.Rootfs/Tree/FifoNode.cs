namespace Firmware.Rootfs.Tree;

/// <summary>A named pipe.</summary>
public sealed class FifoNode : TreeNode
{
    internal override TreeNode CloneShallow()
    {
        var copy = new FifoNode();
        copy.CopyMetadataFrom(this);
        return copy;
    }
}
