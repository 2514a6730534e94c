namespace Firmware.Device.Slots;

/// <summary>Where a slot lives: a block device (a partition) or a regular file, and its boot partition if it has one.</summary>
/// <param name="Path">The device node (/dev/mmcblk0p2, /dev/disk/by-partlabel/root-a) or the file.</param>
/// <param name="Size">For a file slot, its capacity in bytes; null means the file's current length.
/// Ignored for block devices, whose size the kernel reports.</param>
public sealed record SlotDevice(string Path, long? Size = null)
{
    /// <summary>The slot's boot partition, written with its root (tryboot boards), or null.</summary>
    public SlotDevice? Boot { get; init; }

    /// <summary>The device of <paramref name="target"/>, or null when the slot has no such target.</summary>
    public SlotDevice? Of(SlotTarget target) => target == SlotTarget.Rootfs ? this : Boot;
}
