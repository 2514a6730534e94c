using System.Formats.Tar;
using Firmware.Kernel.Debian;

namespace Firmware.Kernel.Sources;

/// <summary>
/// Unpacks a Debian <c>linux-image-VERSION</c> package: <c>/boot/vmlinuz-VERSION</c>,
/// <c>/boot/config-VERSION</c> and <c>/lib/modules/VERSION/</c>. The package ships no
/// <c>modules.dep</c> (its postinst runs depmod), so callers build one with
/// <see cref="Modules.ModuleIndex"/>.
/// </summary>
public static class DebianKernelPackage
{
    private const string BootPrefix = "boot/";
    private const string ModulesPrefix = "lib/modules/";

    /// <summary>Unpacks the kernel and its modules into <paramref name="destination"/>, which must not exist yet.</summary>
    /// <param name="deb">The package bytes.</param>
    /// <param name="source">The package name for messages.</param>
    /// <param name="destination">The directory to create; nothing is left there on failure.</param>
    /// <exception cref="KernelException">The package is malformed, holds no kernel, or holds kernels of two versions.</exception>
    public static KernelTree Extract(Stream deb, string source, string destination)
    {
        ArgumentNullException.ThrowIfNull(deb);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        using var extraction = new TreeExtraction(destination);
        string? version = null;
        string? kernel = null;
        DebPackage.ReadData(deb, source, (entry, path) =>
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                return true;
            }

            if (path.StartsWith(BootPrefix + "vmlinuz-", StringComparison.Ordinal) || path.StartsWith(BootPrefix + "vmlinux-", StringComparison.Ordinal))
            {
                version = Agree(version, path[(BootPrefix.Length + "vmlinuz-".Length)..], source, path);
                kernel = path;
                extraction.WriteFile(path, entry);
            }
            else if (path.StartsWith(BootPrefix + "config-", StringComparison.Ordinal))
            {
                extraction.WriteFile(path, entry);
            }
            else if (path.StartsWith(ModulesPrefix, StringComparison.Ordinal) && path.IndexOf('/', ModulesPrefix.Length) is var slash and > 0)
            {
                version = Agree(version, path[ModulesPrefix.Length..slash], source, path);
                extraction.WriteFile(path, entry);
            }

            return true;
        });

        if (kernel is null || version is null)
        {
            throw new KernelException(KernelError.KernelImageMissing, "the package holds no /boot/vmlinuz-VERSION", source);
        }

        return extraction.Publish(version, kernel);
    }

    private static string Agree(string? known, string found, string source, string path) =>
        known is null || known == found ? found
        : throw new KernelException(KernelError.VersionAmbiguous, $"the package holds kernel versions '{known}' and '{found}'", source, path);
}
