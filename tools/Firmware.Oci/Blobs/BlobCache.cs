using Firmware.Oci.Model;

namespace Firmware.Oci.Blobs;

/// <summary>
/// A content-addressed blob cache on disk: <c>ROOT/blobs/ALGORITHM/HEX</c>, the layout of an OCI
/// image layout's blob store. A blob is fetched into <c>ROOT/tmp</c>, checked against its digest
/// and size, and only then renamed into place (atomic on one filesystem), so an interrupted or
/// corrupt download never becomes a cache entry. Entries are checked again as they are read.
/// </summary>
public sealed class BlobCache
{
    private long _hits;
    private long _misses;

    /// <summary>A cache rooted at <paramref name="root"/>, created on first write.</summary>
    public BlobCache(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The cache directory.</summary>
    public string Root { get; }

    /// <summary>Blobs served from the cache.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Blobs that had to be fetched.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// The default location: <c>$XDG_CACHE_HOME/fwtool/oci</c>, else <c>~/.cache/fwtool/oci</c>
    /// (XDG Base Directory Specification).
    /// </summary>
    public static string DefaultRoot(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var cacheHome = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Path.GetTempPath(), ".cache");
        return Path.Combine(cacheHome, "fwtool", "oci");
    }

    /// <summary>The path an entry for <paramref name="digest"/> lives at.</summary>
    public string PathOf(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return Path.Combine(Root, "blobs", digest.Algorithm, digest.Hex);
    }

    /// <summary>Whether a blob for <paramref name="descriptor"/> is cached with the right size.</summary>
    public bool Contains(Descriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var info = new FileInfo(PathOf(descriptor.Digest));
        return info.Exists && info.Length == descriptor.Size;
    }

    /// <summary>
    /// Opens the blob from the cache, or fetches it through <paramref name="fetch"/> into the
    /// cache first. Either way the stream checks the blob against <paramref name="descriptor"/>.
    /// </summary>
    /// <param name="descriptor">The blob.</param>
    /// <param name="image">The image, for error messages.</param>
    /// <param name="fetch">Opens the blob at its source, verified.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public async Task<VerifyingStream> OpenAsync(Descriptor descriptor, string image, Func<CancellationToken, Task<Stream>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(fetch);
        var path = PathOf(descriptor.Digest);
        if (Contains(descriptor))
        {
            Interlocked.Increment(ref _hits);
        }
        else
        {
            Interlocked.Increment(ref _misses);
            await FetchAsync(descriptor, image, path, fetch, cancellationToken);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new VerifyingStream(file, descriptor, $"{image} (cached at {path})");
    }

    private async Task FetchAsync(Descriptor descriptor, string image, string path, Func<CancellationToken, Task<Stream>> fetch, CancellationToken cancellationToken)
    {
        var temporaryDirectory = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(temporaryDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(temporaryDirectory, $"{descriptor.Digest.Hex}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            await using (var source = new VerifyingStream(await fetch(cancellationToken), descriptor, image))
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await source.CopyToAsync(file, cancellationToken);
                await source.VerifyToEndAsync(cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            // Another process may have completed the same blob meanwhile: same digest, same bytes.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
