namespace Firmware.Rootfs.Tree;

/// <summary>A character or block device node, described, never created on the host.</summary>
public sealed class DeviceNode(DeviceKind kind, int major, int minor) : TreeNode
{
    /// <summary>Character or block.</summary>
    public DeviceKind Kind { get; } = kind;

    /// <summary>Major device number.</summary>
    public int Major { get; } = major;

    /// <summary>Minor device number.</summary>
    public int Minor { get; } = minor;

    internal override TreeNode CloneShallow()
    {
        var copy = new DeviceNode(Kind, Major, Minor);
        copy.CopyMetadataFrom(this);
        return copy;
    }
}
