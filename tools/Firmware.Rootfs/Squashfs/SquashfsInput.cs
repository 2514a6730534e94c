namespace Firmware.Rootfs.Squashfs;

/// <summary>How the tree reaches mksquashfs.</summary>
public enum SquashfsInput
{
    /// <summary>
    /// One pseudo file (-pf) defines every entry, file bytes inline, over an empty source
    /// directory. The default.
    /// </summary>
    PseudoFile,
    /// <summary>
    /// A pax tar on standard input (-tar). Used when the tree has extended attributes: the
    /// pseudo-file <c>x</c> form arrived in squashfs-tools 4.6, and Debian 12 ships 4.5.1.
    /// </summary>
    Tar,
}
