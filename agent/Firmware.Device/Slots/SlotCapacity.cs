namespace Firmware.Device.Slots;

/// <summary>A slot's size: an image file's length, or a block device's size from sysfs (512-byte sectors).</summary>
public static class SlotCapacity
{
    /// <summary>The size of the slot at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The slot does not exist, or its size cannot be told.</exception>
    public static long Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new IOException($"{path}: no such slot");
        }

        if (info.Length > 0)
        {
            return info.Length;
        }

        // A block device reports length 0; its size lives in /sys/class/block/NAME/size.
        var sectors = Path.Combine("/sys/class/block", Path.GetFileName(Path.GetFullPath(path)), "size");
        return File.Exists(sectors) && long.TryParse(File.ReadAllText(sectors).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0
            ? count * 512
            : throw new IOException($"{path}: cannot tell the slot's size (an empty file, or a device without {sectors})");
    }
}
