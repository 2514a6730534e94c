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
        byte[]? binary = null;
        DebPackage.ReadData(deb, source, (entry, path) =>
        {
            if (path != BinaryPath || entry.DataStream is not { } data)
            {
                return true;
            }

            using var buffer = new MemoryStream();
            data.CopyTo(buffer);
            binary = buffer.ToArray();
            return false;
        });

        return binary ?? throw new KernelException(KernelError.MalformedPackage, "the package holds no /bin/busybox", source, BinaryPath);
    }
}
