using Firmware.Device.Slots;

namespace Firmware.Device.Boot;

/// <summary>
/// What a bootloader's persistent state says about the running boot: which slot it chose. One of
/// the three sources the active-slot detection compares (with the kernel command line and the
/// mounts).
/// </summary>
public interface IBootedSlotRecord
{
    /// <summary>The slot the bootloader chose for the running boot, as its state records it.</summary>
    /// <exception cref="BootControlException">The state cannot be read.</exception>
    SlotName ReadBootedSlot();
}
