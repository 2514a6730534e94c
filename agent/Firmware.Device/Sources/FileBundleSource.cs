using Firmware.Device.Updates;

namespace Firmware.Device.Sources;

/// <summary>A bundle in a local file: read in place, seekable, so it is verified in full before the slot is touched.</summary>
public sealed class FileBundleSource : IBundleSource
{
    /// <summary>The scheme of <see cref="Location"/>.</summary>
    public const string Scheme = "file";

    /// <summary>Creates the source over <paramref name="path"/>.</summary>
    public FileBundleSource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        LocalPath = Path.GetFullPath(path);
    }

    /// <inheritdoc/>
    public string Location => $"{Scheme}:{LocalPath}";

    /// <inheritdoc/>
    public bool Resumable => true;

    /// <inheritdoc/>
    public string LocalPath { get; }

    /// <inheritdoc/>
    public Task<Stream> OpenAsync(long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        try
        {
            // Unbuffered: the bundle reader asks for whole chunks, straight from the kernel.
            var stream = new FileStream(LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            stream.Position = offset;
            return Task.FromResult<Stream>(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UpdateException(UpdateError.SourceUnavailable, transient: true, $"{LocalPath}: {e.Message}", e);
        }
    }
}
