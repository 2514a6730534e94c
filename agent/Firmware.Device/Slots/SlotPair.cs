namespace Firmware.Device.Slots;

/// <summary>The device's two slots.</summary>
/// <param name="A">Slot A.</param>
/// <param name="B">Slot B.</param>
public sealed record SlotPair(ISlotDevice A, ISlotDevice B)
{
    /// <summary>The device of <paramref name="slot"/>.</summary>
    public ISlotDevice this[SlotName slot] => slot == SlotName.A ? A : B;
}
