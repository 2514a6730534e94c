using Firmware.Disk.Gpt;

namespace Firmware.Image.Build;

/// <summary>
/// Writes a disk image: the GPT (protective MBR, both headers and entry arrays) and each partition's
/// image at its offset. Blocks of zeros are skipped, not written, so the file stays sparse and its
/// bmap maps only what holds data.
/// </summary>
public static class DiskAssembly
{
    private const int BlockSize = 64 * 1024;

    /// <summary>Creates <paramref name="path"/> with <paramref name="table"/> and <paramref name="contents"/> (partition name to image file).</summary>
    public static async Task WriteAsync(string path, GptTable table, IReadOnlyDictionary<string, string> contents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(contents);
        await using var disk = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
        disk.SetLength(table.DiskBytes);
        table.WriteTo(disk);
        var buffer = new byte[BlockSize];
        foreach (var (name, image) in contents.OrderBy(c => table.Find(c.Key)!.FirstLba))
        {
            var partition = table.Find(name)!;
            var offset = partition.FirstLba * table.SectorSize;
            await using var source = File.OpenRead(image);
            int read;
            while ((read = await source.ReadAtLeastAsync(buffer, BlockSize, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                if (buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
                {
                    disk.Position = offset;
                    await disk.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                offset += read;
            }
        }

        await disk.FlushAsync(cancellationToken);
        disk.Flush(flushToDisk: true);
    }
}
