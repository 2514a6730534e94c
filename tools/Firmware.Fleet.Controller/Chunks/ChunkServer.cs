using System.Collections.Concurrent;
using Firmware.Fleet.Controller.Bundles;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Chunks;

/// <summary>
/// Answers <c>chunks/req</c> (docs/protocol.md section 4): one <c>chunks/res</c> message per index
/// asked, the header for -1 and chunk i's stored bytes otherwise, to devices that hold an unfinished
/// install job for that bundle only. Each message waits for its bytes in the device's token bucket
/// and in the global one, so one device cannot take the whole link and the fleet cannot flood it.
/// Requests for anything else (no such job, another bundle, an index out of range) get no answer.
/// </summary>
public sealed class ChunkServer : Engine.IDownloadGate
{
    private readonly BundleStore _store;
    private readonly IChunkPublisher _publisher;
    private readonly ChunkRates _rates;
    private readonly TimeProvider _clock;
    private readonly TokenBucket _total;
    private readonly ConcurrentDictionary<string, TokenBucket> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Device, string Job), string> _downloads = new();
    private readonly ControllerCounters _counters;
    private readonly Action<string> _log;

    /// <summary>Creates the server.</summary>
    public ChunkServer(BundleStore store, IChunkPublisher publisher, ChunkRates rates, TimeProvider clock, ControllerCounters counters, Action<string> log)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _rates = rates ?? throw new ArgumentNullException(nameof(rates));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _total = new TokenBucket(rates.TotalBytesPerSecond, rates.TotalBytesPerSecond, clock);
    }

    /// <inheritdoc/>
    public void Allow(string deviceId, string jobId, string bundleId) => _downloads[(deviceId, jobId)] = bundleId;

    /// <inheritdoc/>
    public void Revoke(string deviceId, string jobId)
    {
        // A device has one install job at a time: its bucket goes with it (a new job starts a full one).
        _downloads.TryRemove((deviceId, jobId), out _);
        _devices.TryRemove(deviceId, out _);
    }

    /// <summary>Schedules the answers to <paramref name="request"/> from <paramref name="deviceId"/>; returns the sends, which complete as the buckets allow.</summary>
    public Task HandleAsync(string deviceId, ChunkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_downloads.TryGetValue((deviceId, request.JobId), out var bundleId) || bundleId != request.Bundle)
        {
            return Refuse(deviceId, $"no unfinished job {request.JobId} for bundle {request.Bundle}");
        }

        if (_store.Loaded(bundleId) is not { } bundle)
        {
            return Refuse(deviceId, $"bundle {bundleId} is not loaded");
        }

        var device = _devices.GetOrAdd(deviceId, _ => new TokenBucket(_rates.DeviceBytesPerSecond, _rates.DeviceBytesPerSecond, _clock));
        var sends = new List<Task>(request.Want.Count);
        foreach (var index in request.Want)
        {
            if (bundle.LengthOf(index) is not { } length)
            {
                _ = Refuse(deviceId, $"index {index} is outside bundle {bundleId}");
                continue;
            }

            var wait = Max(device.Reserve(length), _total.Reserve(length));
            sends.Add(SendAsync(deviceId, bundle, index, wait, cancellationToken));
        }

        return Task.WhenAll(sends);
    }

    private async Task SendAsync(string deviceId, StoredBundle bundle, int index, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait > TimeSpan.Zero)
        {
            _counters.Add(ControllerCounter.ChunksDelayed);
            await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
        }

        var bytes = BundleStore.Read(bundle, index);
        await _publisher.PublishChunkAsync(deviceId, bundle.Id, index, bytes, cancellationToken).ConfigureAwait(false);
        _counters.Add(ControllerCounter.ChunksServed);
        _counters.Add(ControllerCounter.ChunkBytesServed, bytes.Length);
    }

    private Task Refuse(string deviceId, string why)
    {
        _counters.Add(ControllerCounter.ChunkRequestsRefused);
        _log($"chunks/req from {deviceId} ignored: {why}");
        return Task.CompletedTask;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
