using Firmware.Signing;
using Firmware.Tar;
using Firmware.Trust;
using Firmware.Versioning;

namespace Firmware.Bundles;

/// <summary>
/// Reads and verifies a bundle in one forward pass over a stream that need not seek. Nothing of
/// a payload is handed on before the manifest's signatures, the trust chain and the policy hold,
/// and no chunk is handed on before its digest holds. Memory is bounded by
/// <see cref="BundleLimits"/> and the largest chunk, never by the bundle's size.
/// <code>
/// using var reader = new BundleReader(stream, policy);
/// var verified = await reader.ReadManifestAsync(ct);
/// while (await reader.ReadChunkAsync(ct) is { } chunk) { ... }   // null: the whole archive verified
/// </code>
/// </summary>
public sealed partial class BundleReader : IDisposable
{
    private readonly TarStreamReader _tar;
    private readonly VerificationPolicy _policy;
    private readonly bool _verifying;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _expected = [];
    private BundleManifest? _manifest;
    private long? _created;
    private long? _firstModificationTime;
    private byte[][] _digests = [];
    private int _payload = -1;
    private int _chunk;
    private long _offset;

    /// <summary>Creates a reader over <paramref name="stream"/>, verifying against <paramref name="policy"/>.</summary>
    public BundleReader(Stream stream, VerificationPolicy policy)
        : this(stream, policy ?? throw new ArgumentNullException(nameof(policy)), verifying: true)
    {
    }

    private BundleReader(Stream stream, VerificationPolicy policy, bool verifying)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        _tar = new TarStreamReader(stream);
        _policy = policy;
        _verifying = verifying;
    }

    /// <summary>Bytes consumed from the stream so far (reading runs a few chunks ahead of the chunks handed on).</summary>
    public long Position => _tar.Position;

    /// <summary>
    /// Reads the manifest, its signatures and any carried trust files, and verifies them against
    /// the policy. Must be called once, first.
    /// </summary>
    /// <exception cref="BundleException">The bundle is rejected; the code says why.</exception>
    public async ValueTask<VerifiedManifest> ReadManifestAsync(CancellationToken cancellationToken = default)
    {
        if (_manifest is not null || !_verifying)
        {
            throw new InvalidOperationException("The manifest has already been read.");
        }

        var header = await ReadHeaderEntriesAsync(cancellationToken);
        var manifest = header.Manifest;

        // Trust first, then signatures under it, then policy: never act on what is not authentic.
        _policy.Trust.VerifySelfSigned();
        var trust = TrustChain.Advance(_policy.Trust, header.CarriedTrust, _policy.Now);
        var message = PreAuthEncoding.Encode(PreAuthEncoding.ManifestType, header.ManifestBytes.Span);
        var signers = ThresholdCheck.Require(message, header.Signatures.Signatures, trust.ReleaseKeys, trust.Document.Roles.Release.Threshold, "release", BundleEntryNames.Signatures);
        CheckPolicy(manifest);

        _manifest = manifest;
        AllocateChunkBuffers(manifest);
        return new VerifiedManifest
        {
            Manifest = manifest,
            ManifestBytes = header.ManifestBytes,
            Trust = trust,
            TrustAdvanced = !ReferenceEquals(trust, _policy.Trust),
            Signers = signers,
        };
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeChunkBuffers();

    private async ValueTask BeginPayloadAsync(PayloadManifest payload, CancellationToken cancellationToken)
    {
        var name = BundleEntryNames.Payload(payload.Name);
        var header = await ExpectEntryAsync(name, cancellationToken);
        if (header.Size != payload.StoredSize)
        {
            throw new BundleException(BundleError.EntrySizeMismatch, $"tar size {header.Size} differs from the manifest's stored size {payload.StoredSize}", name, _tar.Position - TarHeader.BlockSize);
        }

        _digests = new byte[payload.Chunks.Count * 2][];
        for (var i = 0; i < payload.Chunks.Count; i++)
        {
            _digests[2 * i] = Convert.FromHexString(payload.Chunks[i].Sha256);
            _digests[(2 * i) + 1] = Convert.FromHexString(payload.Chunks[i].StoredSha256);
        }

        _chunk = 0;
        _offset = 0;
    }

    private async ValueTask ReadEndAsync(CancellationToken cancellationToken)
    {
        var header = await _tar.ReadHeaderAsync(cancellationToken);
        if (header is { } extra)
        {
            throw Unexpected(extra.Name, _tar.Position - TarHeader.BlockSize, "after the last payload");
        }

        await _tar.ExpectEndOfStreamAsync(cancellationToken);
    }

    private void CheckPolicy(BundleManifest manifest)
    {
        if (_policy.Now >= manifest.Expires)
        {
            throw new BundleException(BundleError.BundleExpired, $"bundle expired at {manifest.Expires:u}", BundleEntryNames.Manifest);
        }

        if (_policy.Board is { } board && !manifest.Compatible.Contains(board, StringComparer.Ordinal))
        {
            throw new BundleException(BundleError.IncompatibleBoard, $"bundle is for {string.Join(", ", manifest.Compatible)}, not {board}", BundleEntryNames.Manifest);
        }

        var version = FirmwareVersion.Parse(manifest.Version);
        if (_policy.InstalledVersion is { } installed && version < installed)
        {
            throw new BundleException(BundleError.Downgrade, $"version {version} is below the installed {installed}", BundleEntryNames.Manifest);
        }

        if (_policy.Floor is { } floor && version < floor)
        {
            throw new BundleException(BundleError.BelowFloor, $"version {version} is below the anti-rollback floor {floor}", BundleEntryNames.Manifest);
        }
    }
}
