using System.Buffers;
using System.Text;

namespace Firmware.Kernel.Cpio;

/// <summary>
/// Writes a deterministic newc cpio archive (layout in <see cref="CpioNewcFields"/>): entries sorted
/// by path (ordinal, so every parent precedes its children), inode numbers 1, 2, ... in that order,
/// owner 0:0, one fixed mtime, and the trailer. The kernel unpacks this into its rootfs before /init.
/// </summary>
public static class CpioNewcWriter
{
    // The kernel reads names up to PATH_MAX; sizes are 32-bit fields.
    private const int MaxNameBytes = 4096;

    /// <summary>Writes <paramref name="entries"/> to <paramref name="output"/>.</summary>
    /// <param name="output">Where the archive goes.</param>
    /// <param name="entries">The entries, in any order; paths must be unique.</param>
    /// <param name="mtime">The modification time of every entry, seconds since the epoch (SOURCE_DATE_EPOCH).</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="KernelException"><see cref="KernelError.NotRepresentable"/> for a bad path, a duplicate, or a size newc cannot hold.</exception>
    public static long Write(IBufferWriter<byte> output, IEnumerable<CpioEntry> entries, long mtime)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(mtime);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mtime, uint.MaxValue);
        var sorted = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        Validate(sorted);
        long written = 0;
        uint inode = 1;
        foreach (var entry in sorted)
        {
            var links = entry is CpioDirectory ? 2u : 1u;
            var mode = (uint)(entry.TypeBits | (entry.Permissions & 0xFFF));
            var (major, minor) = entry is CpioDevice device ? ((uint)device.Major, (uint)device.Minor) : (0u, 0u);
            written += WriteEntry(output, entry.Path, [inode++, mode, 0, 0, links, (uint)mtime, (uint)entry.Data.Length, 0, 0, major, minor], entry.Data.Span);
        }

        written += WriteEntry(output, CpioNewcFields.Trailer, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], []);
        return written;
    }

    /// <summary>Writes the archive to a stream.</summary>
    /// <inheritdoc cref="Write(IBufferWriter{byte}, IEnumerable{CpioEntry}, long)"/>
    public static long Write(Stream output, IEnumerable<CpioEntry> entries, long mtime)
    {
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>();
        var written = Write(buffer, entries, mtime);
        output.Write(buffer.WrittenSpan);
        return written;
    }

    private static void Validate(List<CpioEntry> sorted)
    {
        string? previous = null;
        foreach (var entry in sorted)
        {
            var path = entry.Path;
            if (path.Length == 0 || path.StartsWith('/') || path.EndsWith('/') || path.Contains('\0', StringComparison.Ordinal)
                || path.Split('/').Any(p => p is "" or "." or ".."))
            {
                throw new KernelException(KernelError.NotRepresentable, "the path must be relative, without empty, '.' or '..' components", entry: path);
            }

            if (Encoding.UTF8.GetByteCount(path) >= MaxNameBytes)
            {
                throw new KernelException(KernelError.NotRepresentable, "the path is longer than PATH_MAX", entry: path);
            }

            if (path == previous)
            {
                throw new KernelException(KernelError.NotRepresentable, "two entries have the same path", entry: path);
            }

            if (entry is CpioDevice { Major: < 0 or > 0xFFF } or CpioDevice { Minor: < 0 or > 0xFFFFF })
            {
                throw new KernelException(KernelError.NotRepresentable, "the device number is out of range", entry: path);
            }

            previous = path;
        }
    }

    private static long WriteEntry(IBufferWriter<byte> output, string name, ReadOnlySpan<uint> fields, ReadOnlySpan<byte> data)
    {
        var nameBytes = Encoding.UTF8.GetByteCount(name) + 1; // namesize counts the NUL
        var headerAndName = CpioNewcFields.HeaderLength + nameBytes;
        var total = Align(headerAndName) + Align(data.Length);
        var span = output.GetSpan(total)[..total];
        span.Clear();
        CpioNewcFields.Magic.CopyTo(span);
        for (var i = 0; i < CpioNewcFields.Check; i++)
        {
            var value = i == CpioNewcFields.NameSize ? (uint)nameBytes : fields[i];
            WriteHex(span.Slice(CpioNewcFields.Magic.Length + (i * CpioNewcFields.FieldLength), CpioNewcFields.FieldLength), value);
        }

        // The check field (newc without CRC) stays zero.
        WriteHex(span.Slice(CpioNewcFields.Magic.Length + (CpioNewcFields.Check * CpioNewcFields.FieldLength), CpioNewcFields.FieldLength), 0);
        Encoding.UTF8.GetBytes(name, span[CpioNewcFields.HeaderLength..]);
        data.CopyTo(span[Align(headerAndName)..]);
        output.Advance(total);
        return total;
    }

    private static void WriteHex(Span<byte> destination, uint value)
    {
        // Upper-case hex, as GNU cpio and the kernel's gen_init_cpio write it; readers accept either.
        value.TryFormat(destination, out _, "X8", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Align(int length) => (length + CpioNewcFields.Alignment - 1) & ~(CpioNewcFields.Alignment - 1);
}
