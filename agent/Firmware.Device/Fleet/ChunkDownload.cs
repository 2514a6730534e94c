using System.Globalization;
using System.Security.Cryptography;
using Firmware.Bundles;
using Firmware.Device.Updates;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;
using Firmware.Tar;

namespace Firmware.Device.Fleet;

/// <summary>
/// Downloads one job's bundle over <c>chunks/req</c> and <c>chunks/res</c> (docs/protocol.md
/// section 4) into <c>DIR/bundle.fwb</c>: the header first, verified against the device's trust
/// and the job's bundle id, then every chunk checked against the signed manifest (exact stored
/// size, stored SHA-256) before it is written at its place. A persisted bitmap makes it resume
/// after a reconnect or a reboot, asking only for missing chunks and never writing one twice.
/// </summary>
public sealed class ChunkDownload : IDisposable
{
    private const string HeaderFile = "header.bin";
    private const string BundleFile = "bundle.fwb";
    private const string BitmapFile = "chunks.bitmap";

    private readonly string _directory;
    private readonly JobDocument _job;
    private readonly JobBundle _bundle;
    private readonly Func<VerificationPolicy> _policy;
    private readonly TimeProvider _clock;
    private readonly ChunkDownloadOptions _options;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Dictionary<int, DateTimeOffset> _inFlight = [];
    private ChunkLayout? _layout;
    private ChunkBitmap? _bitmap;
    private DateTimeOffset _lastAccepted;

    /// <summary>Creates (or resumes) the download of <paramref name="job"/>'s bundle in <paramref name="directory"/>.</summary>
    /// <param name="directory">The job's own directory on the data partition; created if missing.</param>
    /// <param name="job">An install job.</param>
    /// <param name="policy">The verification policy of this device (trust, board, versions), asked when the header arrives.</param>
    /// <param name="clock">The clock of the timeouts.</param>
    /// <param name="options">Window and timeouts.</param>
    public ChunkDownload(string directory, JobDocument job, Func<VerificationPolicy> policy, TimeProvider clock, ChunkDownloadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(job);
        _bundle = job.Bundle ?? throw new ArgumentException("Only an install job has a bundle to download.", nameof(job));
        _directory = directory;
        _job = job;
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? new ChunkDownloadOptions();
        Directory.CreateDirectory(directory);
        var header = Path.Combine(directory, HeaderFile);
        if (File.Exists(header))
        {
            // A header that no longer verifies (trust rotated, file damaged) is fetched again.
            try
            {
                Open(File.ReadAllBytes(header));
            }
            catch (BundleException)
            {
                File.Delete(header);
            }
        }
    }

    /// <summary>The assembled bundle, complete once <see cref="RunAsync"/> returns.</summary>
    public string BundlePath => Path.Combine(_directory, BundleFile);

    /// <summary>The job whose bundle this is.</summary>
    public string JobId => _job.JobId;

    /// <summary>Chunk messages refused since this object was created (another bundle, a bad index or size, a digest that does not match).</summary>
    public int Refused { get; private set; }

    /// <summary>Chunks in so far.</summary>
    public int ChunksDone => _bitmap?.Done ?? 0;

    /// <summary>The job's chunk count.</summary>
    public int ChunksTotal => _bundle.Chunks;

    /// <summary>Accepted chunk messages (header included) since this object was created.</summary>
    public int Accepted { get; private set; }

    /// <summary>Why the last refused header was refused, for the log.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>True when the header and every chunk are in.</summary>
    public bool Complete
    {
        get
        {
            // Under the lock, so a caller that sees the download complete also sees the last chunk counted.
            lock (_lock)
            {
                return _bitmap?.Complete == true;
            }
        }
    }

    /// <summary>
    /// Requests what is missing, a window at a time, until every chunk is in; chunk messages are
    /// handed to <see cref="Accept"/> by the connection meanwhile.
    /// </summary>
    /// <exception cref="UpdateException"><see cref="UpdateError.SourceUnavailable"/>, transient, when nothing was accepted for <see cref="ChunkDownloadOptions.StallTimeout"/>.</exception>
    public async Task RunAsync(IChunkRequester requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requester);
        lock (_lock)
        {
            _lastAccepted = _clock.GetUtcNow();
            _inFlight.Clear();
        }

        while (!Complete)
        {
            var want = NextRequests();
            if (want.Count > 0)
            {
                try
                {
                    await requester.RequestAsync(new ChunkRequest { JobId = _job.JobId, Bundle = _bundle.Id, Want = want }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not sent (the connection dropped): forget them, so they are asked again at the next turn.
                    Forget(want);
                }
            }

            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(_options.Tick, _clock, tick.Token);
            await Task.WhenAny(_arrived.WaitAsync(tick.Token), delay).ConfigureAwait(false);
            await tick.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!Complete && _clock.GetUtcNow() - _lastAccepted > _options.StallTimeout)
            {
                throw new UpdateException(UpdateError.SourceUnavailable, true,
                    $"bundle {_bundle.Id}: no chunk accepted for {_options.StallTimeout.TotalSeconds:0} s ({ChunksDone} of {ChunksTotal} in)");
            }
        }
    }

    /// <summary>Checks one chunk message and, when it holds, writes it and records it durably.</summary>
    public ChunkVerdict Accept(ChunkMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            var verdict = AcceptCore(message);
            if (verdict == ChunkVerdict.Accepted)
            {
                Accepted++;
                _lastAccepted = _clock.GetUtcNow();
                _arrived.Release();
            }
            else if (verdict == ChunkVerdict.Refused)
            {
                Refused++;
            }

            return verdict;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _arrived.Dispose();

    private List<int> NextRequests()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            foreach (var late in _inFlight.Where(p => now - p.Value >= _options.RequestTimeout).Select(p => p.Key).ToList())
            {
                _inFlight.Remove(late);
            }

            var candidates = _bitmap is null ? [FleetLimits.HeaderIndex] : _bitmap.Missing();
            var want = new List<int>();
            foreach (var index in candidates)
            {
                if (_inFlight.Count >= _options.Window || want.Count >= FleetLimits.MaxWant)
                {
                    break;
                }

                if (_inFlight.TryAdd(index, now))
                {
                    want.Add(index);
                }
            }

            return want;
        }
    }

    // Where the header's entries (manifest, signatures, trust files) end: the header must be exactly them.
    private static long EntriesEnd(byte[] header, int entries)
    {
        long offset = 0;
        for (var i = 0; i < entries && offset + TarHeader.BlockSize <= header.Length; i++)
        {
            var entry = TarHeader.Parse(header.AsSpan((int)offset, TarHeader.BlockSize), offset);
            offset += TarHeader.BlockSize + entry.Size + TarHeader.PaddingFor(entry.Size);
        }

        return offset;
    }

    private void Forget(List<int> indices)
    {
        lock (_lock)
        {
            indices.ForEach(i => _inFlight.Remove(i));
        }
    }

    private ChunkVerdict AcceptCore(ChunkMessage message)
    {
        if (message.Bundle != _bundle.Id
            || !int.TryParse(message.Index, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index)
            || index < FleetLimits.HeaderIndex || index >= _bundle.Chunks)
        {
            return ChunkVerdict.Refused;
        }

        if (index == FleetLimits.HeaderIndex ? _bitmap is not null : _bitmap is null)
        {
            // A repeated header, or a chunk before the header that says what it must be.
            return _bitmap is not null ? ChunkVerdict.Duplicate : ChunkVerdict.Refused;
        }

        if (index >= 0 && _bitmap!.Has(index))
        {
            return ChunkVerdict.Duplicate;
        }

        var limit = index == FleetLimits.HeaderIndex ? FleetLimits.MaxHeaderSize : Math.Min(_bundle.ChunkSize, _layout!.StoredSize(index));
        if (message.Payload.Length > limit)
        {
            return ChunkVerdict.Refused;
        }

        // The sha256 property is a transport check; trust comes from the signed manifest (or, for the header, its signatures).
        var digest = Convert.ToHexStringLower(SHA256.HashData(message.Payload.Span));
        if (digest != message.Sha256)
        {
            return ChunkVerdict.Refused;
        }

        return index == FleetLimits.HeaderIndex ? AcceptHeader(message.Payload) : AcceptChunk(index, message.Payload, digest);
    }

    private ChunkVerdict AcceptChunk(int index, ReadOnlyMemory<byte> payload, string digest)
    {
        _inFlight.Remove(index);
        if (payload.Length != _layout!.StoredSize(index) || digest != _layout.StoredSha256(index))
        {
            return ChunkVerdict.Refused;
        }

        using (var file = new FileStream(BundlePath, FileMode.Open, FileAccess.Write, FileShare.Read))
        {
            RandomAccess.Write(file.SafeFileHandle, payload.Span, _layout.Offset(index));
            file.Flush(flushToDisk: true);
        }

        _bitmap!.Set(index);
        return ChunkVerdict.Accepted;
    }

    private ChunkVerdict AcceptHeader(ReadOnlyMemory<byte> header)
    {
        _inFlight.Remove(FleetLimits.HeaderIndex);
        try
        {
            Open(header.ToArray());
        }
        catch (BundleException e)
        {
            LastRefusal = $"header: {e.Message}";
            return ChunkVerdict.Refused;
        }

        var temporary = Path.Combine(_directory, HeaderFile + ".tmp");
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(header.Span);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Combine(_directory, HeaderFile), overwrite: true);
        return ChunkVerdict.Accepted;
    }

    // Verifies the header (manifest digest = the job's bundle id, signatures under the device's
    // trust, board and versions) and lays out the bundle file: header, payload tar headers, end marker.
    private void Open(byte[] header)
    {
        using var reader = new BundleReader(new MemoryStream(header, writable: false), _policy());
        var verified = reader.ReadManifestAsync().AsTask().GetAwaiter().GetResult();
        if (Convert.ToHexStringLower(SHA256.HashData(verified.ManifestBytes.Span)) != _bundle.Id)
        {
            throw new BundleException(BundleError.ManifestMalformed, $"the manifest's SHA-256 is not the job's bundle id {_bundle.Id}", BundleEntryNames.Manifest);
        }

        var layout = new ChunkLayout(verified.Manifest, header.Length);
        if (layout.Count != _bundle.Chunks || EntriesEnd(header, 2 + (verified.Manifest.Trust?.Count ?? 0)) != header.Length)
        {
            throw new BundleException(BundleError.ManifestMalformed, $"the header does not match the job ({layout.Count} chunks, job says {_bundle.Chunks})", BundleEntryNames.Manifest);
        }

        var fresh = !File.Exists(BundlePath) || new FileInfo(BundlePath).Length != layout.Length;
        using (var file = new FileStream(BundlePath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read))
        {
            file.SetLength(layout.Length);
            RandomAccess.Write(file.SafeFileHandle, header, 0);
            var block = new byte[TarHeader.BlockSize];
            foreach (var (offset, entry) in layout.Headers)
            {
                entry.WriteTo(block);
                RandomAccess.Write(file.SafeFileHandle, block, offset);
            }

            RandomAccess.Write(file.SafeFileHandle, new byte[2 * TarHeader.BlockSize], layout.EndOffset);
            file.Flush(flushToDisk: true);
        }

        _layout = layout;
        _bitmap = ChunkBitmap.Load(Path.Combine(_directory, BitmapFile), layout.Count);
        if (fresh && _bitmap.Done > 0)
        {
            // The bundle file was lost or replaced while the bitmap survived: start the chunks again.
            File.Delete(Path.Combine(_directory, BitmapFile));
            _bitmap = ChunkBitmap.Load(Path.Combine(_directory, BitmapFile), layout.Count);
        }
    }
}
