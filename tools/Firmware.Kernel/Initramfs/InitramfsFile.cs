namespace Firmware.Kernel.Initramfs;

/// <summary>Writes an initramfs to a path: a temporary file beside it, flushed, then renamed, so a failure leaves nothing.</summary>
public static class InitramfsFile
{
    /// <summary>Writes <paramref name="plan"/> to <paramref name="path"/>, replacing it only when complete.</summary>
    /// <returns>The compressed size in bytes.</returns>
    public static long Write(InitramfsPlan plan, string path)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Path.GetRandomFileName());
        try
        {
            long size;
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                size = InitramfsBuilder.Write(plan, output);
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            return size;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
