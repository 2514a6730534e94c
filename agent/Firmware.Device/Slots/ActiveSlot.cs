namespace Firmware.Device.Slots;

/// <summary>
/// The slot the running system booted from, as <see cref="ActiveSlotDetector"/> established it.
/// Only the detector creates one, and the only way to write a slot is
/// <see cref="OpenInactive"/>, which opens the other slot: the active slot cannot be opened for
/// writing through this library, by construction.
/// </summary>
public sealed class ActiveSlot
{
    private readonly SlotLayout _layout;
    private readonly SystemRoots _roots;

    internal ActiveSlot(SlotName slot, SlotLayout layout, IReadOnlyList<SlotEvidence> evidence, SystemRoots roots)
    {
        Slot = slot;
        _layout = layout;
        Evidence = evidence;
        _roots = roots;
    }

    /// <summary>The booted slot.</summary>
    public SlotName Slot { get; }

    /// <summary>The slot updates are written to: the other one.</summary>
    public SlotName Inactive => Slot.Other();

    /// <summary>What each source said.</summary>
    public IReadOnlyList<SlotEvidence> Evidence { get; }

    /// <summary>Opens a target of the inactive slot (its root unless told) for writing a payload of <paramref name="payloadSize"/> bytes.</summary>
    /// <exception cref="Firmware.Install.SlotTooSmallException">The payload is larger than the target; nothing was opened for writing.</exception>
    /// <exception cref="IOException">The target cannot be opened (busy, missing, not permitted), or the slot has no such target.</exception>
    public SlotWriter OpenInactive(long payloadSize, SlotTarget target = SlotTarget.Rootfs) =>
        SlotWriter.Open(Inactive, _layout[Inactive].Of(target) ?? throw new IOException($"slot {Inactive.Letter()} has no {target} target"), payloadSize, new BlockDeviceNames(_roots), _roots);
}
