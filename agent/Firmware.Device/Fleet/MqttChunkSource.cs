using Firmware.Device.Sources;

namespace Firmware.Device.Fleet;

/// <summary>
/// The fleet's bundle source (scheme <c>mqtt:</c>, location <c>mqtt:JOBID</c>): opening it runs
/// the job's <see cref="ChunkDownload"/> to completion (resuming from its bitmap), then reads the
/// assembled bundle. The engine stages and verifies it like any other remote source.
/// Registered with <see cref="BundleSources.Register"/> by the fleet.
/// </summary>
public sealed class MqttChunkSource(string jobId, ChunkDownload download, IChunkRequester requester) : IBundleSource
{
    /// <summary>The scheme.</summary>
    public const string Scheme = "mqtt";

    /// <inheritdoc/>
    public string Location { get; } = $"{Scheme}:{Firmware.Fleet.DeviceId.Validate(jobId, "job id")}";

    /// <inheritdoc/>
    public bool Resumable => true;

    /// <inheritdoc/>
    public string? LocalPath => null;

    /// <inheritdoc/>
    public async Task<Stream> OpenAsync(long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await download.RunAsync(requester, cancellationToken).ConfigureAwait(false);
        var file = new FileStream(download.BundlePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        file.Position = Math.Min(offset, file.Length);
        return file;
    }
}
