using Firmware.Device.Slots;

namespace Firmware.Fleet.Simulation.Slots;

/// <summary>
/// A virtual device's slot kept in memory (<c>fwtool simulate --slots memory</c>): the update engine
/// writes, syncs and reads it back through <see cref="ISlotDevice"/> exactly as it does a file
/// slot, and the bytes it reads are the bytes written. As for a detected slot, the running slot is
/// never opened for writing.
/// </summary>
/// <param name="active">The booted slot of this boot.</param>
/// <param name="slot">Which slot this is.</param>
/// <param name="blocks">Its content, kept by the device across reboots.</param>
internal sealed class MemorySlot(ActiveSlot active, SlotName slot, SlotBlocks blocks) : ISlotDevice
{
    /// <inheritdoc/>
    public SlotName Slot => slot;

    /// <inheritdoc/>
    public long Capacity => blocks.Capacity;

    /// <inheritdoc/>
    public Stream OpenWrite() => slot == active.Inactive
        ? new MemorySlotStream(blocks, writable: true)
        : throw new IOException($"{this} is the running slot: it is never opened for writing");

    /// <inheritdoc/>
    public Stream OpenRead() => new MemorySlotStream(blocks, writable: false);

    /// <inheritdoc/>
    public override string ToString() => $"slot {slot.Letter()} (memory)";
}
