namespace Firmware.Device.Slots;

/// <summary>The targets a slot groups (RAUC's slot classes): what one payload is written to.</summary>
public enum SlotTarget
{
    /// <summary>The slot's root filesystem.</summary>
    Rootfs,

    /// <summary>The slot's boot partition (kernel, initramfs, a command line naming the slot's root).</summary>
    Boot,
}
