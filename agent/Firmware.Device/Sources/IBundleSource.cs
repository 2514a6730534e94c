namespace Firmware.Device.Sources;

/// <summary>
/// Where a bundle's bytes come from: a local file, a one-shot stream, an HTTP(S) URL, and later
/// the fleet's MQTT chunk transfer. The engine needs only to open the bundle at a byte offset.
/// </summary>
public interface IBundleSource
{
    /// <summary>The source as the checkpoint stores it, so the engine can reopen it after a restart
    /// through <see cref="BundleSources.Reopen"/> ("file:/path", "https://host/x.fwb", "stream:").</summary>
    string Location { get; }

    /// <summary>True when the source can be opened again, at any offset (after a dropped connection or a crash).</summary>
    bool Resumable { get; }

    /// <summary>The path of a local, seekable file that can be read in place (twice: verify, then write); null otherwise.</summary>
    string? LocalPath { get; }

    /// <summary>Opens the bundle's bytes from <paramref name="offset"/> to the end.</summary>
    /// <exception cref="Updates.UpdateException">The source cannot be reached (transient) or reopened (fatal).</exception>
    Task<Stream> OpenAsync(long offset, CancellationToken cancellationToken);
}
