using Firmware.Device.Slots;

namespace Firmware.Device.Boot;

/// <summary>
/// What the bootloader will do next, as read from its persistent state.
/// </summary>
/// <param name="Primary">The committed slot: what the bootloader boots when no trial is armed or the
/// trial's tries are used up.</param>
/// <param name="Trial">The slot armed for a trial boot, or null when none is armed.</param>
/// <param name="TriesLeft">How many more times the bootloader will boot <paramref name="Trial"/>
/// before falling back to <paramref name="Primary"/> by itself; 0 when no trial is armed.</param>
public sealed record BootState(SlotName Primary, SlotName? Trial, int TriesLeft)
{
    /// <summary>The slot the bootloader will pick at the next boot.</summary>
    public SlotName NextBoot => Trial is { } trial && TriesLeft > 0 ? trial : Primary;
}
