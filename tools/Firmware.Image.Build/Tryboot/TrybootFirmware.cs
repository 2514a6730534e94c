namespace Firmware.Image.Build.Tryboot;

/// <summary>
/// The Raspberry Pi firmware directory given with <c>--firmware</c> (Debian's raspi-firmware lays it
/// out under /usr/lib/raspi-firmware; the device tree comes from the kernel package's broadcom/ directory):
/// every file under it, by relative path in ordinal order, so the FAT images are reproducible.
/// </summary>
public static class TrybootFirmware
{
    /// <summary>Reads every file under <paramref name="directory"/>.</summary>
    /// <exception cref="ImageBuildException">The directory is missing or lacks one of <see cref="TrybootFiles.RequiredFirmware"/>.</exception>
    public static IReadOnlyList<(string Path, byte[] Bytes)> Read(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Check(directory);
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(Path.Combine(directory, p))))
            .ToList();
    }

    /// <summary>Checks <paramref name="directory"/> holds the files a Pi 4 needs, naming the first missing one.</summary>
    /// <exception cref="ImageBuildException">It does not.</exception>
    public static void Check(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new ImageBuildException(ImageBuildError.FirmwareMissing, $"--firmware: '{directory}' is not a directory");
        }

        if (TrybootFiles.RequiredFirmware.FirstOrDefault(f => !File.Exists(Path.Combine(directory, f))) is { } missing)
        {
            throw new ImageBuildException(ImageBuildError.FirmwareMissing,
                $"--firmware: '{directory}' has no {missing}; a Raspberry Pi 4 needs {string.Join(", ", TrybootFiles.RequiredFirmware)} (Debian's raspi-firmware and the kernel's broadcom/ device trees)");
        }
    }
}
