namespace Firmware.Image.Build.Qemu;

/// <summary>Which file the guest's disk is: GRUB and the agent write to it (the boot environment, the
/// inactive slot, /data), so a user chooses between changing the image, a throwaway copy, and a copy
/// that lives on across runs like a board's flash.</summary>
public abstract record QemuDisk
{
    /// <summary>The image itself: the guest's writes change it.</summary>
    public static QemuDisk Image { get; } = new ImageDisk();

    /// <summary>A copy in the session's scratch folder, removed when QEMU ends.</summary>
    public static QemuDisk TemporaryCopy { get; } = new TemporaryCopyDisk();

    /// <summary>The disk at <paramref name="path"/>, made as a copy of the image when it does not exist yet and kept.</summary>
    public static QemuDisk Persistent(string path) => new PersistentDisk(Path.GetFullPath(path));

    /// <summary>Returns the file to boot for <paramref name="image"/>, making it if needed; <paramref name="work"/> is the session's scratch folder.</summary>
    public abstract string Prepare(string image, string work);

    private sealed record ImageDisk : QemuDisk
    {
        public override string Prepare(string image, string work) => image;
    }

    private sealed record TemporaryCopyDisk : QemuDisk
    {
        public override string Prepare(string image, string work)
        {
            var copy = Path.Combine(work, Path.GetFileName(image));
            File.Copy(image, copy);
            return copy;
        }
    }

    private sealed record PersistentDisk(string Location) : QemuDisk
    {
        public override string Prepare(string image, string work)
        {
            if (!File.Exists(Location))
            {
                // Copied beside it and renamed, so an interrupted copy never passes for the disk.
                var partial = Location + ".partial";
                File.Copy(image, partial, overwrite: true);
                File.Move(partial, Location);
            }

            return Location;
        }
    }
}
