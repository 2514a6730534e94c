using System.Globalization;
using Firmware.HostTools;

namespace Firmware.Image.Build.Esp;

/// <summary>
/// A FAT file system image made with mtools (mformat, mmd, mcopy on an image file; no loop device,
/// no root). Reproducible: the volume serial is given, every file and directory carries the time
/// SOURCE_DATE_EPOCH gives mtools, and files are added in path order.
/// </summary>
public static class FatImage
{
    /// <summary>The earliest time FAT can store (1980-01-01), used when no SOURCE_DATE_EPOCH is given so the host clock never reaches the image.</summary>
    public const long FatEpoch = 315532800;

    /// <summary>Writes a FAT image of <paramref name="sizeBytes"/> at <paramref name="path"/> holding <paramref name="files"/>.</summary>
    /// <param name="path">The image file to create.</param>
    /// <param name="sizeBytes">Its size: the partition's.</param>
    /// <param name="serial">The volume serial (what GRUB's <c>search --fs-uuid</c> and <c>/dev/disk/by-uuid</c> show as XXXX-XXXX).</param>
    /// <param name="label">The volume label, at most 11 characters.</param>
    /// <param name="files">Paths in the file system (<c>/</c>-separated, no leading slash) and their bytes.</param>
    /// <param name="mtime">The time of every entry, seconds since the Unix epoch.</param>
    /// <param name="work">A scratch directory.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    public static async Task WriteAsync(string path, long sizeBytes, uint serial, string label, IReadOnlyList<(string Path, byte[] Bytes)> files,
        long mtime, string work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrEmpty(label);
        await using (var image = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            image.SetLength(sizeBytes);
        }

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SOURCE_DATE_EPOCH"] = mtime.ToString(CultureInfo.InvariantCulture),
            ["MTOOLS_SKIP_CHECK"] = "1",
            ["MTOOLSRC"] = "/dev/null", // no user or system mtools.conf changes the result
        };
        HostToolCommand Command(HostTool tool, params string[] arguments) => new(tool, arguments) { Environment = environment };

        await HostToolRunner.RunCheckedAsync(Command(ImageBuildTools.Mformat, "-i", path, "-N", serial.ToString("X8", CultureInfo.InvariantCulture), "-v", label, "::"), cancellationToken);
        var directories = files.SelectMany(f => Parents(f.Path)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (directories.Count > 0)
        {
            await HostToolRunner.RunCheckedAsync(Command(ImageBuildTools.Mmd, ["-i", path, .. directories.Select(d => "::/" + d)]), cancellationToken);
        }

        var staged = Path.Combine(work, "fat-files");
        Directory.CreateDirectory(staged);
        foreach (var (file, index) in files.OrderBy(f => f.Path, StringComparer.Ordinal).Select((f, i) => (f, i)))
        {
            var host = Path.Combine(staged, index.ToString(CultureInfo.InvariantCulture));
            await File.WriteAllBytesAsync(host, file.Bytes, cancellationToken);
            File.SetLastWriteTimeUtc(host, DateTime.UnixEpoch.AddSeconds(mtime));
            await HostToolRunner.RunCheckedAsync(Command(ImageBuildTools.Mcopy, "-i", path, "-m", host, "::/" + file.Path), cancellationToken);
        }
    }

    /// <summary>A volume serial as GRUB and udev print it: XXXX-XXXX, upper-case hex.</summary>
    public static string VolumeId(uint serial) =>
        string.Create(CultureInfo.InvariantCulture, $"{serial >> 16:X4}-{serial & 0xFFFF:X4}");

    private static IEnumerable<string> Parents(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            yield return string.Join('/', parts.Take(i));
        }
    }
}
