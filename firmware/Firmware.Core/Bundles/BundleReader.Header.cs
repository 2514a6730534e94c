using System.Security.Cryptography;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Bundles;

/// <content>The entries before the payloads, and reading them without verification for display.</content>
public sealed partial class BundleReader
{
    /// <summary>
    /// Reads a bundle's manifest, signatures and carried trust files without verifying any
    /// signature, for display (<c>fwtool bundle inspect</c>). Structure is still checked strictly.
    /// Never base a decision on the result: use <see cref="ReadManifestAsync"/>.
    /// </summary>
    /// <exception cref="BundleException">The entries are malformed.</exception>
    public static async ValueTask<BundleHeader> ReadHeaderUnverifiedAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var reader = new BundleReader(stream, null!, verifying: false);
        return await reader.ReadHeaderEntriesAsync(cancellationToken);
    }

    private async ValueTask<BundleHeader> ReadHeaderEntriesAsync(CancellationToken cancellationToken)
    {
        var manifestBytes = await ReadSmallEntryAsync(BundleEntryNames.Manifest, BundleLimits.MaxManifestBytes, cancellationToken);
        var manifest = ManifestRules.Parse(manifestBytes);

        // Every header carries the manifest's creation time: nothing in a header is free to vary.
        _created = manifest.Created.ToUnixTimeSeconds();
        if (_firstModificationTime != _created)
        {
            throw new BundleException(BundleError.HeaderInvalid, $"modification time {_firstModificationTime} differs from the manifest's created time {_created}", BundleEntryNames.Manifest, 0);
        }

        _expected.Add(BundleEntryNames.Signatures);
        _expected.AddRange((manifest.Trust ?? []).Select(t => BundleEntryNames.Trust(t.Version)));
        _expected.AddRange(manifest.Payloads.Select(p => BundleEntryNames.Payload(p.Name)));

        var signatureBytes = await ReadSmallEntryAsync(BundleEntryNames.Signatures, BundleLimits.MaxSignaturesBytes, cancellationToken);
        var signatures = StrictJson.Decode(signatureBytes, FirmwareJsonContext.Default.DetachedSignatures, BundleError.SignatureMalformed, BundleEntryNames.Signatures);
        StrictJson.RequireElements(signatures.Signatures, "$.signatures", BundleError.SignatureMalformed, BundleEntryNames.Signatures);
        if (signatures.PayloadType != PreAuthEncoding.ManifestType)
        {
            throw new BundleException(BundleError.SignatureMalformed, $"payload type '{signatures.PayloadType}' is not '{PreAuthEncoding.ManifestType}'", BundleEntryNames.Signatures);
        }

        // The entry is not itself signed, so it is held to the one encoding the writer produces.
        if (!StrictJson.Encode(signatures, FirmwareJsonContext.Default.DetachedSignatures).AsSpan().SequenceEqual(signatureBytes))
        {
            throw new BundleException(BundleError.SignatureMalformed, "signature entry is not in canonical form (compact JSON as the writer emits it)", BundleEntryNames.Signatures);
        }

        var carried = new List<TrustFile>();
        foreach (var reference in manifest.Trust ?? [])
        {
            carried.Add(await ReadTrustAsync(reference, cancellationToken));
        }

        return new BundleHeader(manifest, manifestBytes, signatures, carried);
    }

    private async ValueTask<TrustFile> ReadTrustAsync(TrustReference reference, CancellationToken cancellationToken)
    {
        var name = BundleEntryNames.Trust(reference.Version);
        var bytes = await ReadSmallEntryAsync(name, TrustFile.MaxBytes, cancellationToken);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != reference.Sha256)
        {
            throw new BundleException(BundleError.TrustMismatch, "trust file does not match the digest in the manifest", name);
        }

        var trust = TrustFile.Parse(bytes, name);
        return trust.Version == reference.Version
            ? trust
            : throw new BundleException(BundleError.TrustMismatch, $"trust file holds version {trust.Version}, not {reference.Version}", name);
    }
}
