using System.IO.Compression;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace Firmware.Flash.Sources;

/// <summary>
/// Opens an image for reading front to back: raw, or decompressed on the fly from .zst, .gz or
/// .xz (chosen by the file's magic bytes, not its name).
/// </summary>
public static class ImageSource
{
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xB5, 0x2F, 0xFD];
    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];
    private static ReadOnlySpan<byte> XzMagic => [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <returns>The stream of image bytes, its compression, and the image size when it is known before reading.</returns>
    public static OpenedImage Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[6];
            var read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            magic = magic[..read];
            if (magic.StartsWith(ZstdMagic))
            {
                return new OpenedImage(new DecompressionStream(new BufferedStream(file, 1 << 20), leaveOpen: false), "zstd", null);
            }

            if (magic.StartsWith(GzipMagic))
            {
                return new OpenedImage(new GZipStream(new BufferedStream(file, 1 << 20), CompressionMode.Decompress), "gzip", null);
            }

            if (magic.StartsWith(XzMagic))
            {
                return new OpenedImage(new XZStream(new BufferedStream(file, 1 << 20)), "xz", null);
            }

            return new OpenedImage(file, "none", file.Length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}

/// <summary>An opened image.</summary>
/// <param name="Stream">Image bytes, front to back; seekable only when uncompressed.</param>
/// <param name="Compression">none, zstd, gzip or xz.</param>
/// <param name="Size">The image's size when known without reading it all.</param>
public sealed record OpenedImage(Stream Stream, string Compression, long? Size) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Stream.Dispose();
}
