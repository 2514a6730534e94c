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
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        using Stream input = path.EndsWith(".xz", StringComparison.Ordinal) ? new XZStream(file)
            : path.EndsWith(".zst", StringComparison.Ordinal) ? new DecompressionStream(file)
            : path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        if (ReferenceEquals(input, file))
        {
            return File.ReadAllBytes(path);
        }

        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }
}
