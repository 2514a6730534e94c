using System.Security.Cryptography;

namespace Firmware.Rootfs.Tree;

/// <summary>
/// Regular-file bytes spooled to a staging directory under their SHA-256, so a tree of any size
/// holds only metadata in memory and identical files are stored once. Staged files belong to the
/// current user; their on-disk mode and owner never reach the image.
/// </summary>
public sealed class ContentStore
{
    private const int CopyBuffer = 1 << 16;

    /// <summary>Uses (and creates) <paramref name="directory"/> as the staging area.</summary>
    public ContentStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
    }

    /// <summary>The staging directory.</summary>
    public string Directory { get; }

    /// <summary>Copies <paramref name="source"/> to its end into the store.</summary>
    public FileContent Add(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var spool = Path.Combine(Directory, $"spool-{Guid.NewGuid():N}");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            using (var output = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                var buffer = new byte[CopyBuffer];
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer.AsSpan(0, read));
                    output.Write(buffer, 0, read);
                    length += read;
                }
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var staged = PathOf(sha);
            if (File.Exists(staged))
            {
                File.Delete(spool);
            }
            else
            {
                File.Move(spool, staged);
            }

            return new FileContent(sha, length);
        }
        catch
        {
            File.Delete(spool);
            throw;
        }
    }

    /// <summary>Stores <paramref name="bytes"/>.</summary>
    public FileContent Add(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Add(stream);
    }

    /// <summary>Opens the bytes of <paramref name="content"/> for reading.</summary>
    public Stream OpenRead(FileContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new FileStream(PathOf(content.Sha256), FileMode.Open, FileAccess.Read, FileShare.Read, CopyBuffer, FileOptions.SequentialScan);
    }

    /// <summary>The staged file holding <paramref name="sha256"/>.</summary>
    public string PathOf(string sha256) => Path.Combine(Directory, sha256);
}
