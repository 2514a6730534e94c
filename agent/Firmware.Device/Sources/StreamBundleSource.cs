using Firmware.Device.Updates;

namespace Firmware.Device.Sources;

/// <summary>
/// A bundle arriving once through a stream (standard input, a pipe). It cannot be reopened, so the
/// engine copies it to the data partition before verifying it, and an update interrupted before
/// the copy completes fails cleanly instead of resuming.
/// </summary>
public sealed class StreamBundleSource : IBundleSource
{
    /// <summary>The scheme of <see cref="Location"/>.</summary>
    public const string Scheme = "stream";

    private Stream? _stream;

    /// <summary>Creates the source over <paramref name="stream"/>, which it hands out once.</summary>
    public StreamBundleSource(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <inheritdoc/>
    public string Location => $"{Scheme}:";

    /// <inheritdoc/>
    public bool Resumable => false;

    /// <inheritdoc/>
    public string? LocalPath => null;

    /// <inheritdoc/>
    public Task<Stream> OpenAsync(long offset, CancellationToken cancellationToken)
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        if (stream is null || offset != 0)
        {
            throw NotResumable();
        }

        return Task.FromResult(stream);
    }

    /// <summary>The failure of an attempt to reopen a one-shot stream.</summary>
    public static UpdateException NotResumable() =>
        new(UpdateError.SourceNotResumable, transient: false, "the bundle came from a stream that cannot be reopened; offer it again");
}
