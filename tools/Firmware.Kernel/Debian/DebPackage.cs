using System.Formats.Tar;
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

    /// <summary>
    /// Visits the data tar's entries in order until <paramref name="visit"/> returns false. Errors from
    /// the decompressor or the tar reader become <see cref="KernelError.MalformedPackage"/>.
    /// </summary>
    /// <param name="deb">The package bytes.</param>
    /// <param name="source">The package name for messages.</param>
    /// <param name="visit">Called with each entry and its normalized path (<c>./boot/x</c> gives <c>boot/x</c>); returns whether to go on.</param>
    /// <exception cref="KernelException">The package or its data tar is malformed, or an entry leaves the root.</exception>
    public static void ReadData(Stream deb, string source, Func<TarEntry, string, bool> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        try
        {
            using var tar = OpenDataTar(deb, source);
            var reader = new TarReader(tar);
            while (reader.GetNextEntry() is { } entry)
            {
                if (NormalizePath(entry.Name, source) is { } path && !visit(entry, path))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is not KernelException and not ArgumentException and not UnauthorizedAccessException)
        {
            throw new KernelException(KernelError.MalformedPackage, $"the data tar cannot be read: {e.Message}", source, innerException: e);
        }
    }

    /// <summary>Normalizes a tar path (<c>./lib/x</c> to <c>lib/x</c>); null for the root itself.</summary>
    /// <exception cref="KernelException"><see cref="KernelError.MalformedPackage"/> for a path with <c>..</c>.</exception>
    public static string? NormalizePath(string name, string source)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Any(p => p == ".."))
        {
            throw new KernelException(KernelError.MalformedPackage, "the entry's path leaves the archive root", source, name);
        }

        return parts.Length == 0 ? null : string.Join('/', parts);
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
