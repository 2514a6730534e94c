namespace Firmware.Device.Slots;

/// <summary>The device's two slots, as configured.</summary>
/// <param name="A">Slot A.</param>
/// <param name="B">Slot B.</param>
public sealed record SlotLayout(SlotDevice A, SlotDevice B)
{
    /// <summary>The device of <paramref name="slot"/>.</summary>
    public SlotDevice this[SlotName slot] => slot == SlotName.A ? A : B;
}
