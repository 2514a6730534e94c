using Firmware.Device.Storage;

namespace Firmware.Device.Slots;

/// <summary>
/// A slot that is a file (an image file, or a block device node) reached through
/// <see cref="IDeviceStorage"/>, so that the power-cut model covers it like every other file.
/// </summary>
public sealed class StorageSlot : ISlotDevice
{
    private readonly IDeviceStorage _storage;
    private readonly string _name;

    /// <summary>Creates the slot.</summary>
    /// <param name="storage">Where the file lives.</param>
    /// <param name="name">The file or device node.</param>
    /// <param name="slot">Which slot it is.</param>
    /// <param name="capacity">The slot's size in bytes.</param>
    public StorageSlot(IDeviceStorage storage, string name, SlotName slot, long capacity)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _storage = storage;
        _name = name;
        Slot = slot;
        Capacity = capacity;
    }

    /// <inheritdoc/>
    public SlotName Slot { get; }

    /// <inheritdoc/>
    public long Capacity { get; }

    /// <inheritdoc/>
    public Stream OpenWrite() => _storage.OpenWrite(_name);

    /// <inheritdoc/>
    public Stream OpenRead() => _storage.OpenRead(_name);

    /// <inheritdoc/>
    public override string ToString() => $"slot {Slot.Letter()} ({_name})";
}
