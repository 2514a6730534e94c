using Firmware.Flash.Bmap;
using Firmware.Flash.Devices;
using Firmware.Flash.Sources;
using Firmware.Flash.Targets;

namespace Firmware.Flash;

/// <summary>
/// A flash that passed every check and is ready to run: the image is open, the target opened
/// (exclusively, for a device), and the plan made. Nothing has been written yet.
/// </summary>
public sealed class PreparedFlash : IDisposable
{
    private readonly Func<IFlashTarget> _openTarget;
    private IFlashTarget? _target;

    private PreparedFlash(OpenedImage image, string targetPath, IFlashTarget? target, Func<IFlashTarget> openTarget, FlashPlan plan, string? bmapPath, BlockDeviceInfo? device)
    {
        TargetPath = targetPath;
        Image = image;
        _target = target;
        _openTarget = openTarget;
        Plan = plan;
        BmapPath = bmapPath;
        Device = device;
    }

    /// <summary>The opened image.</summary>
    public OpenedImage Image { get; }

    /// <summary>The target's path.</summary>
    public string TargetPath { get; }

    /// <summary>The plan.</summary>
    public FlashPlan Plan { get; }

    /// <summary>The bmap used, if any.</summary>
    public string? BmapPath { get; }

    /// <summary>The device, when the target is a block device.</summary>
    public BlockDeviceInfo? Device { get; }

    /// <summary>Checks everything and opens image and target. Writes nothing.</summary>
    /// <exception cref="FlashException">A safety check refused the target.</exception>
    /// <exception cref="BmapException">The bmap is invalid or is not this image's.</exception>
    public static PreparedFlash Prepare(FlashRequest request, BlockDeviceProbe probe)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(probe);
        var bmapPath = request.NoBmap ? null : request.Bmap ?? FindBmap(request.Image);
        var map = bmapPath is null ? null : BmapFile.Parse(ReadBmap(bmapPath));
        var device = probe.Probe(request.Target);
        if (device is null)
        {
            RefuseSpecialPath(request.Target);
        }
        else if (device.Refusals(request.Force) is { Count: > 0 } reasons)
        {
            throw new FlashException(FlashError.TargetRefused, $"refusing {request.Target}: {string.Join("; ", reasons)}", "untouched");
        }

        var image = ImageSource.Open(request.Image);
        BlockDeviceTarget? target = null;
        try
        {
            // Plan before touching the target: a refused plan must leave even a file target as it was.
            var rawImage = image.Compression == "none" ? request.Image : null;
            var plan = FlashPlanner.Plan(image.Size, map, device?.Size, holesReadAsZero: device is null,
                rawImage is null ? null : () => Extents(rawImage));

            // A device is claimed now (O_EXCL, nothing written) and held until the flash ends;
            // a file is created only when the flash runs, so a dry run leaves it alone.
            target = device is null ? null : new BlockDeviceTarget(request.Target);
            var size = plan.ImageSize;
            return new PreparedFlash(image, request.Target, target, () => new FileTarget(request.Target, size), plan, bmapPath, device);
        }
        catch
        {
            target?.Dispose();
            image.Dispose();
            throw;
        }
    }

    /// <summary>Runs the plan.</summary>
    public Task<FlashResult> RunAsync(bool verify, IProgress<FlashProgress>? progress, CancellationToken cancellationToken)
    {
        _target ??= _openTarget();
        return new FlashEngine(progress).RunAsync(Plan, Image.Stream, _target, verify, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _target?.Dispose();
        Image.Dispose();
    }

    private static string? FindBmap(string image)
    {
        var candidates = new List<string> { image + ".bmap" };
        foreach (var suffix in new[] { ".zst", ".gz", ".xz" })
        {
            if (image.EndsWith(suffix, StringComparison.Ordinal))
            {
                candidates.Add(image[..^suffix.Length] + ".bmap");
            }
        }

        return candidates.FirstOrDefault(File.Exists);
    }

    private static byte[] ReadBmap(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"bmap {path} does not exist", path);
        }

        return info.Length > BmapFile.MaxBytes
            ? throw new BmapException(BmapError.Malformed, $"{path}: {info.Length} bytes is too large for a bmap")
            : File.ReadAllBytes(path);
    }

    // A typo such as /dev/sdz must not quietly create a regular file under /dev.
    private static void RefuseSpecialPath(string target)
    {
        var full = Path.GetFullPath(target);
        if (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal))
        {
            throw new FlashException(FlashError.TargetRefused, $"{target} is not a block device", "untouched");
        }

        if (File.Exists(full) && (File.GetAttributes(full) & FileAttributes.Device) != 0)
        {
            throw new FlashException(FlashError.TargetRefused, $"{target} is a device but not a block device", "untouched");
        }
    }

    private static List<(long First, long Last)> Extents(string image)
    {
        using var handle = File.OpenHandle(image, FileMode.Open, FileAccess.Read, FileShare.Read);
        return BmapCreator.DataBlocks(handle, RandomAccess.GetLength(handle), BmapCreator.DefaultBlockSize).ToList();
    }
}
