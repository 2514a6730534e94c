namespace Firmware.Rootfs.Tree;

/// <summary>The two kinds of device node.</summary>
public enum DeviceKind
{
    /// <summary>A character device (<c>c</c>).</summary>
    Character,
    /// <summary>A block device (<c>b</c>).</summary>
    Block,
}
