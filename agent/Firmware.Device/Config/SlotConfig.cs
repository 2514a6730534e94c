using Firmware.Device.Slots;

namespace Firmware.Device.Config;

/// <summary>Where one slot's bytes live: its root, and its boot partition when it has one.</summary>
/// <param name="Name">The slot.</param>
/// <param name="Path">A block device (<c>/dev/mmcblk0p2</c>) or a regular file.</param>
/// <param name="IsFile">True for a file-backed slot (simulation, tests, loop-mounted images).</param>
/// <param name="Size">The slot's size in bytes: required for a file, optional for a device (whose
/// own size then applies); a payload larger than this does not fit.</param>
public sealed record SlotConfig(SlotName Name, string Path, bool IsFile, long? Size)
{
    /// <summary>The slot's boot partition, written with its root (a tryboot board's <c>boot-a</c>/<c>boot-b</c>), or null.</summary>
    public SlotConfig? Boot { get; init; }
}
