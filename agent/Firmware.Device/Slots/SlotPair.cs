namespace Firmware.Device.Slots;

/// <summary>The device's two slots, each a group of targets.</summary>
/// <param name="A">Slot A.</param>
/// <param name="B">Slot B.</param>
public sealed record SlotPair(SlotGroup A, SlotGroup B)
{
    /// <summary>Two slots that are a root filesystem each (the kernel lives in the root).</summary>
    /// <param name="a">Slot A's root.</param>
    /// <param name="b">Slot B's root.</param>
    public SlotPair(ISlotDevice a, ISlotDevice b)
        : this(new SlotGroup(a), new SlotGroup(b))
    {
    }

    /// <summary>The targets of <paramref name="slot"/>.</summary>
    public SlotGroup this[SlotName slot] => slot == SlotName.A ? A : B;
}
