using System.Formats.Tar;

namespace Firmware.Kernel.Sources;

/// <summary>
/// Unpacks a LinuxKit kernel image (linuxkit/linuxkit docs/kernels.md; the image spec's
/// <c>kernel.binary</c> and <c>kernel.tar</c>): the kernel at <c>/kernel</c> (older and foreign
/// images: <c>/bzImage</c>, <c>/Image</c>), and the modules as <c>/kernel.tar</c> holding
/// <c>lib/modules/VERSION/</c>. The version is the one directory under <c>lib/modules</c>.
/// </summary>
public static class LinuxKitKernelImage
{
    /// <summary>LinuxKit's default kernel file name.</summary>
    public const string DefaultBinary = "kernel";

    /// <summary>LinuxKit's default modules tar name.</summary>
    public const string DefaultTar = "kernel.tar";

    private static readonly string[] FallbackBinaries = ["bzImage", "Image", "vmlinuz"];

    /// <summary>Unpacks the kernel and modules of <paramref name="files"/> into <paramref name="destination"/>, which must not exist yet.</summary>
    /// <param name="files">The image's flattened files.</param>
    /// <param name="destination">The directory to create; nothing is left there on failure.</param>
    /// <param name="binary">The kernel file (<c>kernel.binary</c>); when it is the default and absent, <c>bzImage</c>, <c>Image</c> and <c>vmlinuz</c> are tried.</param>
    /// <param name="tar">The modules tar (<c>kernel.tar</c>).</param>
    /// <exception cref="KernelException">No kernel, no modules tar, or a tar whose <c>lib/modules</c> holds no single version.</exception>
    public static KernelTree Extract(IFlattenedFiles files, string destination, string binary = DefaultBinary, string tar = DefaultTar)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentException.ThrowIfNullOrEmpty(binary);
        ArgumentException.ThrowIfNullOrEmpty(tar);
        using var extraction = new TreeExtraction(destination);
        var version = ExtractModules(files, tar, extraction);
        var candidates = binary == DefaultBinary ? [binary, .. FallbackBinaries] : new[] { binary };
        foreach (var candidate in candidates)
        {
            using var kernel = files.TryOpen(candidate);
            if (kernel is not null)
            {
                var relative = "boot/vmlinuz-" + version;
                extraction.WriteFile(relative, kernel);
                return extraction.Publish(version, relative);
            }
        }

        throw new KernelException(KernelError.KernelImageMissing, $"the image holds no kernel file ({string.Join(", ", candidates.Select(c => "/" + c))})", files.Name);
    }

    private static string ExtractModules(IFlattenedFiles files, string tar, TreeExtraction extraction)
    {
        using var stream = files.TryOpen(tar)
            ?? throw new KernelException(KernelError.KernelImageMissing, $"the image holds no modules tar /{tar}", files.Name, tar);
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                var path = Debian.DebPackage.NormalizePath(entry.Name, files.Name + ":" + tar);
                if (path is null || !path.StartsWith("lib/modules/", StringComparison.Ordinal)
                    || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                var parts = path.Split('/');
                if (parts.Length > 3)
                {
                    versions.Add(parts[2]);
                    extraction.WriteFile(path, entry);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or InvalidOperationException)
        {
            throw new KernelException(KernelError.MalformedPackage, $"the modules tar cannot be read: {e.Message}", files.Name, tar, e);
        }

        return versions.Count == 1 ? versions.Min!
            : throw new KernelException(KernelError.VersionAmbiguous,
                versions.Count == 0 ? "the modules tar holds no lib/modules/VERSION/" : $"the modules tar holds several versions: {string.Join(", ", versions)}",
                files.Name, tar);
    }
}
