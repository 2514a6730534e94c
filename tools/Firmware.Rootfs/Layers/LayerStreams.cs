using System.IO.Compression;
using ZstdSharp;

namespace Firmware.Rootfs.Layers;

/// <summary>Opens the tar inside a layer blob, decompressing as it declares or as its magic says.</summary>
internal static class LayerStreams
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xB5, 0x2F, 0xFD];

    public static Stream OpenTar(Stream blob, LayerCompression compression)
    {
        if (compression == LayerCompression.Detect)
        {
            // Blobs may come from a pipe or an HTTP body: sniff without seeking, then replay.
            var magic = new byte[4];
            var read = blob.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            compression = magic.AsSpan(0, read).StartsWith(GzipMagic) ? LayerCompression.Gzip
                : magic.AsSpan(0, read).StartsWith(ZstdMagic) ? LayerCompression.Zstd
                : LayerCompression.None;
            blob = new PrefixedStream(magic.AsMemory(0, read), blob);
        }

        return compression switch
        {
            LayerCompression.Gzip => new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true),
            LayerCompression.Zstd => new DecompressionStream(blob, leaveOpen: true),
            _ => blob,
        };
    }
}
