using System.Formats.Tar;
using Firmware.Kernel.Debian;

namespace Firmware.Kernel.Initramfs;

/// <summary>Takes the static busybox binary out of Debian's <c>busybox-static</c> package (<c>/bin/busybox</c>).</summary>
public static class BusyboxPackage
{
    /// <summary>The binary's path in the package.</summary>
    public const string BinaryPath = "bin/busybox";

    /// <summary>Reads <c>/bin/busybox</c> from the package.</summary>
    /// <exception cref="KernelException">The package is malformed or holds no <c>/bin/busybox</c>.</exception>
    public static byte[] ReadBinary(Stream deb, string source)
    {
        ArgumentNullException.ThrowIfNull(deb);
        ArgumentException.ThrowIfNullOrEmpty(source);
        using var tar = DebPackage.OpenDataTar(deb, source);
        var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == BinaryPath && entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                data.CopyTo(buffer);
                return buffer.ToArray();
            }
        }

        throw new KernelException(KernelError.MalformedPackage, "the package holds no /bin/busybox", source, BinaryPath);
    }
}
