namespace Firmware.Device.Slots;

/// <summary>What one source says about the booted slot.</summary>
/// <param name="Source">The source: "kernel command line fw.slot", "kernel command line root", "boot environment (grub)", "mounts".</param>
/// <param name="Said">What it said, in its own terms (fw.slot=B, root=PARTUUID=..., / on 179:3 mmcblk0p3).</param>
/// <param name="Slot">The slot that means, or null when the source names no slot.</param>
/// <param name="Foreign">True when the source names something that is neither slot (the system is not running from a slot).</param>
public sealed record SlotEvidence(string Source, string Said, SlotName? Slot, bool Foreign = false)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Source} said {Said}" + (Slot is { } slot ? $" (slot {slot.Letter()})" : Foreign ? " (neither slot)" : " (no slot)");
}
