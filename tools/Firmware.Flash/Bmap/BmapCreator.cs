using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Firmware.Native;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Flash.Bmap;

/// <summary>
/// Makes the block map of an image file from the file system's record of where its data is
/// (lseek SEEK_DATA/SEEK_HOLE, as bmaptool's Filemap does with FIEMAP or the same calls), and
/// hashes each mapped range.
/// </summary>
public static class BmapCreator
{
    /// <summary>The block size bmaptool uses, and the page size everywhere that matters.</summary>
    public const int DefaultBlockSize = 4096;

    /// <summary>Maps the image at <paramref name="path"/>.</summary>
    public static BlockMap Create(string path, int blockSize = DefaultBlockSize, CancellationToken cancellationToken = default)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var size = RandomAccess.GetLength(handle);
        var ranges = new List<BlockRange>();
        var buffer = new byte[4 << 20];
        foreach (var (first, last) in DataBlocks(handle, size, blockSize))
        {
            var start = first * blockSize;
            var end = Math.Min((last + 1) * blockSize, size);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (var offset = start; offset < end;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - offset)), offset);
                if (read == 0)
                {
                    throw new IOException($"{path} shrank while it was being mapped");
                }

                hash.AppendData(buffer, 0, read);
                offset += read;
            }

            ranges.Add(new BlockRange(first, last, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }

        return new BlockMap(size, blockSize, ranges);
    }

    /// <summary>Block ranges that hold data, ascending and merged.</summary>
    internal static IEnumerable<(long First, long Last)> DataBlocks(SafeFileHandle handle, long size, int blockSize)
    {
        long? runFirst = null;
        long runLast = -1;
        for (long offset = 0; offset < size;)
        {
            var data = Libc.LSeek(handle, offset, Libc.SeekData);
            if (data < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.ENXIO)
                {
                    break; // no data after offset
                }

                throw new IOException($"lseek(SEEK_DATA) failed: errno {errno}");
            }

            var hole = Libc.LSeek(handle, data, Libc.SeekHole);
            if (hole < 0)
            {
                throw new IOException($"lseek(SEEK_HOLE) failed: errno {Marshal.GetLastPInvokeError()}");
            }

            hole = Math.Min(hole, size);
            var first = data / blockSize;
            var last = (hole - 1) / blockSize;
            if (runFirst is not null && first <= runLast + 1)
            {
                runLast = Math.Max(runLast, last);
            }
            else
            {
                if (runFirst is { } done)
                {
                    yield return (done, runLast);
                }

                runFirst = first;
                runLast = last;
            }

            offset = hole;
        }

        if (runFirst is { } final)
        {
            yield return (final, runLast);
        }
    }
}
