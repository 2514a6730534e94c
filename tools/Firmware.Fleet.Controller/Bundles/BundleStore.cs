using System.Security.Cryptography;
using Firmware.Bundles;
using Firmware.Device.Fleet;
using Firmware.Tar;
using Firmware.Trust;

namespace Firmware.Fleet.Controller.Bundles;

/// <summary>
/// The controller's bundles, content-addressed: <c>DIR/ID.fwb</c>, ID the SHA-256 of the bundle's
/// manifest.json bytes (docs/protocol.md 3.3). A bundle enters only after the same verification
/// <c>fwtool bundle verify</c> runs (signatures, trust chain, every stored chunk digest) and only
/// when its bytes lie where a device assembling it from chunks puts them, so serving chunk i is
/// reading <c>storedSize</c> bytes at one offset.
/// </summary>
public sealed class BundleStore
{
    private const string Extension = ".fwb";
    private readonly string _directory;
    private readonly TrustFile _trust;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, StoredBundle> _bundles = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Opens the store in <paramref name="directory"/> (created if missing), verifying bundles against <paramref name="trust"/>.</summary>
    public BundleStore(string directory, TrustFile trust, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _trust = trust ?? throw new ArgumentNullException(nameof(trust));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    /// <summary>Verifies the bundle in <paramref name="source"/> and stores it (once: the same manifest is the same bundle).</summary>
    /// <exception cref="BundleException">The bundle is rejected.</exception>
    /// <exception cref="BundleStoreException">The bundle verifies but is not laid out canonically.</exception>
    public async Task<StoredBundle> AddAsync(Stream source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var temporary = Path.Combine(_directory, $".incoming-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            var bundle = await InspectAsync(temporary, cancellationToken).ConfigureAwait(false);
            var path = Path.Combine(_directory, bundle.Id + Extension);
            File.Move(temporary, path, overwrite: true);
            var stored = bundle with { Path = path };
            lock (_lock)
            {
                _bundles[stored.Id] = stored;
            }

            return stored;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The bundle <paramref name="id"/>: loaded (and verified again) from the store on first use; null when the store lacks it.</summary>
    public async Task<StoredBundle?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_bundles.TryGetValue(id, out var known))
            {
                return known;
            }
        }

        var path = Path.Combine(_directory, id + Extension);
        if (!IsHex(id) || !File.Exists(path))
        {
            return null;
        }

        var bundle = await InspectAsync(path, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _bundles[id] = bundle;
        }

        return bundle;
    }

    /// <summary>The bundle already loaded, or null (no I/O: for the chunk server's hot path).</summary>
    public StoredBundle? Loaded(string id)
    {
        lock (_lock)
        {
            return _bundles.GetValueOrDefault(id);
        }
    }

    /// <summary>Reads transfer unit <paramref name="index"/> (-1: the header) of <paramref name="bundle"/>.</summary>
    public static byte[] Read(StoredBundle bundle, int index)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var length = bundle.LengthOf(index) ?? throw new ArgumentOutOfRangeException(nameof(index), index, "No such chunk.");
        var bytes = new byte[length];
        using var handle = File.OpenHandle(bundle.Path);
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), bundle.OffsetOf(index) + read);
            read += n > 0 ? n : throw new EndOfStreamException($"{bundle.Path}: shorter than its manifest says");
        }

        return bytes;
    }

    private async Task<StoredBundle> InspectAsync(string path, CancellationToken cancellationToken)
    {
        VerificationResult verified;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous))
        {
            verified = await BundleVerification.VerifyAsync(file, new VerificationPolicy { Trust = _trust, Now = _clock.GetUtcNow(), Check = PayloadCheck.Stored }, cancellationToken).ConfigureAwait(false);
        }

        var manifest = verified.Manifest.Manifest;
        var size = new FileInfo(path).Length;
        var headerLength = HeaderLength(path);
        var layout = new ChunkLayout(manifest, headerLength);
        if (layout.Length > size)
        {
            // Shorter than the layout: entries this store cannot serve by offset (tar's record padding may make it longer, never shorter).
            throw new BundleStoreException($"{path}: {size} bytes, less than the {layout.Length} of its manifest's canonical layout (a bundle fwtool bundle create did not write?)");
        }

        var bundle = new StoredBundle
        {
            Id = Convert.ToHexStringLower(SHA256.HashData(verified.Manifest.ManifestBytes.Span)),
            Version = manifest.Version,
            Compatible = manifest.Compatible,
            Path = path,
            Size = size,
            HeaderLength = headerLength,
            Layout = layout,
        };
        CheckChunksInPlace(bundle);
        return bundle;
    }

    // Verification read the archive as a stream; this proves each chunk is at the offset it will be served from.
    private static void CheckChunksInPlace(StoredBundle bundle)
    {
        for (var i = 0; i < bundle.Layout.Count; i++)
        {
            if (Convert.ToHexStringLower(SHA256.HashData(Read(bundle, i))) != bundle.Layout.StoredSha256(i))
            {
                throw new BundleStoreException($"{bundle.Path}: chunk {i} is not at offset {bundle.Layout.Offset(i)} of the canonical layout");
            }
        }
    }

    // The header is every entry before the first payloads/ entry (docs/protocol.md section 4).
    private static long HeaderLength(string path)
    {
        using var handle = File.OpenHandle(path);
        var block = new byte[TarHeader.BlockSize];
        long offset = 0;
        while (RandomAccess.Read(handle, block, offset) == TarHeader.BlockSize && !TarHeader.IsZeroBlock(block))
        {
            var entry = TarHeader.Parse(block, offset);
            if (entry.Name.StartsWith(BundleEntryNames.Payload(""), StringComparison.Ordinal))
            {
                return offset <= FleetLimits.MaxHeaderSize ? offset
                    : throw new BundleStoreException($"{path}: header of {offset} bytes, more than the {FleetLimits.MaxHeaderSize} a chunk message may carry");
            }

            offset += TarHeader.BlockSize + entry.Size + TarHeader.PaddingFor(entry.Size);
        }

        throw new BundleStoreException($"{path}: no payload entry");
    }

    private static bool IsHex(string id) => id is { Length: 64 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
