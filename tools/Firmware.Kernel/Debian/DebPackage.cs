using System.IO.Compression;
using System.Text;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace Firmware.Kernel.Debian;

/// <summary>
/// Opens the data tar of a Debian binary package (deb(5)): an <c>ar</c> archive holding
/// <c>debian-binary</c> (format <c>2.x</c>), <c>control.tar[.gz|.xz|.zst]</c> and
/// <c>data.tar[.gz|.xz|.zst]</c>, in that order. Pure: the caller supplies the stream.
/// </summary>
public static class DebPackage
{
    /// <summary>Returns the decompressed data tar, positioned at its first header; read it with <see cref="System.Formats.Tar.TarReader"/>.</summary>
    /// <param name="deb">The package bytes, read forward only.</param>
    /// <param name="source">The package name for error messages.</param>
    /// <exception cref="KernelException"><see cref="KernelError.MalformedArchive"/> or <see cref="KernelError.MalformedPackage"/>.</exception>
    public static Stream OpenDataTar(Stream deb, string source)
    {
        ArgumentNullException.ThrowIfNull(deb);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var reader = new ArReader(deb, source);
        var first = reader.Next() ?? throw new KernelException(KernelError.MalformedPackage, "the package is empty", source);
        if (first.Name != "debian-binary")
        {
            throw new KernelException(KernelError.MalformedPackage, $"the first member is '{first.Name}', not 'debian-binary'", source, first.Name);
        }

        Span<byte> version = stackalloc byte[16];
        var length = first.Content.ReadAtLeast(version, version.Length, throwOnEndOfStream: false);
        if (!version[..length].StartsWith("2."u8))
        {
            throw new KernelException(KernelError.MalformedPackage, $"unsupported package format '{Encoding.ASCII.GetString(version[..length]).Trim()}' (expected 2.x)", source, "debian-binary");
        }

        while (reader.Next() is { } member)
        {
            if (member.Name.StartsWith("data.tar", StringComparison.Ordinal))
            {
                return Decompress(member, source);
            }
        }

        throw new KernelException(KernelError.MalformedPackage, "the package holds no data.tar member", source);
    }

    private static Stream Decompress(ArMember member, string source) => member.Name switch
    {
        "data.tar" => member.Content,
        "data.tar.gz" => new GZipStream(member.Content, CompressionMode.Decompress),
        // XZStream asks for Position to align blocks: the member view counts from the member start, as xz expects.
        "data.tar.xz" => new XZStream(member.Content),
        "data.tar.zst" => new DecompressionStream(member.Content),
        _ => throw new KernelException(KernelError.MalformedPackage, $"unsupported data compression '{member.Name}'", source, member.Name),
    };
}
