namespace Firmware.Device.Slots;

/// <summary>
/// One root filesystem slot as the update engine writes it: a block device or an image file of
/// fixed capacity.
/// </summary>
public interface ISlotDevice
{
    /// <summary>Which slot this is.</summary>
    SlotName Slot { get; }

    /// <summary>The slot's size in bytes; a payload larger than this is refused before anything is written.</summary>
    long Capacity { get; }

    /// <summary>Opens the slot for writing (seekable). <see cref="Stream.Flush()"/> makes the writes durable.</summary>
    Stream OpenWrite();

    /// <summary>Opens the slot for reading (seekable).</summary>
    Stream OpenRead();
}
