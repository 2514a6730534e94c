using System.Buffers.Text;
using System.Text;

namespace Firmware.Kernel.Debian;

/// <summary>
/// Reads an <c>ar</c> archive forward-only from a stream (no seeks: the source may be a pipe).
/// Layout in <see cref="ArFields"/>. Each member's <see cref="ArMember.Content"/> is valid until
/// <see cref="Next"/> is called again; unread bytes are skipped then.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The member view owns nothing: the caller owns the archive stream.")]
public sealed class ArReader
{
    private readonly Stream stream;
    private readonly string source;
    private BoundedStream? current;
    private bool padPending;
    private long offset;

    /// <summary>Checks the global magic and positions at the first member.</summary>
    /// <param name="stream">The archive.</param>
    /// <param name="source">The archive's name for error messages (a file name).</param>
    /// <exception cref="KernelException"><see cref="KernelError.MalformedArchive"/> when the magic is wrong.</exception>
    public ArReader(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(source);
        this.stream = stream;
        this.source = source;
        Span<byte> magic = stackalloc byte[ArFields.GlobalMagic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.SequenceEqual(ArFields.GlobalMagic))
        {
            throw new KernelException(KernelError.MalformedArchive, "not an ar archive: the file does not start with '!<arch>\\n'", source);
        }

        offset = magic.Length;
    }

    /// <summary>The next member, or null at the end of the archive.</summary>
    /// <exception cref="KernelException"><see cref="KernelError.MalformedArchive"/> for a bad header or a truncated member.</exception>
    public ArMember? Next()
    {
        if (current is not null)
        {
            current.Drain();
            offset += current.Length;
            current = null;
        }

        if (padPending)
        {
            // Members start on even offsets; the pad byte may be missing only at the very end.
            Span<byte> pad = stackalloc byte[1];
            offset += stream.ReadAtLeast(pad, 1, throwOnEndOfStream: false);
            padPending = false;
        }

        Span<byte> header = stackalloc byte[ArFields.HeaderLength];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return null;
        }

        var headerOffset = offset;
        if (read != header.Length)
        {
            throw Malformed($"truncated member header at byte {headerOffset}");
        }

        if (!header.Slice(ArFields.EndOffset, ArFields.EndLength).SequenceEqual(ArFields.HeaderEnd))
        {
            throw Malformed($"member header at byte {headerOffset} does not end with '`\\n'");
        }

        var name = Encoding.ASCII.GetString(header.Slice(ArFields.NameOffset, ArFields.NameLength)).TrimEnd(' ');
        if (name.EndsWith('/') && name.Length > 1)
        {
            name = name[..^1];
        }

        var sizeField = header.Slice(ArFields.SizeOffset, ArFields.SizeLength).TrimEnd((byte)' ');
        if (sizeField.IsEmpty || !Utf8Parser.TryParse(sizeField, out long size, out var consumed) || consumed != sizeField.Length || size < 0)
        {
            throw Malformed($"member '{name}' at byte {headerOffset} has an invalid size field");
        }

        offset += header.Length;
        padPending = (size & 1) == 1;
        current = new BoundedStream(stream, size, () => Malformed($"member '{name}' is truncated: {size} bytes declared at byte {headerOffset}"));
        return new ArMember(name, size, current);
    }

    private KernelException Malformed(string message) => new(KernelError.MalformedArchive, message, source);
}
