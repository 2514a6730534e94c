using System.IO.Compression;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace Firmware.Kernel.Modules;

/// <summary>Reads a module file, decompressing <c>.ko.xz</c>, <c>.ko.zst</c> and <c>.ko.gz</c> (kmod's CONFIG_MODULE_COMPRESS forms) so insmod gets a plain ELF.</summary>
public static class ModuleFile
{
    /// <summary>The module's ELF bytes.</summary>
    public static byte[] ReadElf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Func<Stream, Stream>? decompressor = Path.GetExtension(path) switch
        {
            ".xz" => s => new XZStream(s),
            ".zst" => s => new DecompressionStream(s),
            ".gz" => s => new GZipStream(s, CompressionMode.Decompress),
            _ => null,
        };
        if (decompressor is null)
        {
            return File.ReadAllBytes(path);
        }

        using var input = decompressor(new FileStream(path, FileMode.Open, FileAccess.Read));
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }
}
