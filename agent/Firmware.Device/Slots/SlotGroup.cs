namespace Firmware.Device.Slots;

/// <summary>
/// One slot as a group of targets written together (RAUC's slot classes: rootfs.0 with boot.0):
/// its root filesystem, and on boards whose firmware reads the kernel from a partition of its own
/// (Raspberry Pi tryboot) the slot's boot partition, which names the slot's root on its command line.
/// </summary>
/// <param name="Rootfs">The root filesystem: payload <c>rootfs</c>.</param>
/// <param name="Boot">The boot partition, or null when the kernel lives in the root (GRUB, U-Boot boards):
/// payload <c>boot-a</c> or <c>boot-b</c>, the one named for this slot.</param>
public sealed record SlotGroup(ISlotDevice Rootfs, ISlotDevice? Boot = null)
{
    /// <summary>The payload a slot's boot partition takes: <c>boot-a</c> for A, <c>boot-b</c> for B.</summary>
    public static string BootPayload(SlotName slot) => "boot-" + slot.Letter().ToLowerInvariant();
}
