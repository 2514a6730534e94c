using System.Globalization;
using Firmware.HostTools;

namespace Firmware.Image.Build.Data;

/// <summary>
/// The data partition: an empty ext4 made by <c>mkfs.ext4 -d</c> on an image file, reproducible: the
/// file system UUID and the directory hash seed are given, and E2FSPROGS_FAKE_TIME fixes every
/// time mke2fs would take from the clock.
/// </summary>
public static class Ext4Image
{
    /// <summary>Writes the image at <paramref name="path"/>.</summary>
    /// <param name="path">The image file to create.</param>
    /// <param name="sizeBytes">Its size: the partition's.</param>
    /// <param name="label">The volume label.</param>
    /// <param name="uuid">The file system UUID, also the hash seed.</param>
    /// <param name="mtime">Seconds since the epoch for every time field.</param>
    /// <param name="work">A scratch directory.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    public static async Task WriteAsync(string path, long sizeBytes, string label, Guid uuid, long mtime, string work, CancellationToken cancellationToken)
    {
        var content = Directory.CreateDirectory(Path.Combine(work, "data-root")).FullName;
        var time = mtime.ToString(CultureInfo.InvariantCulture);
        await HostToolRunner.RunCheckedAsync(new HostToolCommand(ImageBuildTools.MkfsExt4,
            [
                "-q", "-F", "-L", label, "-U", uuid.ToString(), "-E", $"hash_seed={uuid},root_owner=0:0", "-d", content,
                path, (sizeBytes / 1024).ToString(CultureInfo.InvariantCulture) + "k",
            ])
        {
            Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["E2FSPROGS_FAKE_TIME"] = time,
                ["SOURCE_DATE_EPOCH"] = time,
                ["MKE2FS_CONFIG"] = "/etc/mke2fs.conf",
            },
        }, cancellationToken);
    }
}
